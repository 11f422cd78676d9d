-- 0006: reserved for the change-log rework on another branch (triggers generated from the
-- schema). This placeholder only keeps the numbers without gaps on the `records` branch;
-- the real 0006 replaces it when the branches are merged.
SELECT 1;
