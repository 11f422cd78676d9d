"""People: members, their privacy (purge, export), duplicates, folding two records of one person, bulk add."""
