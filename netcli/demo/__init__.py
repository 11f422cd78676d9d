"""``netcli demo``: the sample data from the seed reports."""
