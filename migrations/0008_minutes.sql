-- 0008: what a รายงานการประชุม (ระเบียบงานสารบรรณ ข้อ 25, แบบที่ 11) needs that a meeting did not
-- hold: its number in the year (ครั้งที่ 1/2567), the start and end time, the minute-taker, the
-- agenda items with their resolutions (มติ), and who was absent with the reason. Set by
-- `meeting log|edit` (--session --start-time --end-time --minute-taker --agenda) and
-- `meeting attend --absent --reason`; printed by `meeting report --minutes`.
-- New tables rather than new meeting columns: the meetings change-log triggers stay as they
-- are. Written to change_log by triggers like every other record.

-- One row per meeting that has any of these (made on first use).
CREATE TABLE meeting_minutes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
    session TEXT,
    start_time TEXT,
    end_time TEXT,
    minute_taker TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- ระเบียบวาระที่ 1, 2, … in order, each with its มติ.
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    resolution TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- ผู้ไม่มาประชุม: a member expected but absent, with the reason (ติดราชการ, ลาป่วย…).
CREATE TABLE absences (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id),
    reason TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (meeting_id, member_id)
);
CREATE INDEX absences_member ON absences (member_id);

CREATE TRIGGER meeting_minutes_log_insert AFTER INSERT ON meeting_minutes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_minutes', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'session', NEW.session, 'start_time', NEW.start_time, 'end_time', NEW.end_time, 'minute_taker', NEW.minute_taker, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_minutes_log_update AFTER UPDATE ON meeting_minutes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_minutes', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'session', OLD.session, 'start_time', OLD.start_time, 'end_time', OLD.end_time, 'minute_taker', OLD.minute_taker, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'session', NEW.session, 'start_time', NEW.start_time, 'end_time', NEW.end_time, 'minute_taker', NEW.minute_taker, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER meeting_minutes_log_delete AFTER DELETE ON meeting_minutes BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'meeting_minutes', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'session', OLD.session, 'start_time', OLD.start_time, 'end_time', OLD.end_time, 'minute_taker', OLD.minute_taker, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER agenda_items_log_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'agenda_items', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'title', NEW.title, 'resolution', NEW.resolution, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER agenda_items_log_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'agenda_items', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'title', OLD.title, 'resolution', OLD.resolution, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'title', NEW.title, 'resolution', NEW.resolution, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER agenda_items_log_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'agenda_items', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'title', OLD.title, 'resolution', OLD.resolution, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER absences_log_insert AFTER INSERT ON absences BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'absences', NEW.id, NEW.uid, 'insert', json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'member_id', NEW.member_id, 'reason', NEW.reason, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER absences_log_update AFTER UPDATE ON absences BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'absences', NEW.id, NEW.uid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'member_id', OLD.member_id, 'reason', OLD.reason, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'member_id', NEW.member_id, 'reason', NEW.reason, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER absences_log_delete AFTER DELETE ON absences BEGIN
    INSERT INTO change_log (actor, command, batch_id, table_name, row_id, row_uid, op, before)
    VALUES ((SELECT actor FROM _context), (SELECT command FROM _context), (SELECT batch_id FROM _context), 'absences', OLD.id, OLD.uid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'member_id', OLD.member_id, 'reason', OLD.reason, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
