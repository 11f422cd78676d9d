"""Excel and CSV exports: the roster, the sign-in sheet and the summary workbook.

Every value goes through :mod:`netcli.files.cells` (string cells, never formulas).
"""
