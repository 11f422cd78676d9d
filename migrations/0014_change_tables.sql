-- 0014: a change-log entry names its table by number (issue 11).
--
-- Every entry, and its (table, row) index, spelled out the table's name: "member_organizations"
-- is 20 bytes, on each of the 17,000 links a 20,000-row import makes, twice. The names now
-- live once in `change_tables`; an entry holds the table's number. The view `change_log`
-- keeps its columns (table_name among them), and its INSTEAD OF triggers take a name.
CREATE TABLE change_tables (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

INSERT INTO change_tables (name)
SELECT table_name FROM change_entries GROUP BY table_name ORDER BY min(id);
-- (every logged table gets its number when its triggers are built: store.changelog)

DROP VIEW change_log;

-- The old table is renamed first (the log triggers follow it, and are rebuilt for the new
-- table after the migration), so that the new one can take its name.
ALTER TABLE change_entries RENAME TO change_entries_old;
DROP INDEX change_entries_row;
DROP INDEX change_entries_batch;
DROP INDEX change_entries_deleted;

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

INSERT INTO change_entries (id, run_id, batch_id, table_id, row_id, row_uid, op, before, after)
SELECT e.id, e.run_id, e.batch_id, t.id, e.row_id, e.row_uid, e.op, e.before, e.after
FROM change_entries_old e JOIN change_tables t ON t.name = e.table_name
ORDER BY e.id;

DROP TABLE change_entries_old;

CREATE INDEX change_entries_row ON change_entries (table_id, row_id);
CREATE INDEX change_entries_batch ON change_entries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX change_entries_deleted ON change_entries (table_id, row_uid) WHERE op = 'delete';

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
