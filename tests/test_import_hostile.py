"""Hostile and broken files: exit 1, one clear line, no traceback, nothing written, memory bounded."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error
from tests.test_import_fixtures import count, write_roster, write_workbook


def _sheet_xml(body: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + body
        + b"</sheetData></worksheet>"
    )


def _replace_sheet(source: Path, target: Path, sheet: bytes) -> Path:
    """Copy a real workbook, swapping in another sheet1.xml."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else src.read(info.filename)
            out.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def _zip_bomb(tmp_path: Path, megabytes: int = 300) -> Path:
    write_workbook(tmp_path / "base.xlsx", {"Sheet1": [["ชื่อ - สกุล"]]})
    target = tmp_path / "bomb.xlsx"
    target.write_bytes(_zip_bomb_bytes(megabytes))
    return target


@functools.cache
def _zip_bomb_bytes(megabytes: int) -> bytes:
    """The bomb, built once per session (deflating 300 MB takes seconds): a real workbook
    whose sheet1.xml is one cell of ``megabytes`` MB, streamed into the zip."""
    with tempfile.TemporaryDirectory() as tmp:
        base = write_workbook(Path(tmp) / "base.xlsx", {"Sheet1": [["ชื่อ - สกุล"]]})
        head, tail = _sheet_xml(b"\0").split(b"\0")
        target = Path(tmp) / "bomb.xlsx"
        with (
            zipfile.ZipFile(base) as src,
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
        ):
            for info in src.infolist():
                if info.filename != "xl/worksheets/sheet1.xml":
                    out.writestr(info.filename, src.read(info.filename))
                    continue
                with out.open(info.filename, "w") as sheet:
                    sheet.write(head + b'<row r="1"><c r="A1" t="inlineStr"><is><t>')
                    block = b"A" * (1 << 20)
                    for _ in range(megabytes):
                        sheet.write(block)
                    sheet.write(b"</t></is></c></row>" + tail)
        return target.read_bytes()


def _billion_laughs(tmp_path: Path) -> Path:
    base = write_workbook(tmp_path / "base.xlsx", {"Sheet1": [["ชื่อ - สกุล"]]})
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [' + entities + b"]>"
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return _replace_sheet(base, tmp_path / "laughs.xlsx", xml)


def _renamed_text(tmp_path: Path) -> Path:
    path = tmp_path / "รายชื่อ.xlsx"
    path.write_text("ชื่อ,จังหวัด\nนายสมชาย รักดี,น่าน\n", encoding="utf-8")
    return path


def _truncated(tmp_path: Path) -> Path:
    full = write_roster(tmp_path / "full.xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(full[: len(full) // 2])
    return path


def _empty_workbook(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    return path


def _no_header(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "numbers.xlsx", {"S": [[1, 2, 3], [4, 5, 6]]})


def _far_cell(tmp_path: Path) -> Path:
    """A real roster with one stray value at the sheet's last cell (an audit found an abort:
    the reader asked for 512 GB)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ชื่อ-สกุล", "จังหวัด"])
    ws.append(["นายไกล เซลล์", "พะเยา"])
    ws["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    return path


def _far_cell_small_dimension(tmp_path: Path) -> Path:
    """The same, with a <dimension> that lies: it says A1:B2."""
    return _rewrite_dimension(tmp_path, b'<dimension ref="A1:B2"/>', "far-lie.xlsx")


def _rewrite_dimension(tmp_path: Path, dimension: bytes, name: str) -> Path:
    import re

    src = _far_cell(tmp_path)
    path = tmp_path / name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", dimension, data)
            zout.writestr(item, data)
    return path


def _far_cell_no_dimension(tmp_path: Path) -> Path:
    """The same, with the sheet's <dimension> taken out (a file that does not say its size)."""
    return _rewrite_dimension(tmp_path, b"", "far-nodim.xlsx")


HOSTILE = {
    "one far cell": (_far_cell, "XFD1048576"),
    "one far cell, no dimension": (_far_cell_no_dimension, "XFD1048576"),
    "one far cell, a dimension that lies": (_far_cell_small_dimension, "XFD1048576"),
    "text renamed .xlsx": (_renamed_text, "ไม่ใช่ไฟล์ Excel"),
    "truncated xlsx": (_truncated, "เสียหายหรือไม่ครบ"),
    "empty workbook": (_empty_workbook, "ไม่มีข้อมูล"),
    "zip bomb": (_zip_bomb, "zip bomb"),
    "billion laughs": (_billion_laughs, "entity"),
    "no header row": (_no_header, "หัวตาราง"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_file_is_refused_in_one_line_and_nothing_is_written(
    cli, db_path: Path, tmp_path: Path, kind: str
) -> None:
    make, words = HOSTILE[kind]
    run = cli("import", str(make(tmp_path)))
    assert_clean_error(run)
    first = run.stderr.strip().splitlines()[0]
    assert words in run.stderr, run.stderr
    assert first.startswith("ผิดพลาด") and len(run.stderr.strip().splitlines()) <= 2
    assert count(db_path, "members") == 0 and count(db_path, "imports") == 0
    assert not list(tmp_path.glob("*.errors.xlsx"))


def test_a_bad_second_file_stops_the_lot_before_anything_is_written(
    cli, db_path: Path, tmp_path: Path
) -> None:
    good = write_roster(tmp_path / "good.xlsx")
    run = cli("import", str(good), str(_truncated(tmp_path)))
    assert_clean_error(run)
    assert not db_path.exists() or count(db_path, "members") == 0


def test_a_formatted_far_cell_is_no_reason_to_refuse(cli, db_path: Path, tmp_path: Path) -> None:
    """A formatted but empty far cell makes the sheet's <dimension> huge; the reader leaves it
    out, and so the roster imports."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(["ชื่อ-สกุล", "จังหวัด"])
    ws.append(["นายไกล เซลล์", "พะเยา"])
    ws["XFD1048576"].font = Font(bold=True)
    wb.save(tmp_path / "styled.xlsx")
    run = cli("import", str(tmp_path / "styled.xlsx"))
    assert run.exit_code == 0, run.stderr
    assert count(db_path, "members") == 1


def test_missing_file_and_folder(cli, tmp_path: Path) -> None:
    assert_clean_error(cli("import", str(tmp_path / "nope.xlsx")))
    assert_clean_error(cli("import", str(tmp_path)))


# Measures one command's peak memory from a small parent of its own: the test process itself
# held the bomb's payload while building it, and a forked child starts out sharing that.
_PEAK = """
import os, resource, subprocess, sys
env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
env.pop("NETCLI_DB", None)
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, encoding="utf-8", env=env)
sys.stdout.write(f"{proc.returncode} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.stdout.write(proc.stderr)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss is POSIX")
@pytest.mark.parametrize("kind", ["zip bomb", "billion laughs", "one far cell"])
def test_hostile_workbook_memory_stays_bounded(db_path: Path, tmp_path: Path, kind: str) -> None:
    path = HOSTILE[kind][0](tmp_path)
    assert path.stat().st_size < 2 << 20  # a small file…
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _PEAK,
            sys.executable,
            "-m",
            "netcli",
            "--db",
            str(db_path),
            "import",
            str(path),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    ).stdout
    status, peak_kb = (int(x) for x in out.splitlines()[0].split())
    assert status == 1 and "Traceback" not in out and "ผิดพลาด" in out
    assert peak_kb < 300 * 1024, f"peak {peak_kb / 1024:.0f} MB"  # …that must not take 1 GB
    assert count(db_path, "members") == 0


def test_a_zip_entry_marked_encrypted_is_refused(cli, tmp_path) -> None:
    """Found by benchmarks/fuzz_roster.py: zipfile raises RuntimeError for such an entry."""
    import io
    import re

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["ชื่อ - สกุล", "จังหวัด"])
    wb.active.append(["นายเอก ทดสอบ", "เชียงใหม่"])
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    # Set the "encrypted" flag bit of every entry, in the local headers and the directory.
    data = re.sub(
        rb"(PK\x03\x04..)(.)", lambda m: m.group(1) + bytes([m.group(2)[0] | 1]), data, flags=re.S
    )
    data = re.sub(
        rb"(PK\x01\x02....)(.)", lambda m: m.group(1) + bytes([m.group(2)[0] | 1]), data, flags=re.S
    )
    path = tmp_path / "locked.xlsx"
    path.write_bytes(data)
    run = cli("import", str(path))
    assert_clean_error(run)
    assert "internal error" not in run.stderr
    assert cli("member", "list", "-f", "json").json() == []


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps file names as raw bytes")
def test_a_file_name_in_cp874_bytes_imports(tmp_path: Path) -> None:
    """A Thai Windows zip unpacked on Linux leaves names as cp874 bytes, not UTF-8."""
    import os

    name = os.fsdecode("รายชื่อ.csv".encode("cp874"))
    (tmp_path / name).write_bytes("ชื่อ-สกุล,จังหวัด\nนายสมชาย ใจดี,ลำปาง\n".encode())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NETCLI_DB", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "netcli",
            "--db",
            str(tmp_path / "t.db"),
            "import",
            name,
            "-f",
            "json",
        ],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    report = json.loads(run.stdout.decode("utf-8"))
    assert report["inserted"] == 1
    assert report["files"][0]["path"] == "รายชื่อ.csv"  # read as the Thai it was
