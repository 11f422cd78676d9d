"""Coverage-guided fuzzing (atheris) of the roster reader: bytes in, a report or BadFile out.

Each input is turned into a file and goes the whole way of ``netcli import --dry-run``:
``netcli.importer.reader.open_source`` (zip checks, calamine, encoding detection, CSV) →
``import_files`` (header detection and mapping, cells to member fields, ``members.prepare``,
duplicate lookup and upsert against a real database, rolled back). Anything but a
``NetcliError`` is a finding. The first input byte picks the shape:

* 0 raw bytes as ``.xlsx``; 1 raw bytes as ``.csv``;
* 2 a well-formed workbook whose cells come from the fuzzer (so that mutations reach the
  header mapping and validation instead of dying on the zip CRC); 3 the same as CSV.

Findings are not fatal by default: each distinct one (exception type + where it was raised)
is written to ``--findings`` with the input that caused it, and fuzzing goes on; peak memory
and slow inputs are reported through libFuzzer's ``-rss_limit_mb`` / ``-timeout``.
Not part of CI (``pip install atheris``)::

    python benchmarks/fuzz_roster.py -max_total_time=600 -rss_limit_mb=1024 -timeout=20 \\
        [--findings benchmarks/out/fuzz] [--stop-on-first] [CORPUS_DIR …]

With no corpus folder, a seed corpus is generated (small real rosters and the hostile
corpus of tests/data/hostile/generate.py, zip bomb made small).
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import io
import os
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

with atheris.instrument_imports():
    from netcli.errors import NetcliError
    from netcli.importer.reader import open_source
    from netcli.importer.run import Options, import_files
    from netcli.store.db import connect

WORK = Path(tempfile.mkdtemp(prefix="netcli-fuzz-"))
CONN = connect(WORK / "fuzz.db")
FINDINGS = HERE / "out" / "fuzz"
STOP_ON_FIRST = False
SEEN: dict[str, int] = {}
RUNS = [0]


def _cells(fdp: atheris.FuzzedDataProvider) -> list[list[object]]:
    rows = []
    for _ in range(fdp.ConsumeIntInRange(1, 8)):
        row: list[object] = []
        for _ in range(fdp.ConsumeIntInRange(0, 8)):
            kind = fdp.ConsumeIntInRange(0, 5)
            if kind == 0:
                row.append(fdp.ConsumeIntInRange(-(10**12), 10**12))
            elif kind == 1:
                row.append(fdp.ConsumeRegularFloat())
            elif kind == 2:
                row.append(None)
            else:
                row.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40)))
        rows.append(row)
    # A plausible header row half of the time, so that rows get mapped and validated.
    if fdp.ConsumeBool():
        rows.insert(0, ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "ตำบล", "อำเภอ", "จังหวัด", "เบอร์โทร"])
    return rows


def _xml(text: str) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # XML 1.0 forbids most control characters.
    return "".join(c for c in out if c in "\t\n\r" or ord(c) >= 0x20)


def _workbook(rows: list[list[object]]) -> bytes:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if value is None:
                continue
            if isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml(str(value))}</t></is></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    hostile = _cached_hostile()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", hostile._CONTENT_TYPES)
        zf.writestr("_rels/.rels", hostile._RELS)
        zf.writestr("xl/workbook.xml", hostile._WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", hostile._WORKBOOK_RELS)
        zf.writestr("xl/sharedStrings.xml", hostile._shared_strings())
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            hostile._SHEET_OPEN.format(doctype="") + "".join(body) + hostile._SHEET_CLOSE,
        )
    return buf.getvalue()


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _csv(rows: list[list[object]]) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf).writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue().encode("utf-8", "surrogatepass")


def _file(data: bytes) -> Path:
    if not data:
        data = b"\x00"
    shape, payload = data[0] % 4, data[1:]
    if shape == 0:
        path, content = WORK / "in.xlsx", payload
    elif shape == 1:
        path, content = WORK / "in.csv", payload
    else:
        rows = _cells(atheris.FuzzedDataProvider(payload))
        if shape == 2:
            path, content = WORK / "in.xlsx", _workbook(rows)
        else:
            path, content = WORK / "in.csv", _csv(rows)
    path.write_bytes(content)
    return path


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    RUNS[0] += 1
    path = _file(data)
    try:
        source = open_source(str(path))
        try:
            import_files(CONN, [source], Options(dry_run=True))
        finally:
            source.close()
    except NetcliError:
        return
    except Exception as exc:  # a finding: anything but our own error
        if CONN.in_transaction:
            CONN.execute("ROLLBACK")
        _record(exc, data)
        if STOP_ON_FIRST:
            raise


def _record(exc: BaseException, data: bytes) -> None:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
    SEEN[key] = SEEN.get(key, 0) + 1
    if SEEN[key] > 1:
        return
    FINDINGS.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    (FINDINGS / f"input-{digest}.bin").write_bytes(data)
    with (FINDINGS / "findings.txt").open("a", encoding="utf-8") as f:
        f.write(f"== {key} (input-{digest}.bin, run {RUNS[0]})\n")
        f.write("".join(traceback.format_exception(exc))[-3000:] + "\n")
    sys.stderr.write(f"\nFINDING: {key}: {str(exc)[:200]}\n")


def _hostile():
    spec = importlib.util.spec_from_file_location(
        "hostile_generate", ROOT / "tests" / "data" / "hostile" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _hostile.module = module  # type: ignore[attr-defined]
    return module


def _cached_hostile():
    return getattr(_hostile, "module", None) or _hostile()


def seed_corpus(folder: Path) -> Path:
    """Small real rosters plus the hostile corpus, each prefixed with its shape byte."""
    folder.mkdir(parents=True, exist_ok=True)
    hostile = _cached_hostile()
    files = hostile.generate(WORK / "hostile", bomb_target=8 * 1024 * 1024)
    for name, p in files.items():
        shape = b"\x00" if name.endswith(".xlsx") else b"\x01"
        (folder / f"seed-{name}").write_bytes(shape + p.read_bytes())
    wb = hostile._roster_workbook(30)
    buf = io.BytesIO()
    wb.save(buf)
    (folder / "seed-roster.xlsx").write_bytes(b"\x00" + buf.getvalue())
    csv_text = (
        "ที่,ชื่อ - สกุล,ตำบล,อำเภอ,จังหวัด,เบอร์โทร\n1,นายประกิจ เสาร์แก้ว,ป่าไผ่,สันทราย,เชียงใหม่,812345678\n"
    )
    (folder / "seed-roster.csv").write_bytes(b"\x01" + csv_text.encode())
    (folder / "seed-roster-cp874.csv").write_bytes(b"\x01" + csv_text.encode("cp874"))
    return folder


def main() -> None:
    global STOP_ON_FIRST, FINDINGS
    args = list(sys.argv)
    if "--stop-on-first" in args:
        args.remove("--stop-on-first")
        STOP_ON_FIRST = True
    if "--findings" in args:
        i = args.index("--findings")
        FINDINGS = Path(args[i + 1])
        del args[i : i + 2]
    _cached_hostile()
    atexit.register(lambda: print(f"\nruns {RUNS[0]}, findings {SEEN}", file=sys.stderr))
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(str(seed_corpus(WORK / "corpus")))
    atheris.Setup(args, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("NETCLI_USER", "fuzz")
    main()
