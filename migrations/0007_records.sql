-- 0007: records that hold what the reports say (issue 12).
-- Organizations with dated figures, members in several organizations, coverage of
-- provinces and regions by meetings and networks, dates known only to the month/year or
-- approximately, head-counts reported as "กว่า …", co-organizers, presentations.
-- Change-log triggers are written out below in the style of 0001 (the schema-generated
-- triggers of the change-log rework replace them).

-- Meetings: how much of the date is known; "กว่า 70 คน"; co-organizers (JSON list).
ALTER TABLE meetings ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day'
    CHECK (date_precision IN ('day', 'month', 'year', 'fiscal_year'));
ALTER TABLE meetings ADD COLUMN date_approximate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN participants_at_least INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN co_organizers TEXT;

-- A presenter's topic (role ผู้นำเสนอ) at a meeting.
ALTER TABLE attendance ADD COLUMN topic TEXT;

-- Organizations (องค์กร/กลุ่ม/กองทุน/ชมรม/สภา/สมาคม/มูลนิธิ/หน่วยงาน).
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    name TEXT NOT NULL,
    kind TEXT,
    subdistrict TEXT,
    subdistrict_code TEXT,
    district TEXT,
    district_code TEXT,
    province TEXT,
    province_code TEXT,
    leader_member_id INTEGER REFERENCES members(id),
    phone TEXT,
    notes TEXT,
    deleted_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX organizations_name ON organizations (name, province_code) WHERE deleted_at IS NULL;
CREATE INDEX organizations_province ON organizations (province_code, kind) WHERE deleted_at IS NULL;
CREATE INDEX organizations_leader ON organizations (leader_member_id);

-- Dated figures an organization reports (a fund every year); the date may be a year only.
CREATE TABLE organization_figures (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    as_of TEXT NOT NULL,
    as_of_end TEXT NOT NULL,
    as_of_precision TEXT NOT NULL DEFAULT 'day'
        CHECK (as_of_precision IN ('day', 'month', 'year', 'fiscal_year')),
    as_of_approximate INTEGER NOT NULL DEFAULT 0,
    villages INTEGER,
    member_count INTEGER,
    capital_satang INTEGER,
    notes TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (organization_id, as_of, as_of_end, as_of_precision),
    CHECK (as_of_end >= as_of)
);

-- Members belong to organizations (several), in the order given; role in the organization.
CREATE TABLE member_organizations (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    member_id INTEGER NOT NULL REFERENCES members(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    role TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (member_id, organization_id)
);
CREATE INDEX member_organizations_org ON member_organizations (organization_id);

-- Provinces a meeting covers (with or without a host province); via_region names the
-- region the province came from when one was given.
CREATE TABLE meeting_coverage (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    province TEXT NOT NULL,
    province_code TEXT NOT NULL,
    via_region TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (meeting_id, province_code)
);
CREATE INDEX meeting_coverage_province ON meeting_coverage (province_code, meeting_id);

CREATE TABLE network_coverage (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    province TEXT NOT NULL,
    province_code TEXT NOT NULL,
    via_region TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (network_id, province_code)
);
CREATE INDEX network_coverage_province ON network_coverage (province_code, network_id);

-- The change-log triggers of these tables (and of meetings and attendance, which gained
-- columns) are generated from the schema after the migrations (netcli/store/changelog.py).

