"""The member roster (ทะเบียนรายชื่อ) as an Excel workbook or a CSV file.

The header names are the ones rosters arrive with and ``netcli import`` maps, so an
exported roster imports back unchanged (a member's several organizations share the หน่วยงาน
cell as "A; B", which import reads as those organizations). Phones and ID numbers are text; every string is
written through :func:`netcli.files.cells.put`, so nothing can run as a formula.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from netcli.errors import ValidationError
from netcli.files import cells

SPLITS = ("province", "district", "network")
NO_NETWORK = "ไม่สังกัดเครือข่าย"
NO_PROVINCE = "ไม่ระบุจังหวัด"


def _phone(value: str | None) -> str | None:
    if not value:
        return None
    from netcli.thai.phones import format_phone

    try:
        return format_phone(value)
    except ValidationError:
        return value


def _organizations(m: dict[str, Any]) -> str | None:
    """Every organization of the member in one cell, "A; B" (import reads it back so)."""
    from netcli.people.organizations import join_names

    return join_names(m.get("organizations") or []) or m.get("organization")


def _thai_date(value: str | None) -> str | None:
    if not value:
        return None
    from netcli.thai.dates import format_date

    return format_date(date.fromisoformat(value[:10]))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    value: Callable[[dict[str, Any]], Any]
    text: bool = False  # always a text cell (phones, IDs, village numbers)


def _get(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda m: m.get(key)


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("full_name", "ชื่อ - สกุล", _get("full_name")),
        Column("role", "ตำแหน่ง", _get("role")),
        Column("organization", "หน่วยงาน", lambda m: _organizations(m)),
        Column("sector", "ภาคส่วน", _get("sector")),
        Column("issue_areas", "ประเด็น", lambda m: ", ".join(m.get("issue_areas") or []) or None),
        Column("village", "หมู่ที่", _get("village"), text=True),
        Column("subdistrict", "ตำบล", _get("subdistrict")),
        Column("district", "อำเภอ", _get("district")),
        Column("province", "จังหวัด", _get("province")),
        Column("phone", "โทรศัพท์", lambda m: _phone(m.get("phone")), text=True),
        Column("email", "อีเมล", _get("email")),
        Column("line_id", "ไลน์", _get("line_id"), text=True),
        Column("national_id", "เลขบัตรประชาชน", _get("national_id"), text=True),
        Column("joined_on", "วันที่เข้าร่วม", lambda m: _thai_date(m.get("joined_on"))),
        Column("networks", "เครือข่าย", lambda m: ", ".join(m.get("networks") or []) or None),
        Column("notes", "หมายเหตุ", _get("notes")),
    )
}
DEFAULT_COLUMNS = (
    "full_name",
    "role",
    "organization",
    "sector",
    "issue_areas",
    "village",
    "subdistrict",
    "district",
    "province",
    "phone",
    "email",
    "line_id",
    "joined_on",
    "notes",
)
NUMBER_HEADER = "ที่"
ROSTER_TITLE = "ทะเบียนรายชื่อสมาชิกเครือข่ายพัฒนาสังคม"


def choose_columns(names: Sequence[str] | None, *, show_national_id: bool) -> list[Column]:
    """The columns asked for (English keys or Thai headers, comma-separated or repeated)."""
    if not names:
        keys = list(DEFAULT_COLUMNS)
        if show_national_id:
            keys.insert(keys.index("phone") + 1, "national_id")
        return [COLUMNS[k] for k in keys]
    by_header = {c.header: c for c in COLUMNS.values()}
    chosen: list[Column] = []
    for raw in names:
        for part in str(raw).split(","):
            name = part.strip()
            if not name or name == NUMBER_HEADER:
                continue
            column = COLUMNS.get(name) or by_header.get(name)
            if column is None:
                import difflib

                choices = [*COLUMNS, *by_header]
                close = difflib.get_close_matches(name, choices, n=1, cutoff=0.5)
                raise ValidationError(
                    f"ไม่รู้จักคอลัมน์ '{name}' (unknown column); ใช้ได้: {', '.join(COLUMNS)}",
                    code="unknown-column",
                    field="columns",
                    value=name,
                    suggestion=close[0] if close else None,
                )
            if column.key == "national_id" and not show_national_id:
                raise ValidationError(
                    "เลขบัตรประชาชนส่งออกได้เมื่อขอด้วย --show-national-id เท่านั้น"
                    " (national IDs only with --show-national-id)",
                    code="bad-option",
                    field="columns",
                    value=name,
                )
            if column not in chosen:
                chosen.append(column)
    if not chosen:
        raise ValidationError("ไม่มีคอลัมน์ให้ส่งออก (no columns)", code="missing-value", field="columns")
    return chosen


SORT_COLUMNS = ("province", "district", "subdistrict", "first_name", "last_name")
ORDER_TABLE = "temp.roster_order"


def order_members(
    conn: sqlite3.Connection,
    *,
    province: str | None = None,
    network: str | None = None,
    direct: bool = False,
    region: str | None = None,
) -> tuple[Any, int]:
    """Put the live members in Thai order by province, district, subdistrict and name into
    ``temp.roster_order`` (a network's members include those of its sub-networks unless
    ``direct``); returns (the filter, how many). Only the distinct values are sorted in
    Python (pythainlp's collation); SQLite orders the ids by their ranks: memory stays small
    however many members there are."""
    from netcli.people.members import MemberFilter, member_where
    from netcli.thai.collation import thai_sort_key

    f = MemberFilter(province=province, region=region, network=network, direct=direct)
    where, params = member_where(conn, f)
    joins, ranks = [], []
    for column in SORT_COLUMNS:
        table = f"temp.roster_rank_{column}"
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(f"CREATE TABLE {table} (value TEXT PRIMARY KEY, r INTEGER NOT NULL)")
        values = [
            row[0]
            for row in conn.execute(f"SELECT DISTINCT m.{column} FROM members m{where}", params)
        ]
        keyed = sorted((thai_sort_key(v), v) for v in values if v is not None)
        rank, previous, rows = 0, None, []
        for key, value in keyed:
            if key != previous:
                rank, previous = rank + 1, key
            rows.append((value, rank))
        conn.executemany(f"INSERT INTO {table} (value, r) VALUES (?, ?)", rows)
        empty = dict(rows).get("", rank + 1)  # None sorts with "" (last), as thai_sort_key does
        alias = f"r_{column}"
        joins.append(f" LEFT JOIN {table} {alias} ON {alias}.value = m.{column}")
        ranks.append(f"coalesce({alias}.r, {empty})")
    conn.execute(f"DROP TABLE IF EXISTS {ORDER_TABLE}")
    conn.execute(
        f"CREATE TABLE {ORDER_TABLE} (pos INTEGER PRIMARY KEY, member_id INTEGER NOT NULL)"
    )
    conn.execute(
        f"INSERT INTO {ORDER_TABLE} (member_id) SELECT m.id FROM members m{''.join(joins)}{where}"
        f" ORDER BY {', '.join(ranks)}, m.id",
        params,
    )
    for column in SORT_COLUMNS:
        conn.execute(f"DROP TABLE temp.roster_rank_{column}")
    total = conn.execute(f"SELECT count(*) FROM {ORDER_TABLE}").fetchone()[0]
    return f, int(total)


def ordered_members(
    conn: sqlite3.Connection, f: Any, *, show_national_id: bool = False
) -> Iterator[dict[str, Any]]:
    """The members of ``temp.roster_order`` in its order, streamed."""
    from netcli.people.members import list_members

    return list_members(conn, f, show_national_id=show_national_id, order_table=ORDER_TABLE)


def roster_members(
    conn: sqlite3.Connection,
    *,
    province: str | None = None,
    network: str | None = None,
    show_national_id: bool = False,
    direct: bool = False,
    region: str | None = None,
) -> list[dict[str, Any]]:
    """Live members in roster order, as a list (small rosters, tests)."""
    f, _ = order_members(conn, province=province, network=network, direct=direct, region=region)
    return list(ordered_members(conn, f, show_national_id=show_national_id))


def _group_keys(m: dict[str, Any], split_by: str | None) -> list[tuple[tuple[Any, ...], str]]:
    """The sheets (key, label) a member goes on."""
    if split_by is None:
        return [((), "รายชื่อสมาชิก")]
    if split_by == "network":
        return [((n,), n) for n in m["networks"]] or [((None,), NO_NETWORK)]
    if split_by == "province":
        return [((m["province"],), m["province"] or NO_PROVINCE)]
    label = m["district"] or f"ไม่ระบุอำเภอ {m['province'] or ''}".strip()
    return [((m["province"], m["district"]), label)]


@dataclass
class _Sheet:
    label: str
    members: int = 0
    widths: dict[int, int] | None = None
    ws: Any = None
    row: int = 1
    writer: Any = None


def _plan(
    members: Iterator[dict[str, Any]], split_by: str | None, chosen: list[Column]
) -> tuple[list[tuple[tuple[Any, ...], _Sheet]], int]:
    """First pass: the sheets in Thai order, with their member counts and column widths."""
    from netcli.thai.collation import thai_sort_key

    headers = [NUMBER_HEADER, *(c.header for c in chosen)]
    sheets: dict[tuple[Any, ...], _Sheet] = {}
    total = 0
    for m in members:
        total += 1
        values = [c.value(m) for c in chosen]
        for key, label in _group_keys(m, split_by):
            sheet = sheets.get(key)
            if sheet is None:
                sheet = sheets[key] = _Sheet(
                    label, widths={i: cells.display_width(h) for i, h in enumerate(headers, 1)}
                )
            sheet.members += 1
            widths = sheet.widths
            assert widths is not None
            widths[1] = max(widths[1], cells.display_width(sheet.members))
            for col, value in enumerate(values, start=2):
                if value is not None:
                    widths[col] = max(widths[col], cells.display_width(value))
    if split_by == "district":
        # The same district name in two provinces (เมือง… aside, e.g. บ้านนา): say which.
        counts: dict[str, int] = {}
        for sheet in sheets.values():
            counts[sheet.label] = counts.get(sheet.label, 0) + 1
        for key, sheet in sheets.items():
            if counts[sheet.label] > 1 and key[0]:
                sheet.label = f"{sheet.label} ({key[0]})"
    order = sorted(sheets, key=lambda k: tuple((v is None, thai_sort_key(v)) for v in k))
    return [(k, sheets[k]) for k in order], total


def _describe(
    province: str | None, network: str | None, split_by: str | None, region: str | None = None
) -> list[tuple[str, str]]:
    split_th = {"province": "จังหวัด", "district": "อำเภอ", "network": "เครือข่าย"}
    scope = " ".join(part for part in (f"จังหวัด{province}" if province else None, region) if part)
    rows = [("ขอบเขต", scope or "ทุกจังหวัด")]
    if network:
        rows.append(("เครือข่าย", network))
    if split_by:
        rows.append(("แยกแผ่นงานตาม", split_th[split_by]))
    return rows


def write_roster(
    conn: sqlite3.Connection,
    path: Path | str,
    *,
    province: str | None = None,
    network: str | None = None,
    split_by: str | None = None,
    columns: Sequence[str] | None = None,
    show_national_id: bool = False,
    fmt: str | None = None,
    today: date | None = None,
    direct: bool = False,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    """Write the roster to ``path`` (xlsx, or csv by ``fmt`` or the file's extension).

    ``progress(done, total)`` is called as rows are written (the last step is saving).
    Returns ``{"path", "format", "members", "sheets": [{"name", "members"}]}``.
    """
    fmt = (fmt or ("csv" if str(path).lower().endswith(".csv") else "xlsx")).lower()
    if fmt not in ("xlsx", "csv"):
        raise ValidationError(
            f"รูปแบบ '{fmt}' ใช้ไม่ได้: xlsx หรือ csv (unknown format)",
            code="bad-option",
            field="format",
        )
    if split_by is not None and split_by not in SPLITS:
        raise ValidationError(
            f"--split-by ต้องเป็น {', '.join(SPLITS)} (unknown '{split_by}')",
            code="bad-option",
            field="split_by",
            value=split_by,
        )
    if fmt == "csv" and split_by:
        raise ValidationError(
            "CSV มีแผ่นงานเดียว: --split-by ใช้กับ xlsx เท่านั้น (--split-by needs xlsx)",
            code="bad-option",
            field="split_by",
        )
    path = cells.check_output(path, (".csv",) if fmt == "csv" else (".xlsx",), force=force)
    chosen = choose_columns(columns, show_national_id=show_national_id)
    if network:
        from netcli.store.resolve import network_id

        network = conn.execute(
            "SELECT name FROM networks WHERE id = ?", (network_id(conn, network),)
        ).fetchone()[0]
    if province:
        from netcli.thai.places import resolve_province

        province = resolve_province(province)[0]
    if region:
        from netcli.networks.regions import find_region

        region = find_region(conn, region).name
    # Streamed: the ids in Thai order in a temporary table, the members read in that order
    # (twice for a workbook: widths and sheets first, then the rows), never all in memory.
    f, total = order_members(conn, province=province, network=network, direct=direct, region=region)

    def members() -> Iterator[dict[str, Any]]:
        return ordered_members(conn, f, show_national_id=show_national_id)

    today = today or date.today()
    if fmt == "csv":

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as out:
                _write_csv(out, members(), chosen)

        cells.replace_into(path, write, force=force)
        sheets = [{"name": path.name, "members": total}]
        if progress is not None:
            progress(1, 1)
    else:
        plan, total = _plan(members(), split_by, chosen)
        with cells.private_temp(path):
            sheets = _write_xlsx(
                path,
                plan,
                members,
                split_by,
                chosen,
                _describe(province, network, split_by, region),
                today,
                total,
                force=force,
                progress=progress,
            )
    conn.execute(f"DROP TABLE IF EXISTS {ORDER_TABLE}")
    return {"path": str(path), "format": fmt, "members": total, "sheets": sheets}


def roster_csv(members: Iterable[dict[str, Any]], chosen: list[Column]) -> str:
    """The roster as CSV text: Thai header, one row per member, formula-safe fields."""
    buffer = io.StringIO()
    _write_csv(buffer, members, chosen)
    return buffer.getvalue()


def _write_csv(out: Any, members: Iterable[dict[str, Any]], chosen: list[Column]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([NUMBER_HEADER, *(c.header for c in chosen)])
    number = 0
    for number, m in enumerate(members, start=1):
        values = []
        for c in chosen:
            value = c.value(m)
            values.append("" if value is None else cells.csv_safe(str(value)))
        writer.writerow([number, *values])
    return number


def _write_xlsx(
    path: Path,
    plan: list[tuple[tuple[Any, ...], _Sheet]],
    members: Callable[[], Iterator[dict[str, Any]]],
    split_by: str | None,
    chosen: list[Column],
    scope: list[tuple[str, str]],
    today: date,
    total: int,
    *,
    force: bool,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """A write-only (streamed) workbook: "about this file" first, then one sheet per group;
    each sheet is set up (widths, frozen panes) before its first row and its rows go
    straight to disk."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    from netcli import __version__
    from netcli.thai.dates import format_date

    wb = cells.new_workbook(write_only=True)
    taken: set[str] = set()
    about = wb.create_sheet(cells.sheet_title("เกี่ยวกับไฟล์นี้", taken))
    bold = cells.font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    border = cells.thin_border()
    centre = Alignment(horizontal="center", vertical="center")
    number_style = cells.style(about, border=border, alignment=centre)
    data_style = cells.style(about, border=border)
    text_style = cells.style(about, border=border, number_format="@")
    header_style = cells.style(about, font=bold, border=border, alignment=centre, fill=header_fill)
    headers = [NUMBER_HEADER, *(c.header for c in chosen)]
    if not plan:
        plan = [
            (
                (),
                _Sheet(
                    "รายชื่อสมาชิก",
                    widths={i: cells.display_width(h) for i, h in enumerate(headers, 1)},
                ),
            )
        ]
    sheets = [
        {"name": cells.sheet_title(sheet.label, taken), "members": sheet.members}
        for _, sheet in plan
    ]

    # "About this file" (written whole before the rosters: a write-only sheet goes in order).
    lines: list[tuple[str, Any]] = [
        ("จัดทำเมื่อ", format_date(today)),
        *scope,
        ("จำนวนสมาชิก", f"{total:,} คน"),
        ("แผ่นงาน", "; ".join(f"{s['name']} ({s['members']:,} คน)" for s in sheets)),
        ("ข้อมูลส่วนบุคคล", "ใช้ตามวัตถุประสงค์ที่เจ้าของข้อมูลให้ความยินยอมเท่านั้น"
                            " (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) ห้ามเผยแพร่ต่อ"),
        ("จัดทำโดย", f"netcli {__version__}"),
    ]  # fmt: skip
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    cells.thai_rows(about)
    cells.fit_width(about, landscape=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    # Open on the (first) roster, not on "about this file"; one selected tab only, or Excel
    # opens the sheets grouped and an edit lands on all of them. (A write-only sheet writes
    # its view with its first row: set before it.)
    about.sheet_view.tabSelected = False
    about.append(
        [
            cells.stream_cell(
                about, ROSTER_TITLE, cell_font=cells.font(bold=True, size=cells.TITLE_SIZE)
            )
        ]
    )
    about.append([])
    for i, (label, value) in enumerate(lines, start=3):
        lines_needed = 1 + cells.display_width(value) // 95
        if lines_needed > 1:
            about.row_dimensions[i].height = cells.ROW_HEIGHT * lines_needed
        about.append(
            [
                cells.stream_cell(about, label, cell_font=bold),
                cells.stream_cell(about, value, alignment=wrap),
            ]
        )

    by_key: dict[tuple[Any, ...], _Sheet] = {}
    for (key, sheet), info in zip(plan, sheets, strict=True):
        ws = sheet.ws = wb.create_sheet(info["name"])
        by_key[key] = sheet
        cells.thai_rows(ws)
        widths = sheet.widths or {}
        cells.set_widths(ws, {col: [w] for col, w in widths.items()})
        ws.sheet_view.tabSelected = key == plan[0][0]
        ws.freeze_panes = "B2"  # the header row and the number column stay in view
        ws.row_dimensions[1].height = 24
        ws.append([cells.stream_cell(ws, h, style=header_style) for h in headers])
        # From here on every row goes through one writer per sheet (reused styled cells).
        sheet.writer = cells.RowWriter(
            ws,
            [(number_style, False)]
            + [(text_style if c.text else data_style, c.text) for c in chosen],
        )
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.members + 1}"
        ws.print_title_rows = "1:1"  # the header row on every printed page
        cells.fit_width(ws, landscape=True)
        title = ROSTER_TITLE if len(plan) == 1 else f"{ROSTER_TITLE} — {sheet.label}"
        ws.oddHeader.center.text = title.replace("&", "&&")
        ws.oddHeader.center.font = cells.FONT_NAME
        ws.oddFooter.center.text = "หน้า &P / &N"
        ws.oddFooter.center.font = cells.FONT_NAME
        ws.oddFooter.right.text = format_date(today)
        ws.oddFooter.right.font = cells.FONT_NAME
    wb.active = 1

    steps = total + 1  # every member, then saving
    for written, m in enumerate(members(), start=1):
        values = [c.value(m) for c in chosen]
        for key, _label in _group_keys(m, split_by):
            sheet = by_key[key]
            sheet.writer.append([sheet.row, *values])
            sheet.row += 1
        if progress is not None and written % 200 == 0:
            progress(written, steps)
    if progress is not None:
        progress(total, steps)
    cells.save_workbook(wb, path, force=force)
    if progress is not None:
        progress(steps, steps)
    return sheets
