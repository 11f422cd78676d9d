-- 0015: no index on import_rows.import_id (issue 11: 9 bytes a member of a 20,000-row import).
--
-- One import writes its rows at a time, so they are one range of ids: netcli.importer.run reads
-- them by id (`id > the last id before the import`), not by import_id. The index on member_id
-- stays: removing a member checks that no import row still names it.
DROP INDEX IF EXISTS import_rows_import;
