"""A damaged or unusual bundle zip is refused in one clear line (issue 14): an entry
flagged encrypted, an unknown compression method, sizes the directory gets wrong."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_clean_error

DB_NAME = "netcli.db"
MANIFEST = "manifest.json"


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def patch_entry(data: bytes, name: str, **fields: int) -> bytes:
    """Rewrite header fields of one entry, in its local header and the central directory.

    ``flags``, ``method``, ``csize``, ``usize``: ``local_only``/``central_only`` limit where.
    """
    buf = bytearray(data)
    local = {"flags": (6, "<H"), "method": (8, "<H"), "csize": (18, "<I"), "usize": (22, "<I")}
    central = {"flags": (8, "<H"), "method": (10, "<H"), "csize": (20, "<I"), "usize": (24, "<I")}
    where = fields.pop("where", 3)  # 1 local, 2 central, 3 both
    raw = name.encode()
    for sig, layout, name_at, bit in (
        (b"PK\x03\x04", local, 30, 1),
        (b"PK\x01\x02", central, 46, 2),
    ):
        if not where & bit:
            continue
        start = 0
        while (i := buf.find(sig, start)) >= 0:
            start = i + 4
            if bytes(buf[i + name_at : i + name_at + len(raw)]) != raw:
                continue
            for key, value in fields.items():
                offset, fmt = layout[key]
                struct.pack_into(fmt, buf, i + offset, value)
    return bytes(buf)


@pytest.fixture
def bundle(cli: Any, tmp_path: Path) -> Path:
    src = tmp_path / "src.db"
    ok(cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่", db=src))
    path = tmp_path / "a.netcli"
    ok(cli("export", "bundle", "-o", str(path), db=src))
    return path


CASES = {
    "db-encrypted": (DB_NAME, {"flags": 0x1}),
    "manifest-encrypted": (MANIFEST, {"flags": 0x1}),
    "db-encrypted-local-only": (DB_NAME, {"flags": 0x1, "where": 1}),
    "db-unknown-method": (DB_NAME, {"method": 99}),
    "manifest-unknown-method": (MANIFEST, {"method": 99}),
    "db-bzip2": (DB_NAME, {"method": 12}),
    "db-compressed-size-short": (DB_NAME, {"csize": 10}),
    "db-compressed-size-long": (DB_NAME, {"csize": 10**8}),
    "db-size-zero": (DB_NAME, {"usize": 0}),
    "db-size-huge": (DB_NAME, {"usize": 2**32 - 1}),
    "db-local-size-wrong": (DB_NAME, {"csize": 5, "where": 1}),
    "manifest-size-wrong": (MANIFEST, {"usize": 3, "csize": 3}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_unusual_bundle_is_refused_in_one_line(
    cli: Any, tmp_path: Path, bundle: Path, case: str
) -> None:
    name, fields = CASES[case]
    bad = tmp_path / f"{case}.netcli"
    bad.write_bytes(patch_entry(bundle.read_bytes(), name, **dict(fields)))
    here = tmp_path / "here.db"
    ok(cli("init", db=here))
    before = ok(cli("member", "list", "-f", "json", db=here)).json()
    for args in (("merge", str(bad)), ("import", str(bad))):
        run = cli(*args, "-f", "json", db=here)
        assert_clean_error(run)
        assert run.json()["error"]["code"] in ("bad-file", "bad-database"), run.stdout
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert len(lines) <= 2 and "bundle" in run.stderr or "netcli" in run.stderr, run.stderr
    assert ok(cli("member", "list", "-f", "json", db=here)).json() == before


def test_the_untouched_bundle_still_merges(cli: Any, tmp_path: Path, bundle: Path) -> None:
    here = tmp_path / "here.db"
    report = ok(cli("merge", str(bundle), "-f", "json", db=here)).json()
    assert report["tables"]["members"]["inserted"] == 1
