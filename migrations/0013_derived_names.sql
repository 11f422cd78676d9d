-- 0013: a member's written name and name key computed from the name's parts (issue 11).
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

-- Everything that names the two columns goes first (the log triggers are rebuilt from the
-- new columns after the migration; the search triggers are made again below).
DROP TRIGGER IF EXISTS members_log_insert;
DROP TRIGGER IF EXISTS members_log_update;
DROP TRIGGER IF EXISTS members_log_delete;
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
