-- 0004: covering indexes for `netcli summary` (issue 5): every figure is a GROUP BY that reads
-- one index from end to end (or one province's part of it) without touching the tables.
-- Measured on 1,000,000 members / 100,000 meetings: the member tree 0.98 s -> 0.18 s, the
-- meeting tree 0.42 s -> 0.14 s (benchmarks/summary_bench.py).

-- province -> district -> subdistrict counts of live members, names included (a tambon kept
-- as written has no code, so the names are part of the group).
CREATE INDEX IF NOT EXISTS members_tree
    ON members (province_code, district_code, district, subdistrict_code, subdistrict)
    WHERE deleted_at IS NULL;

-- Meetings per place and kind with their days, head-counts, budget and network, filtered by
-- first day: everything the summary adds up, in one index.
CREATE INDEX IF NOT EXISTS meetings_summary
    ON meetings (province_code, district_code, district, subdistrict_code, subdistrict, kind,
                 start_date, end_date, participants, budget_satang, network_id)
    WHERE deleted_at IS NULL;

-- The few removed meetings (their attendance is kept): lets a national count of distinct
-- attendees read the attendance index alone and subtract those who attended only these.
CREATE INDEX IF NOT EXISTS meetings_removed ON meetings (id) WHERE deleted_at IS NOT NULL;
