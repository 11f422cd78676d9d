-- 0006: a compact change log (issue 11).
--
-- The change-log triggers are no longer written by hand: netcli.store.changelog builds them
-- from each logged table's columns, and the migration runner (re)creates them after the
-- migrations (the 27 triggers of 0001 are replaced then). An insert now records only that
-- the row was born (who, when, command, batch): no copy of the row, no row_uid (the row has
-- it). An update records only the columns that changed. A delete keeps the whole row.
-- Entries written before this migration keep their full copies; readers take both forms.
--
-- The history of a record is read by (table_name, row_id) (change_log_row); the uid index
-- of 0005 cost ~80 bytes an entry and is replaced by one on the few delete entries, which
-- is all a merge looks up by uid (was this record deleted here or there?).
DROP INDEX IF EXISTS change_log_row_uid;
CREATE INDEX change_log_deleted ON change_log (table_name, row_uid) WHERE op = 'delete';

-- The schema cookie (PRAGMA schema_version) the triggers were last built for, and a
-- fingerprint of the code that built them: an open that finds both unchanged skips the
-- comparison of every logged table's columns with its triggers.
CREATE TABLE _changelog (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    schema_version INTEGER,
    generator TEXT
);
INSERT INTO _changelog (id) VALUES (1);
