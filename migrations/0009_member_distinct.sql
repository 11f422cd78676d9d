-- 0009: `member distinct A B` (two members are different people: never listed as a
-- probable duplicate pair again), and who/when on each side of a merge conflict.

-- A pair of members that are not one person. A record like any other (logged, merged
-- between laptops and carried in bundles, member ids translated through uids); the pair
-- is unordered: (a, b) and (b, a) mean the same, `member distinct --undo` deletes both.
CREATE TABLE member_distinct (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    member_a INTEGER NOT NULL REFERENCES members(id),
    member_b INTEGER NOT NULL REFERENCES members(id),
    note TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX member_distinct_pair ON member_distinct (member_a, member_b);
CREATE INDEX member_distinct_b ON member_distinct (member_b);

-- A removal on one laptop against an edit on the other: who did each and when.
ALTER TABLE conflicts ADD COLUMN mine_by TEXT;
ALTER TABLE conflicts ADD COLUMN mine_at TEXT;
ALTER TABLE conflicts ADD COLUMN theirs_by TEXT;
ALTER TABLE conflicts ADD COLUMN theirs_at TEXT;
