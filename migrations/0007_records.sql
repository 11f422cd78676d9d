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

-- meetings gained columns: its triggers are written again with them.
DROP TRIGGER IF EXISTS meetings_log_insert;
DROP TRIGGER IF EXISTS meetings_log_update;
DROP TRIGGER IF EXISTS meetings_log_delete;
CREATE TRIGGER meetings_log_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'title', NEW.title, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'batch', NEW.batch, 'venue', NEW.venue, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'organizers', NEW.organizers, 'chair', NEW.chair, 'speakers', NEW.speakers, 'participants', NEW.participants, 'participants_note', NEW.participants_note, 'funding_source', NEW.funding_source, 'budget_satang', NEW.budget_satang, 'network_id', NEW.network_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'date_precision', NEW.date_precision, 'date_approximate', NEW.date_approximate, 'participants_at_least', NEW.participants_at_least, 'co_organizers', NEW.co_organizers));
END;
CREATE TRIGGER meetings_log_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'title', OLD.title, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'batch', OLD.batch, 'venue', OLD.venue, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'organizers', OLD.organizers, 'chair', OLD.chair, 'speakers', OLD.speakers, 'participants', OLD.participants, 'participants_note', OLD.participants_note, 'funding_source', OLD.funding_source, 'budget_satang', OLD.budget_satang, 'network_id', OLD.network_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'date_precision', OLD.date_precision, 'date_approximate', OLD.date_approximate, 'participants_at_least', OLD.participants_at_least, 'co_organizers', OLD.co_organizers), json_object('id', NEW.id, 'uid', NEW.uid, 'title', NEW.title, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'batch', NEW.batch, 'venue', NEW.venue, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'organizers', NEW.organizers, 'chair', NEW.chair, 'speakers', NEW.speakers, 'participants', NEW.participants, 'participants_note', NEW.participants_note, 'funding_source', NEW.funding_source, 'budget_satang', NEW.budget_satang, 'network_id', NEW.network_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'date_precision', NEW.date_precision, 'date_approximate', NEW.date_approximate, 'participants_at_least', NEW.participants_at_least, 'co_organizers', NEW.co_organizers));
END;
CREATE TRIGGER meetings_log_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'title', OLD.title, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'batch', OLD.batch, 'venue', OLD.venue, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'organizers', OLD.organizers, 'chair', OLD.chair, 'speakers', OLD.speakers, 'participants', OLD.participants, 'participants_note', OLD.participants_note, 'funding_source', OLD.funding_source, 'budget_satang', OLD.budget_satang, 'network_id', OLD.network_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'date_precision', OLD.date_precision, 'date_approximate', OLD.date_approximate, 'participants_at_least', OLD.participants_at_least, 'co_organizers', OLD.co_organizers));
END;

-- attendance gained columns: its triggers are written again with them.
DROP TRIGGER IF EXISTS attendance_log_insert;
DROP TRIGGER IF EXISTS attendance_log_update;
DROP TRIGGER IF EXISTS attendance_log_delete;
CREATE TRIGGER attendance_log_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'member_id', NEW.member_id, 'role', NEW.role, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'topic', NEW.topic));
END;
CREATE TRIGGER attendance_log_update AFTER UPDATE ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'member_id', OLD.member_id, 'role', OLD.role, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'topic', OLD.topic), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'member_id', NEW.member_id, 'role', NEW.role, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'topic', NEW.topic));
END;
CREATE TRIGGER attendance_log_delete AFTER DELETE ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'member_id', OLD.member_id, 'role', OLD.role, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'topic', OLD.topic));
END;

CREATE TRIGGER organizations_log_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organizations', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'kind', NEW.kind, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'leader_member_id', NEW.leader_member_id, 'phone', NEW.phone, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER organizations_log_update AFTER UPDATE ON organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organizations', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'kind', OLD.kind, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'leader_member_id', OLD.leader_member_id, 'phone', OLD.phone, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'kind', NEW.kind, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'leader_member_id', NEW.leader_member_id, 'phone', NEW.phone, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER organizations_log_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organizations', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'kind', OLD.kind, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'leader_member_id', OLD.leader_member_id, 'phone', OLD.phone, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER organization_figures_log_insert AFTER INSERT ON organization_figures BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organization_figures', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'organization_id', NEW.organization_id, 'as_of', NEW.as_of, 'as_of_end', NEW.as_of_end, 'as_of_precision', NEW.as_of_precision, 'as_of_approximate', NEW.as_of_approximate, 'villages', NEW.villages, 'member_count', NEW.member_count, 'capital_satang', NEW.capital_satang, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER organization_figures_log_update AFTER UPDATE ON organization_figures BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organization_figures', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'organization_id', OLD.organization_id, 'as_of', OLD.as_of, 'as_of_end', OLD.as_of_end, 'as_of_precision', OLD.as_of_precision, 'as_of_approximate', OLD.as_of_approximate, 'villages', OLD.villages, 'member_count', OLD.member_count, 'capital_satang', OLD.capital_satang, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'organization_id', NEW.organization_id, 'as_of', NEW.as_of, 'as_of_end', NEW.as_of_end, 'as_of_precision', NEW.as_of_precision, 'as_of_approximate', NEW.as_of_approximate, 'villages', NEW.villages, 'member_count', NEW.member_count, 'capital_satang', NEW.capital_satang, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER organization_figures_log_delete AFTER DELETE ON organization_figures BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'organization_figures', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'organization_id', OLD.organization_id, 'as_of', OLD.as_of, 'as_of_end', OLD.as_of_end, 'as_of_precision', OLD.as_of_precision, 'as_of_approximate', OLD.as_of_approximate, 'villages', OLD.villages, 'member_count', OLD.member_count, 'capital_satang', OLD.capital_satang, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER member_organizations_log_insert AFTER INSERT ON member_organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'member_organizations', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'member_id', NEW.member_id, 'organization_id', NEW.organization_id, 'role', NEW.role, 'position', NEW.position, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER member_organizations_log_update AFTER UPDATE ON member_organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'member_organizations', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'member_id', OLD.member_id, 'organization_id', OLD.organization_id, 'role', OLD.role, 'position', OLD.position, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'member_id', NEW.member_id, 'organization_id', NEW.organization_id, 'role', NEW.role, 'position', NEW.position, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER member_organizations_log_delete AFTER DELETE ON member_organizations BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'member_organizations', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'member_id', OLD.member_id, 'organization_id', OLD.organization_id, 'role', OLD.role, 'position', OLD.position, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER meeting_coverage_log_insert AFTER INSERT ON meeting_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_coverage', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'province', NEW.province, 'province_code', NEW.province_code, 'via_region', NEW.via_region, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_coverage_log_update AFTER UPDATE ON meeting_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_coverage', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'province', OLD.province, 'province_code', OLD.province_code, 'via_region', OLD.via_region, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'province', NEW.province, 'province_code', NEW.province_code, 'via_region', NEW.via_region, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_coverage_log_delete AFTER DELETE ON meeting_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_coverage', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'province', OLD.province, 'province_code', OLD.province_code, 'via_region', OLD.via_region, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER network_coverage_log_insert AFTER INSERT ON network_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'network_coverage', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'network_id', NEW.network_id, 'province', NEW.province, 'province_code', NEW.province_code, 'via_region', NEW.via_region, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER network_coverage_log_update AFTER UPDATE ON network_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'network_coverage', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'network_id', OLD.network_id, 'province', OLD.province, 'province_code', OLD.province_code, 'via_region', OLD.via_region, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'network_id', NEW.network_id, 'province', NEW.province, 'province_code', NEW.province_code, 'via_region', NEW.via_region, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER network_coverage_log_delete AFTER DELETE ON network_coverage BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'network_coverage', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'network_id', OLD.network_id, 'province', OLD.province, 'province_code', OLD.province_code, 'via_region', OLD.via_region, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
