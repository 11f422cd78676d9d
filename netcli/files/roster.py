"""The member roster (ทะเบียนรายชื่อ) as an Excel workbook or a CSV file.

The header names are the ones rosters arrive with and ``netcli import`` maps, so an
exported roster imports back unchanged. Phones and ID numbers are text; every string is
written through :func:`netcli.files.cells.put`, so nothing can run as a formula.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Sequence
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
        Column("organization", "หน่วยงาน", _get("organization")),
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


def roster_members(
    conn: sqlite3.Connection,
    *,
    province: str | None = None,
    network: str | None = None,
    show_national_id: bool = False,
    direct: bool = False,
) -> list[dict[str, Any]]:
    """Live members, in Thai order by province, district, subdistrict and name (a network's
    members include those of its sub-networks unless ``direct``)."""
    from netcli.people.members import MemberFilter, list_members
    from netcli.thai.collation import thai_sort_key

    rows = list(
        list_members(
            conn,
            MemberFilter(province=province, network=network, direct=direct),
            show_national_id=show_national_id,
        )
    )
    rows.sort(
        key=lambda m: (
            thai_sort_key(m["province"]),
            thai_sort_key(m["district"]),
            thai_sort_key(m["subdistrict"]),
            thai_sort_key(m["first_name"]),
            thai_sort_key(m["last_name"]),
        )
    )
    return rows


def _groups(
    members: list[dict[str, Any]], split_by: str | None
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(sheet label, members) per group, groups in Thai order, empty-place groups last."""
    if split_by is None:
        return [("รายชื่อสมาชิก", members)]
    from netcli.thai.collation import thai_sort_key

    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    labels: dict[tuple[Any, ...], str] = {}
    for m in members:
        if split_by == "network":
            keys = [(n,) for n in m["networks"]] or [(None,)]
            for key in keys:
                labels[key] = key[0] or NO_NETWORK
                groups.setdefault(key, []).append(m)
            continue
        if split_by == "province":
            key = (m["province"],)
            labels[key] = m["province"] or NO_PROVINCE
        else:
            key = (m["province"], m["district"])
            labels[key] = m["district"] or f"ไม่ระบุอำเภอ {m['province'] or ''}".strip()
        groups.setdefault(key, []).append(m)
    if split_by == "district":
        # The same district name in two provinces (เมือง… aside, e.g. บ้านนา): say which.
        counts: dict[str, int] = {}
        for label in labels.values():
            counts[label] = counts.get(label, 0) + 1
        for key, label in labels.items():
            if counts[label] > 1 and key[0]:
                labels[key] = f"{label} ({key[0]})"
    order = sorted(groups, key=lambda k: tuple((v is None, thai_sort_key(v)) for v in k))
    return [(labels[k], groups[k]) for k in order]


def _describe(
    province: str | None, network: str | None, split_by: str | None
) -> list[tuple[str, str]]:
    split_th = {"province": "จังหวัด", "district": "อำเภอ", "network": "เครือข่าย"}
    rows = [("ขอบเขต", f"จังหวัด{province}" if province else "ทุกจังหวัด")]
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
) -> dict[str, Any]:
    """Write the roster to ``path`` (xlsx, or csv by ``fmt`` or the file's extension).

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
    members = roster_members(
        conn, province=province, network=network, show_national_id=show_national_id, direct=direct
    )
    today = today or date.today()
    if fmt == "csv":
        cells.atomic_write_bytes(path, roster_csv(members, chosen).encode("utf-8-sig"), force=force)
        sheets = [{"name": path.name, "members": len(members)}]
    else:
        groups = _groups(members, split_by)
        sheets = _write_xlsx(path, groups, chosen, _describe(province, network, split_by), today)
    return {"path": str(path), "format": fmt, "members": len(members), "sheets": sheets}


def roster_csv(members: list[dict[str, Any]], chosen: list[Column]) -> str:
    """The roster as CSV text: Thai header, one row per member, formula-safe fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([NUMBER_HEADER, *(c.header for c in chosen)])
    for number, m in enumerate(members, start=1):
        values = []
        for c in chosen:
            value = c.value(m)
            values.append("" if value is None else cells.csv_safe(str(value)))
        writer.writerow([number, *values])
    return buffer.getvalue()


def _write_xlsx(
    path: Path,
    groups: list[tuple[str, list[dict[str, Any]]]],
    chosen: list[Column],
    scope: list[tuple[str, str]],
    today: date,
) -> list[dict[str, Any]]:
    from openpyxl.styles import Alignment, PatternFill

    from netcli import __version__
    from netcli.thai.dates import format_date

    wb = cells.new_workbook()
    about = wb.active
    taken: set[str] = set()
    about.title = cells.sheet_title("เกี่ยวกับไฟล์นี้", taken)
    bold = cells.font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    border = cells.thin_border()
    centre = Alignment(horizontal="center", vertical="center")
    number_style = cells.style(about, border=border, alignment=centre)
    data_style = cells.style(about, border=border)
    text_style = cells.style(about, border=border, number_format="@")

    sheets: list[dict[str, Any]] = []
    headers = [NUMBER_HEADER, *(c.header for c in chosen)]
    for label, members in groups:
        ws = wb.create_sheet(cells.sheet_title(label, taken))
        cells.thai_rows(ws)
        widths: dict[int, list[int]] = {
            i: [cells.display_width(h)] for i, h in enumerate(headers, 1)
        }
        for col, header in enumerate(headers, start=1):
            cell = cells.put(ws, 1, col, header, cell_font=bold, border=border, alignment=centre)
            cell.fill = header_fill
        ws.row_dimensions[1].height = 24
        for number, m in enumerate(members, start=1):
            row = number + 1
            cells.put(ws, row, 1, number, style=number_style)
            widths[1].append(cells.display_width(number))
            for col, c in enumerate(chosen, start=2):
                value = c.value(m)
                cells.put(
                    ws, row, col, value, text=c.text, style=text_style if c.text else data_style
                )
                widths[col].append(cells.display_width(value))
        cells.set_widths(ws, widths)
        ws.freeze_panes = "B2"  # the header row and the number column stay in view
        ws.auto_filter.ref = (
            f"A1:{ws.cell(row=1, column=len(headers)).column_letter}{len(members) + 1}"
        )
        ws.print_title_rows = "1:1"  # the header row on every printed page
        cells.fit_width(ws, landscape=True)
        title = ROSTER_TITLE if len(groups) == 1 else f"{ROSTER_TITLE} — {label}"
        ws.oddHeader.center.text = title.replace("&", "&&")
        ws.oddHeader.center.font = cells.FONT_NAME
        ws.oddFooter.center.text = "หน้า &P / &N"
        ws.oddFooter.center.font = cells.FONT_NAME
        ws.oddFooter.right.text = format_date(today)
        ws.oddFooter.right.font = cells.FONT_NAME
        sheets.append({"name": ws.title, "members": len(members)})

    total = len({id(m) for _, ms in groups for m in ms})
    lines: list[tuple[str, Any]] = [
        ("จัดทำเมื่อ", format_date(today)),
        *scope,
        ("จำนวนสมาชิก", f"{total:,} คน"),
        ("แผ่นงาน", "; ".join(f"{s['name']} ({s['members']:,} คน)" for s in sheets)),
        ("ข้อมูลส่วนบุคคล", "ใช้ตามวัตถุประสงค์ที่เจ้าของข้อมูลให้ความยินยอมเท่านั้น"
                            " (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) ห้ามเผยแพร่ต่อ"),
        ("จัดทำโดย", f"netcli {__version__}"),
    ]  # fmt: skip
    cells.put(
        about,
        1,
        1,
        ROSTER_TITLE,
        cell_font=cells.font(bold=True, size=cells.TITLE_SIZE),
    )
    for i, (label, value) in enumerate(lines, start=3):
        cells.put(about, i, 1, label, cell_font=bold)
        cells.put(about, i, 2, value, alignment=Alignment(wrap_text=True, vertical="top"))
        lines_needed = 1 + cells.display_width(value) // 95
        if lines_needed > 1:
            about.row_dimensions[i].height = cells.ROW_HEIGHT * lines_needed
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    cells.thai_rows(about)
    cells.fit_width(about, landscape=True)
    if len(wb.worksheets) > 1:
        # Open on the (first) roster, not on "about this file"; one selected tab only, or
        # Excel opens the sheets grouped and an edit lands on all of them.
        about.sheet_view.tabSelected = False
        wb.active = 1
        wb.worksheets[1].sheet_view.tabSelected = True
    cells.save_workbook(wb, path)
    return sheets
