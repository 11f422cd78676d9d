-- 0012: a smaller file (issue 11: at most 1,000 bytes a member after a 20,000-row import;
-- 1,258 before this migration, 989 after it).
--
-- 1. The change log: who, when and which command once a command, and the table by number.
--    Every entry carried its time stamp, actor, command and table name: about 60 bytes, the
--    same for each of the 37,000 entries of a 20,000-row import. They now live once in
--    `change_runs` (one row a command, or a migration; a merge adds one for each command of
--    the other laptop whose history it copies) and `change_tables`; an entry in
--    `change_entries` names its run and its table's number. `change_log` stays as a view with
--    the same columns: every reader reads it as before. An entry's time is its command's
--    (when the command began; which entry came first is the order of ids, as before).
-- 2. A member's full_name and name_key computed from the name parts (generated columns).
-- 3. No index on import_rows.import_id: one import writes its rows at a time, so they are one
--    range of ids, and netcli.importer.run reads them by id.
--
-- Every log trigger goes first: the ALTER TABLEs below re-read the whole schema each time,
-- and the triggers are most of it. The runner rebuilds them from the new columns right after
-- this migration (netcli.store.changelog.sync_triggers).
DROP TRIGGER IF EXISTS regions_log_insert;
DROP TRIGGER IF EXISTS regions_log_update;
DROP TRIGGER IF EXISTS regions_log_delete;
DROP TRIGGER IF EXISTS networks_log_insert;
DROP TRIGGER IF EXISTS networks_log_update;
DROP TRIGGER IF EXISTS networks_log_delete;
DROP TRIGGER IF EXISTS network_coverage_log_insert;
DROP TRIGGER IF EXISTS network_coverage_log_update;
DROP TRIGGER IF EXISTS network_coverage_log_delete;
DROP TRIGGER IF EXISTS members_log_insert;
DROP TRIGGER IF EXISTS members_log_update;
DROP TRIGGER IF EXISTS members_log_delete;
DROP TRIGGER IF EXISTS member_distinct_log_insert;
DROP TRIGGER IF EXISTS member_distinct_log_update;
DROP TRIGGER IF EXISTS member_distinct_log_delete;
DROP TRIGGER IF EXISTS memberships_log_insert;
DROP TRIGGER IF EXISTS memberships_log_update;
DROP TRIGGER IF EXISTS memberships_log_delete;
DROP TRIGGER IF EXISTS organizations_log_insert;
DROP TRIGGER IF EXISTS organizations_log_update;
DROP TRIGGER IF EXISTS organizations_log_delete;
DROP TRIGGER IF EXISTS organization_figures_log_insert;
DROP TRIGGER IF EXISTS organization_figures_log_update;
DROP TRIGGER IF EXISTS organization_figures_log_delete;
DROP TRIGGER IF EXISTS member_organizations_log_insert;
DROP TRIGGER IF EXISTS member_organizations_log_update;
DROP TRIGGER IF EXISTS member_organizations_log_delete;
DROP TRIGGER IF EXISTS meetings_log_insert;
DROP TRIGGER IF EXISTS meetings_log_update;
DROP TRIGGER IF EXISTS meetings_log_delete;
DROP TRIGGER IF EXISTS meeting_coverage_log_insert;
DROP TRIGGER IF EXISTS meeting_coverage_log_update;
DROP TRIGGER IF EXISTS meeting_coverage_log_delete;
DROP TRIGGER IF EXISTS meeting_days_log_insert;
DROP TRIGGER IF EXISTS meeting_days_log_update;
DROP TRIGGER IF EXISTS meeting_days_log_delete;
DROP TRIGGER IF EXISTS attendance_log_insert;
DROP TRIGGER IF EXISTS attendance_log_update;
DROP TRIGGER IF EXISTS attendance_log_delete;
DROP TRIGGER IF EXISTS outcomes_log_insert;
DROP TRIGGER IF EXISTS outcomes_log_update;
DROP TRIGGER IF EXISTS outcomes_log_delete;
DROP TRIGGER IF EXISTS actions_log_insert;
DROP TRIGGER IF EXISTS actions_log_update;
DROP TRIGGER IF EXISTS actions_log_delete;
DROP TRIGGER IF EXISTS meeting_minutes_log_insert;
DROP TRIGGER IF EXISTS meeting_minutes_log_update;
DROP TRIGGER IF EXISTS meeting_minutes_log_delete;
DROP TRIGGER IF EXISTS agenda_items_log_insert;
DROP TRIGGER IF EXISTS agenda_items_log_update;
DROP TRIGGER IF EXISTS agenda_items_log_delete;
DROP TRIGGER IF EXISTS absences_log_insert;
DROP TRIGGER IF EXISTS absences_log_update;
DROP TRIGGER IF EXISTS absences_log_delete;

-- 1. The change log ------------------------------------------------------------------------
CREATE TABLE change_runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT,
    command TEXT
);

CREATE TABLE change_tables (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE change_entries (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    batch_id INTEGER,
    table_id INTEGER NOT NULL,
    row_id INTEGER NOT NULL,
    row_uid TEXT,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'purge')),
    before TEXT,
    after TEXT
);

INSERT INTO change_runs (at, actor, command)
SELECT at, actor, command FROM change_log GROUP BY at, actor, command ORDER BY min(id);

CREATE INDEX change_runs_who ON change_runs (at, actor, command);

-- (every logged table gets its number when its triggers are built: store.changelog)
INSERT INTO change_tables (name)
SELECT table_name FROM change_log GROUP BY table_name ORDER BY min(id);

INSERT INTO change_entries (id, run_id, batch_id, table_id, row_id, row_uid, op, before, after)
SELECT l.id, r.id, l.batch_id, t.id, l.row_id, l.row_uid, l.op, l.before, l.after
FROM change_log l
JOIN change_runs r ON r.at = l.at AND r.actor IS l.actor AND r.command IS l.command
JOIN change_tables t ON t.name = l.table_name
ORDER BY l.id;

DROP TABLE change_log;

CREATE INDEX change_entries_row ON change_entries (table_id, row_id);
CREATE INDEX change_entries_batch ON change_entries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX change_entries_deleted ON change_entries (table_id, row_uid) WHERE op = 'delete';

-- The run of the command being written: naming a command in _context (netcli.store.db.write,
-- a migration) opens a run, and the log triggers write its id on every entry.
ALTER TABLE _context ADD COLUMN run_id INTEGER;

CREATE TRIGGER _context_run AFTER UPDATE OF actor, command ON _context
WHEN NEW.command IS NOT NULL
 AND (NEW.run_id IS NULL OR NEW.command IS NOT OLD.command OR NEW.actor IS NOT OLD.actor)
BEGIN
    INSERT INTO change_runs (at, actor, command)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.actor, NEW.command);
    UPDATE _context SET run_id = last_insert_rowid() WHERE id = NEW.id;
END;

-- The view and the INSTEAD OF triggers that let netcli's own writers (import undo, purge,
-- people merge, a laptop merge copying the other's history) write through it: an entry
-- written without a time joins the current command's run, one with a time joins the run of
-- that time, actor and command (made if new).
-- LEFT JOINs: an entry is never hidden, and a query joining the log on (table_name, row_id)
-- goes by the table's number to the entries' index (SQLite orders the joins that way).
CREATE VIEW change_log AS
SELECT e.id AS id, r.at AS at, r.actor AS actor, r.command AS command, e.batch_id AS batch_id,
       t.name AS table_name, e.row_id AS row_id, e.row_uid AS row_uid, e.op AS op,
       e.before AS before, e.after AS after
FROM change_entries e
LEFT JOIN change_runs r ON r.id = e.run_id
LEFT JOIN change_tables t ON t.id = e.table_id;

CREATE TRIGGER change_log_insert INSTEAD OF INSERT ON change_log BEGIN
    INSERT INTO change_runs (at, actor, command)
    SELECT coalesce(NEW.at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), NEW.actor, NEW.command
    WHERE NOT EXISTS (
            SELECT 1 FROM _context c JOIN change_runs r ON r.id = c.run_id
            WHERE NEW.at IS NULL AND r.actor IS NEW.actor AND r.command IS NEW.command)
      AND NOT EXISTS (
            SELECT 1 FROM change_runs r
            WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command);
    INSERT OR IGNORE INTO change_tables (name) VALUES (NEW.table_name);
    INSERT INTO change_entries (id, run_id, batch_id, table_id, row_id, row_uid, op, before, after)
    VALUES (
        NEW.id,
        coalesce(
            (SELECT r.id FROM _context c JOIN change_runs r ON r.id = c.run_id
             WHERE NEW.at IS NULL AND r.actor IS NEW.actor AND r.command IS NEW.command),
            (SELECT max(r.id) FROM change_runs r
             WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command),
            (SELECT max(id) FROM change_runs)),
        NEW.batch_id, (SELECT id FROM change_tables WHERE name = NEW.table_name), NEW.row_id,
        NEW.row_uid, NEW.op, NEW.before, NEW.after);
END;

CREATE TRIGGER change_log_delete INSTEAD OF DELETE ON change_log BEGIN
    DELETE FROM change_entries WHERE id = OLD.id;
END;

CREATE TRIGGER change_log_update INSTEAD OF UPDATE ON change_log BEGIN
    INSERT INTO change_runs (at, actor, command)
    SELECT NEW.at, NEW.actor, NEW.command
    WHERE (NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.command IS NOT OLD.command)
      AND NOT EXISTS (
            SELECT 1 FROM change_runs r
            WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command);
    INSERT OR IGNORE INTO change_tables (name) VALUES (NEW.table_name);
    UPDATE change_entries SET
        run_id = CASE
            WHEN NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.command IS OLD.command
            THEN run_id
            ELSE (SELECT max(r.id) FROM change_runs r
                  WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command)
        END,
        batch_id = NEW.batch_id,
        table_id = (SELECT id FROM change_tables WHERE name = NEW.table_name),
        row_id = NEW.row_id, row_uid = NEW.row_uid, op = NEW.op, before = NEW.before,
        after = NEW.after
    WHERE id = OLD.id;
END;

-- 2. Names computed from their parts ----------------------------------------------------------
--
-- full_name ("นายประกิจ เสาร์แก้ว") and name_key ("ประกิจเสาร์แก้ว") were stored beside the
-- prefix, given name and family name they are made of: 130 bytes of a member's 530 (Thai
-- letters take three bytes each). They are now generated columns, computed by SQLite when read
-- (VIRTUAL: nothing stored; the name-key index keeps its own copy, as before):
--
--   full_name = the prefix, glued to the name (นาย, นาง, นางสาว, the monastic and medical
--               titles written out) or followed by a space (ดร., ว่าที่ ร.ต., …) as the
--               stored flag name_glued says (no bytes: SQLite keeps 0 and 1 in the row's
--               header), then the given name, a space and the family name;
--   name_key  = the given name and the family name, joined.
--
-- A name written otherwise (name_key drops dots, hyphens and spaces inside a part; a hand
-- edit) keeps its own text in full_name_written / name_key_written, NULL for every other
-- member. netcli.thai.names.derived_full_name and derived_name_key are these formulas in
-- Python, netcli.store.records.full_name_sql and name_key_sql their SQL (tests/
-- test_derived_names.py holds them equal), and netcli.store.records writes the columns.
-- (The flag, not a list of the prefixes that glue: SQLite computes a generated column each
-- time it is read, and a list cost 8 microseconds a read.)

DROP TRIGGER IF EXISTS members_search_insert;
DROP TRIGGER IF EXISTS members_search_delete;
DROP TRIGGER IF EXISTS members_search_update;
DROP INDEX IF EXISTS members_name_key;

ALTER TABLE members ADD COLUMN name_glued INTEGER;
ALTER TABLE members ADD COLUMN full_name_written TEXT;
ALTER TABLE members ADD COLUMN name_key_written TEXT;

UPDATE members SET name_glued = CASE WHEN prefix <> '' AND full_name = CASE WHEN prefix IS NULL OR prefix = '' THEN first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END WHEN 1 THEN prefix || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END ELSE prefix || ' ' || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END END THEN 1 ELSE 0 END;

UPDATE members SET full_name_written = full_name
WHERE full_name IS NOT (CASE WHEN prefix IS NULL OR prefix = '' THEN first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END WHEN name_glued THEN prefix || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END ELSE prefix || ' ' || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END END);

UPDATE members SET name_key_written = name_key
WHERE name_key IS NOT (first_name || coalesce(last_name, ''));

ALTER TABLE members DROP COLUMN full_name;
ALTER TABLE members DROP COLUMN name_key;

ALTER TABLE members ADD COLUMN full_name TEXT GENERATED ALWAYS AS (coalesce(full_name_written, CASE WHEN prefix IS NULL OR prefix = '' THEN first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END WHEN name_glued THEN prefix || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END ELSE prefix || ' ' || first_name || CASE WHEN last_name IS NULL OR last_name = '' THEN '' ELSE ' ' || last_name END END)) VIRTUAL;

ALTER TABLE members ADD COLUMN name_key TEXT GENERATED ALWAYS AS (coalesce(name_key_written, first_name || coalesce(last_name, ''))) VIRTUAL;

CREATE INDEX members_name_key ON members (name_key, province_code);

-- The search index (0010, 0011) as before; an update reindexes a member whose name parts,
-- organization or role changed (full_name is computed from the parts).
CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_search (rowid, full_name, organization, role)
    VALUES (NEW.id, NEW.full_name, NEW.organization, NEW.role);
END;

CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN
    INSERT INTO member_search (member_search, rowid, full_name, organization, role)
    VALUES ('delete', OLD.id, OLD.full_name, OLD.organization, OLD.role);
END;

CREATE TRIGGER members_search_update
AFTER UPDATE OF id, prefix, first_name, last_name, name_glued, full_name_written, organization, role
ON members BEGIN
    INSERT INTO member_search (member_search, rowid, full_name, organization, role)
    VALUES ('delete', OLD.id, OLD.full_name, OLD.organization, OLD.role);
    INSERT INTO member_search (rowid, full_name, organization, role)
    VALUES (NEW.id, NEW.full_name, NEW.organization, NEW.role);
END;

-- 3. import_rows by id -----------------------------------------------------------------------
DROP INDEX IF EXISTS import_rows_import;
