-- 0012: who, when and which command, once a command instead of once an entry (issue 11).
--
-- Every change-log entry carried its time stamp, actor and command: about 35 bytes an entry,
-- the same 35 bytes for each of the 37,000 entries of a 20,000-row import. They now live once
-- in `change_runs` (one row a command, or one a migration; a merge adds one for each command
-- of the other laptop whose history it copies), and each entry in `change_entries` names its
-- run. On the 20,000-row import the log is 1.4 MB instead of 2.8 MB.
--
-- `change_log` stays, as a view with the same columns: every reader reads it as before. An
-- entry's time is its command's: when the command began (a command's entries had stamps a
-- few seconds apart; which entry came first is the order of ids, as before).
-- The INSTEAD OF triggers let netcli's own writers (import undo, purge, people merge) and
-- older triggers write through the view: an entry written without a time joins the current
-- command's run, one with a time joins the run of that time, actor and command (made if new).
CREATE TABLE change_runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT,
    command TEXT
);

CREATE TABLE change_entries (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    batch_id INTEGER,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    row_uid TEXT,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'purge')),
    before TEXT,
    after TEXT
);

INSERT INTO change_runs (at, actor, command)
SELECT at, actor, command FROM change_log GROUP BY at, actor, command ORDER BY min(id);

CREATE INDEX change_runs_who ON change_runs (at, actor, command);

INSERT INTO change_entries (id, run_id, batch_id, table_name, row_id, row_uid, op, before, after)
SELECT l.id, r.id, l.batch_id, l.table_name, l.row_id, l.row_uid, l.op, l.before, l.after
FROM change_log l JOIN change_runs r
  ON r.at = l.at AND r.actor IS l.actor AND r.command IS l.command
ORDER BY l.id;

DROP TABLE change_log;

CREATE INDEX change_entries_row ON change_entries (table_name, row_id);
CREATE INDEX change_entries_batch ON change_entries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX change_entries_deleted ON change_entries (table_name, row_uid) WHERE op = 'delete';

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

CREATE VIEW change_log AS
SELECT e.id AS id, r.at AS at, r.actor AS actor, r.command AS command, e.batch_id AS batch_id,
       e.table_name AS table_name, e.row_id AS row_id, e.row_uid AS row_uid, e.op AS op,
       e.before AS before, e.after AS after
FROM change_entries e JOIN change_runs r ON r.id = e.run_id;

CREATE TRIGGER change_log_insert INSTEAD OF INSERT ON change_log BEGIN
    INSERT INTO change_runs (at, actor, command)
    SELECT coalesce(NEW.at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), NEW.actor, NEW.command
    WHERE NOT EXISTS (
            SELECT 1 FROM _context c JOIN change_runs r ON r.id = c.run_id
            WHERE NEW.at IS NULL AND r.actor IS NEW.actor AND r.command IS NEW.command)
      AND NOT EXISTS (
            SELECT 1 FROM change_runs r
            WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command);
    INSERT INTO change_entries (id, run_id, batch_id, table_name, row_id, row_uid, op, before, after)
    VALUES (
        NEW.id,
        coalesce(
            (SELECT r.id FROM _context c JOIN change_runs r ON r.id = c.run_id
             WHERE NEW.at IS NULL AND r.actor IS NEW.actor AND r.command IS NEW.command),
            (SELECT max(r.id) FROM change_runs r
             WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command),
            (SELECT max(id) FROM change_runs)),
        NEW.batch_id, NEW.table_name, NEW.row_id, NEW.row_uid, NEW.op, NEW.before, NEW.after);
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
    UPDATE change_entries SET
        run_id = CASE
            WHEN NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.command IS OLD.command
            THEN run_id
            ELSE (SELECT max(r.id) FROM change_runs r
                  WHERE r.at = NEW.at AND r.actor IS NEW.actor AND r.command IS NEW.command)
        END,
        batch_id = NEW.batch_id, table_name = NEW.table_name, row_id = NEW.row_id,
        row_uid = NEW.row_uid, op = NEW.op, before = NEW.before, after = NEW.after
    WHERE id = OLD.id;
END;
