-- 0005: merging laptops (netcli merge), folding duplicate people (member merge/unmerge).

-- A field both laptops changed to different values: this side's value was kept, the
-- other's is recorded here until someone settles it (netcli conflicts --resolve).
-- mine/theirs hold JSON values, so numbers and NULL come back as they were.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    table_name TEXT NOT NULL,
    row_uid TEXT NOT NULL,
    field TEXT NOT NULL,
    mine TEXT,
    theirs TEXT,
    other_db TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    resolved_at TEXT,
    resolution TEXT CHECK (resolution IN ('mine', 'theirs'))
);
CREATE INDEX conflicts_row ON conflicts (table_name, row_uid, field);
CREATE INDEX conflicts_open ON conflicts (id) WHERE resolved_at IS NULL;

-- member merge KEEP OTHER: OTHER's uid now means KEEP, so that records of OTHER arriving
-- later from another laptop land on KEEP.
CREATE TABLE member_aliases (
    alias_uid TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX member_aliases_member ON member_aliases (member_id);

-- One row per member merge. Its change-log rows carry batch_id = -id (negative, so they
-- never mix with import batches), which is what member unmerge replays backwards.
-- No personal data here: the values live in the change log (and go with a purge).
CREATE TABLE member_merges (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    keep_id INTEGER NOT NULL REFERENCES members(id),
    other_id INTEGER NOT NULL REFERENCES members(id),
    keep_uid TEXT NOT NULL,
    other_uid TEXT NOT NULL,
    fields TEXT,
    moved_aliases TEXT,
    actor TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    unmerged_at TEXT
);
CREATE INDEX member_merges_keep ON member_merges (keep_id);
CREATE INDEX member_merges_other ON member_merges (other_id);

-- netcli merge reads a record's history by uid on both sides.
CREATE INDEX change_log_row_uid ON change_log (row_uid, table_name, at);
