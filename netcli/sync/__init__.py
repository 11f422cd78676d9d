"""Laptops: merging another netcli file into this one, conflicts, and bundles."""
