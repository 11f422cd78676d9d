-- 0011: a smaller file (issue 11: at most 1,000 bytes a member after a 20,000-row import).
--
-- The member search index (0010) without positions: `detail = none` keeps only which rows hold
-- which trigrams. On a 20,000-member import it is 1.1 MB instead of 3.1 MB. (The per-row
-- token counts stay: without them FTS5 cannot list its rows, and a dump of the database,
-- Python's iterdump among them, fails on the table.) A phrase query needs positions, so netcli.people.search asks
-- for every trigram of the text (an AND) and checks the candidates with LIKE: the same rows as
-- before, a substring of one column.
DROP TABLE member_search;

CREATE VIRTUAL TABLE member_search USING fts5(
    full_name, organization, role,
    content = '', tokenize = 'trigram', detail = none
);

INSERT INTO member_search (rowid, full_name, organization, role)
SELECT id, full_name, organization, role FROM members;

-- members_tree (0004) starts with the same province and district codes and serves the same
-- lookups; this narrower copy of it cost 22 bytes a member.
DROP INDEX IF EXISTS members_place;

-- import_rows.sheet is NULL for the import's first sheet (the first name in imports.sheets):
-- a one-sheet roster no longer repeats its sheet name on every row.
UPDATE import_rows SET sheet = NULL
WHERE sheet IS NOT NULL
  AND sheet = (SELECT json_extract(i.sheets, '$[0]') FROM imports i WHERE i.id = import_rows.import_id);
