-- 0010: fast member search (issue 16).
-- A full-text index of the text `member list --search` looks in: the full name (which holds the
-- given and family names as written, "สมชาย ใจดี" inside "นายสมชาย ใจดี"), the organization
-- and the role. The trigram tokenizer
-- indexes every run of three characters (code points), which suits Thai: no spaces between
-- words, and a search is a substring. Queries shorter than three characters cannot use it
-- and scan the table instead (netcli.people.search).
--
-- Contentless (content=''): the index keeps no copy of the text, only the trigrams of each
-- row; the triggers below keep it in step with `members` through every write (add, edit,
-- import and its undo, merge, purge). The index is not a record: it is not change-logged,
-- not merged (each laptop builds its own) and is rebuilt from `members` at will.
CREATE VIRTUAL TABLE member_search USING fts5(
    full_name, organization, role,
    content = '', tokenize = 'trigram'
);

INSERT INTO member_search (rowid, full_name, organization, role)
SELECT id, full_name, organization, role FROM members;

CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_search (rowid, full_name, organization, role)
    VALUES (NEW.id, NEW.full_name, NEW.organization, NEW.role);
END;

CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN
    INSERT INTO member_search (member_search, rowid, full_name, organization, role)
    VALUES ('delete', OLD.id, OLD.full_name, OLD.organization, OLD.role);
END;

CREATE TRIGGER members_search_update
AFTER UPDATE OF id, full_name, organization, role ON members BEGIN
    INSERT INTO member_search (member_search, rowid, full_name, organization, role)
    VALUES ('delete', OLD.id, OLD.full_name, OLD.organization, OLD.role);
    INSERT INTO member_search (rowid, full_name, organization, role)
    VALUES (NEW.id, NEW.full_name, NEW.organization, NEW.role);
END;
