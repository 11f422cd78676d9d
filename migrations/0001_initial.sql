-- 0001: the whole record model of product.md.
-- Every record has a random uid (merging laptops later), created_at/updated_at, and is
-- written to change_log by triggers, so no code path can forget the history.

-- One row: who and what is writing now. Each write transaction sets it first
-- (netcli.db.write), and the change-log triggers read it.
CREATE TABLE _context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    actor TEXT,
    command TEXT,
    batch_id INTEGER
);
INSERT INTO _context (id) VALUES (1);

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    actor TEXT,
    command TEXT,
    batch_id INTEGER,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    row_uid TEXT,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'purge')),
    before TEXT,
    after TEXT
);
CREATE INDEX change_log_row ON change_log (table_name, row_id);
CREATE INDEX change_log_batch ON change_log (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    prefix TEXT,
    first_name TEXT NOT NULL,
    last_name TEXT,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    role TEXT,
    organization TEXT,
    sector TEXT,
    issue_areas TEXT,
    village TEXT,
    subdistrict TEXT,
    subdistrict_code TEXT,
    district TEXT,
    district_code TEXT,
    province TEXT,
    province_code TEXT,
    phone TEXT,
    email TEXT,
    line_id TEXT,
    national_id TEXT,
    joined_on TEXT,
    consent_at TEXT,
    consent_purpose TEXT,
    notes TEXT,
    source TEXT,
    deleted_at TEXT,
    purged_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE networks (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    name TEXT NOT NULL,
    level TEXT,
    province TEXT,
    province_code TEXT,
    parent_id INTEGER REFERENCES networks(id),
    notes TEXT,
    deleted_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    network_id INTEGER NOT NULL REFERENCES networks(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT,
    joined_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (network_id, member_id)
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    title TEXT NOT NULL,
    kind TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    batch TEXT,
    venue TEXT,
    subdistrict TEXT,
    subdistrict_code TEXT,
    district TEXT,
    district_code TEXT,
    province TEXT,
    province_code TEXT,
    organizers TEXT,
    chair TEXT,
    speakers TEXT,
    participants INTEGER,
    participants_note TEXT,
    funding_source TEXT,
    budget_satang INTEGER,
    network_id INTEGER REFERENCES networks(id),
    notes TEXT,
    deleted_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    CHECK (end_date >= start_date)
);

CREATE TABLE meeting_days (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (meeting_id, day)
);

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL DEFAULT 'ผู้เข้าร่วม',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (meeting_id, day, member_id),
    FOREIGN KEY (meeting_id, day) REFERENCES meeting_days(meeting_id, day) ON DELETE CASCADE
);

CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
    network_id INTEGER REFERENCES networks(id),
    text TEXT NOT NULL,
    owner_member_id INTEGER REFERENCES members(id),
    owner_text TEXT,
    due_date TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    name TEXT NOT NULL,
    province_code TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (name, province_code)
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    sheets TEXT,
    options TEXT,
    rows INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    actor TEXT,
    undone_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX imports_sha ON imports (sha256);

-- What became of each row of an import (no personal data: the member id says who).
CREATE TABLE import_rows (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    sheet TEXT,
    row_number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('inserted', 'updated', 'unchanged', 'rejected')),
    member_id INTEGER REFERENCES members(id),
    message TEXT
);
CREATE INDEX import_rows_import ON import_rows (import_id);
CREATE INDEX import_rows_member ON import_rows (member_id) WHERE member_id IS NOT NULL;

-- Saved header mappings (import --save-mapping): header signature -> field per column.
CREATE TABLE mappings (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    signature TEXT NOT NULL,
    mapping TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX mappings_signature ON mappings (signature);

-- Indexes for the filters of member list, meeting list, calendar and summary.
CREATE INDEX members_place ON members (province_code, district_code, subdistrict_code) WHERE deleted_at IS NULL;
CREATE INDEX members_name_key ON members (name_key, province_code);
CREATE INDEX members_phone ON members (phone) WHERE phone IS NOT NULL;
CREATE INDEX members_national_id ON members (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX members_sector ON members (province_code, sector) WHERE deleted_at IS NULL;
CREATE INDEX networks_parent ON networks (parent_id);
CREATE UNIQUE INDEX networks_name ON networks (name) WHERE deleted_at IS NULL;
CREATE INDEX memberships_member ON memberships (member_id);
CREATE INDEX meetings_province_date ON meetings (province_code, start_date) WHERE deleted_at IS NULL;
CREATE INDEX meetings_date ON meetings (start_date);
CREATE INDEX meetings_network ON meetings (network_id, start_date);
CREATE INDEX attendance_member ON attendance (member_id);
CREATE INDEX attendance_meeting_member ON attendance (meeting_id, member_id);
CREATE INDEX outcomes_meeting ON outcomes (meeting_id);
CREATE INDEX actions_due ON actions (due_date) WHERE done_at IS NULL;
CREATE INDEX actions_meeting ON actions (meeting_id);
CREATE INDEX actions_owner ON actions (owner_member_id);

CREATE TRIGGER members_log_insert AFTER INSERT ON members BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'members', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'prefix', NEW.prefix, 'first_name', NEW.first_name, 'last_name', NEW.last_name, 'full_name', NEW.full_name, 'name_key', NEW.name_key, 'role', NEW.role, 'organization', NEW.organization, 'sector', NEW.sector, 'issue_areas', NEW.issue_areas, 'village', NEW.village, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'phone', NEW.phone, 'email', NEW.email, 'line_id', NEW.line_id, 'national_id', NEW.national_id, 'joined_on', NEW.joined_on, 'consent_at', NEW.consent_at, 'consent_purpose', NEW.consent_purpose, 'notes', NEW.notes, 'source', NEW.source, 'deleted_at', NEW.deleted_at, 'purged_at', NEW.purged_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER members_log_update AFTER UPDATE ON members BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'members', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'prefix', OLD.prefix, 'first_name', OLD.first_name, 'last_name', OLD.last_name, 'full_name', OLD.full_name, 'name_key', OLD.name_key, 'role', OLD.role, 'organization', OLD.organization, 'sector', OLD.sector, 'issue_areas', OLD.issue_areas, 'village', OLD.village, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'phone', OLD.phone, 'email', OLD.email, 'line_id', OLD.line_id, 'national_id', OLD.national_id, 'joined_on', OLD.joined_on, 'consent_at', OLD.consent_at, 'consent_purpose', OLD.consent_purpose, 'notes', OLD.notes, 'source', OLD.source, 'deleted_at', OLD.deleted_at, 'purged_at', OLD.purged_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'prefix', NEW.prefix, 'first_name', NEW.first_name, 'last_name', NEW.last_name, 'full_name', NEW.full_name, 'name_key', NEW.name_key, 'role', NEW.role, 'organization', NEW.organization, 'sector', NEW.sector, 'issue_areas', NEW.issue_areas, 'village', NEW.village, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'phone', NEW.phone, 'email', NEW.email, 'line_id', NEW.line_id, 'national_id', NEW.national_id, 'joined_on', NEW.joined_on, 'consent_at', NEW.consent_at, 'consent_purpose', NEW.consent_purpose, 'notes', NEW.notes, 'source', NEW.source, 'deleted_at', NEW.deleted_at, 'purged_at', NEW.purged_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER members_log_delete AFTER DELETE ON members BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'members', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'prefix', OLD.prefix, 'first_name', OLD.first_name, 'last_name', OLD.last_name, 'full_name', OLD.full_name, 'name_key', OLD.name_key, 'role', OLD.role, 'organization', OLD.organization, 'sector', OLD.sector, 'issue_areas', OLD.issue_areas, 'village', OLD.village, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'phone', OLD.phone, 'email', OLD.email, 'line_id', OLD.line_id, 'national_id', OLD.national_id, 'joined_on', OLD.joined_on, 'consent_at', OLD.consent_at, 'consent_purpose', OLD.consent_purpose, 'notes', OLD.notes, 'source', OLD.source, 'deleted_at', OLD.deleted_at, 'purged_at', OLD.purged_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER networks_log_insert AFTER INSERT ON networks BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'networks', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'level', NEW.level, 'province', NEW.province, 'province_code', NEW.province_code, 'parent_id', NEW.parent_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER networks_log_update AFTER UPDATE ON networks BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'networks', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'level', OLD.level, 'province', OLD.province, 'province_code', OLD.province_code, 'parent_id', OLD.parent_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'level', NEW.level, 'province', NEW.province, 'province_code', NEW.province_code, 'parent_id', NEW.parent_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER networks_log_delete AFTER DELETE ON networks BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'networks', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'level', OLD.level, 'province', OLD.province, 'province_code', OLD.province_code, 'parent_id', OLD.parent_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER memberships_log_insert AFTER INSERT ON memberships BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'memberships', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'network_id', NEW.network_id, 'member_id', NEW.member_id, 'role', NEW.role, 'joined_on', NEW.joined_on, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER memberships_log_update AFTER UPDATE ON memberships BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'memberships', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'network_id', OLD.network_id, 'member_id', OLD.member_id, 'role', OLD.role, 'joined_on', OLD.joined_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'network_id', NEW.network_id, 'member_id', NEW.member_id, 'role', NEW.role, 'joined_on', NEW.joined_on, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER memberships_log_delete AFTER DELETE ON memberships BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'memberships', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'network_id', OLD.network_id, 'member_id', OLD.member_id, 'role', OLD.role, 'joined_on', OLD.joined_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER meetings_log_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'title', NEW.title, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'batch', NEW.batch, 'venue', NEW.venue, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'organizers', NEW.organizers, 'chair', NEW.chair, 'speakers', NEW.speakers, 'participants', NEW.participants, 'participants_note', NEW.participants_note, 'funding_source', NEW.funding_source, 'budget_satang', NEW.budget_satang, 'network_id', NEW.network_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meetings_log_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'title', OLD.title, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'batch', OLD.batch, 'venue', OLD.venue, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'organizers', OLD.organizers, 'chair', OLD.chair, 'speakers', OLD.speakers, 'participants', OLD.participants, 'participants_note', OLD.participants_note, 'funding_source', OLD.funding_source, 'budget_satang', OLD.budget_satang, 'network_id', OLD.network_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'title', NEW.title, 'kind', NEW.kind, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'batch', NEW.batch, 'venue', NEW.venue, 'subdistrict', NEW.subdistrict, 'subdistrict_code', NEW.subdistrict_code, 'district', NEW.district, 'district_code', NEW.district_code, 'province', NEW.province, 'province_code', NEW.province_code, 'organizers', NEW.organizers, 'chair', NEW.chair, 'speakers', NEW.speakers, 'participants', NEW.participants, 'participants_note', NEW.participants_note, 'funding_source', NEW.funding_source, 'budget_satang', NEW.budget_satang, 'network_id', NEW.network_id, 'notes', NEW.notes, 'deleted_at', NEW.deleted_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meetings_log_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meetings', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'title', OLD.title, 'kind', OLD.kind, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'batch', OLD.batch, 'venue', OLD.venue, 'subdistrict', OLD.subdistrict, 'subdistrict_code', OLD.subdistrict_code, 'district', OLD.district, 'district_code', OLD.district_code, 'province', OLD.province, 'province_code', OLD.province_code, 'organizers', OLD.organizers, 'chair', OLD.chair, 'speakers', OLD.speakers, 'participants', OLD.participants, 'participants_note', OLD.participants_note, 'funding_source', OLD.funding_source, 'budget_satang', OLD.budget_satang, 'network_id', OLD.network_id, 'notes', OLD.notes, 'deleted_at', OLD.deleted_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER meeting_days_log_insert AFTER INSERT ON meeting_days BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_days', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_days_log_update AFTER UPDATE ON meeting_days BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_days', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_days_log_delete AFTER DELETE ON meeting_days BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_days', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER attendance_log_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'member_id', NEW.member_id, 'role', NEW.role, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER attendance_log_update AFTER UPDATE ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'member_id', OLD.member_id, 'role', OLD.role, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'day', NEW.day, 'member_id', NEW.member_id, 'role', NEW.role, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER attendance_log_delete AFTER DELETE ON attendance BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'attendance', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'day', OLD.day, 'member_id', OLD.member_id, 'role', OLD.role, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER outcomes_log_insert AFTER INSERT ON outcomes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'outcomes', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'text', NEW.text, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER outcomes_log_update AFTER UPDATE ON outcomes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'outcomes', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'text', OLD.text, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'text', NEW.text, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER outcomes_log_delete AFTER DELETE ON outcomes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'outcomes', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'text', OLD.text, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER actions_log_insert AFTER INSERT ON actions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'actions', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'network_id', NEW.network_id, 'text', NEW.text, 'owner_member_id', NEW.owner_member_id, 'owner_text', NEW.owner_text, 'due_date', NEW.due_date, 'done_at', NEW.done_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER actions_log_update AFTER UPDATE ON actions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'actions', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'network_id', OLD.network_id, 'text', OLD.text, 'owner_member_id', OLD.owner_member_id, 'owner_text', OLD.owner_text, 'due_date', OLD.due_date, 'done_at', OLD.done_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'network_id', NEW.network_id, 'text', NEW.text, 'owner_member_id', NEW.owner_member_id, 'owner_text', NEW.owner_text, 'due_date', NEW.due_date, 'done_at', NEW.done_at, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER actions_log_delete AFTER DELETE ON actions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'actions', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'network_id', OLD.network_id, 'text', OLD.text, 'owner_member_id', OLD.owner_member_id, 'owner_text', OLD.owner_text, 'due_date', OLD.due_date, 'done_at', OLD.done_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER regions_log_insert AFTER INSERT ON regions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'regions', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'province_code', NEW.province_code, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER regions_log_update AFTER UPDATE ON regions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'regions', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'province_code', OLD.province_code, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'province_code', NEW.province_code, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER regions_log_delete AFTER DELETE ON regions BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'regions', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'province_code', OLD.province_code, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
