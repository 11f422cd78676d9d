"""Roster import: messy Excel and CSV rosters in, members out (``netcli import``).

read (reader) → find the header row and map columns (headers) → cells to member fields and the
one validation path ``members.prepare`` (rows) → upsert in one transaction per file (run) →
rejected rows to an error workbook (errorbook); ``import undo`` replays the change log (undo).
"""
