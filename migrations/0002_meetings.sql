-- 0002: lookups of the network calendar (netcli calendar --network): open actions of a
-- network, and the days of a meeting in order for attendance per day.
CREATE INDEX actions_network ON actions (network_id, due_date) WHERE network_id IS NOT NULL;
CREATE INDEX attendance_meeting_day ON attendance (meeting_id, day, role);
