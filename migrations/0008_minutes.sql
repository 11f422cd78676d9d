-- 0008: what a รายงานการประชุม (ระเบียบงานสารบรรณ ข้อ 25, แบบที่ 11) needs that a meeting did not
-- hold: its number in the year (ครั้งที่ 1/2567), the start and end time, the minute-taker, the
-- agenda items with their resolutions (มติ), and who was absent with the reason. Set by
-- `meeting log|edit` (--session --start-time --end-time --minute-taker --agenda) and
-- `meeting attend --absent --reason`; printed by `meeting report --minutes`.
-- New tables rather than new meeting columns. Their change-log triggers are generated from
-- the schema after the migrations (netcli/store/changelog.py), like every record table's.

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

