"""``netcli summary``: the Thai summary per province, region and fiscal year.

The figures come from :func:`netcli.reports.summary.build_summary`; this module only renders them:
a rich table, Markdown that pastes into a report or a LINE message, JSON, or a workbook.
``render_summary_table`` and ``render_summary_markdown`` are public so that ``demo`` can
print the same summary.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from netcli import i18n
from netcli.cli.output import Format, format_option, info
from netcli.i18n import _
from netcli.reports.summary import (
    ThaiText,
    budget_line,
    funds_lines,
    people_line,
    people_notes,
    title_lines,
    unplaced_line,
)

SummaryFormatOption = Annotated[
    Format,
    format_option(
        Format.table,
        Format.markdown,
        Format.json,
        Format.csv,
        Format.xlsx,
        Format.docx,
        Format.pdf,
        help="table (default), markdown, json, csv (one row per province, then the total),"
        " xlsx, docx or pdf (pdf needs netcli[pdf])",
    ),
]


class Depth(str, Enum):
    province = "province"
    district = "district"
    subdistrict = "subdistrict"


def _counts_text(counts: dict[str, int], unit: str, t: ThaiText) -> str:
    return " · ".join(f"{k} {t.n(v)} {unit}" for k, v in counts.items())


def _where(meeting: dict[str, Any]) -> str:
    place = meeting.get("place_th")
    if place and i18n.language() == "en":  # "จ.แม่ฮ่องสอน" -> "แม่ฮ่องสอน": no Thai abbreviations
        from netcli.thai.places import without_prefixes

        place = without_prefixes(place)
    return " ".join(p for p in (meeting.get("venue"), place) if p)


def _meeting_line(meeting: dict[str, Any], t: ThaiText, *, short: bool = False) -> str:
    text = f"{meeting['title']} — {t.when(meeting, short=short)}"
    where = _where(meeting)
    return f"{text} ณ {where}" if where else text


# --- table --------------------------------------------------------------------------------


def _summary_cols() -> list[Any]:
    from netcli.cli.layout import Col

    return [
        Col("จังหวัด", ident=True),  # never left out; wraps only as a last resort
        Col("สมาชิก\n(คน)", justify="right"),
        Col("อำเภอ/\nตำบล", justify="right", drop=3),
        Col("เครือข่าย", justify="right", drop=4),
        Col("เวที\n(ครั้ง/วัน)", justify="right"),
        Col("ผู้เข้าร่วม\nตามรายงาน", justify="right", drop=2),
        Col("ผู้ลงชื่อ\n(ไม่ซ้ำ)", justify="right", drop=5),
        Col("งบประมาณ\n(บาท)", justify="right"),
        Col("งานค้าง\n(เกินกำหนด)", justify="right", drop=6),
    ]


def _recent_cols() -> list[Any]:
    from netcli.cli.layout import Col

    return [
        Col("จังหวัด", ident=True),
        Col("เวที", wrap=True, min_width=14),
        Col("วันที่"),
        Col("สถานที่", wrap=True, min_width=12, drop=1),
        Col("ผู้เข้าร่วม (คน)", wrap=True, min_width=8, drop=2),
    ]


def _print_text(console: Any, text: str, width: int | None, **kw: Any) -> None:
    """A line of Thai text, wrapped between words when the screen is narrower."""
    if width is not None:
        from netcli.thai.wrap import cell_width, wrap

        if cell_width(text) > width:
            text = "\n".join(wrap(text, width))
    console.print(text, highlight=False, **kw)


def _print_table(
    console: Any,
    cols: list[Any],
    rows: list[tuple[list[str], str | None, bool]],
    width: int | None,
    **table_kw: Any,
) -> None:
    """rows: (cells, style, end_section). Fitted to ``width`` (cli.layout)."""
    from netcli.cli.layout import dropped_note, fit, rich_table

    if i18n.language() == "en":
        from dataclasses import replace

        cols = [replace(c, header=i18n.label(c.header)) for c in cols]
        table_kw["title"] = i18n.label(table_kw["title"]) if table_kw.get("title") else None
    layout = fit(cols, [cells for cells, _kind, _end in rows], width)
    table = rich_table(layout, header_style="bold", **table_kw)
    for cells, (_cells, style, end) in zip(layout.rows, rows, strict=True):
        table.add_row(*cells, style=style, end_section=end)
    if width is None:  # a pipe or a file: print the table whole, however wide
        from netcli.cli.output import unsqueezed_width

        need = unsqueezed_width(table, console.width)
        if need > console.width:
            from rich.console import Console

            console = Console(soft_wrap=False, width=need, file=console.file)
    console.print(table)
    note = dropped_note(layout)
    if note:
        _print_text(console, note, width, style="dim")


def render_summary_table(
    summary: dict[str, Any], *, thai_digits: bool = False, console: Any = None
) -> None:
    """Print the summary as Thai rich tables (stdout unless a rich Console is given).

    On a terminal (or with ``COLUMNS``) everything fits its width: every province's name and
    the total row with members, meetings and budget are always there; other columns are
    stacked, wrapped or left out (``cli.layout``). A pipe without ``COLUMNS`` is not squeezed.
    """
    from rich.console import Console

    from netcli.cli.layout import terminal_width

    english = i18n.language() == "en"
    t = _EnglishText(False) if english else ThaiText(thai_digits)
    if console is None:
        width = terminal_width()
        # Piped or redirected output has no width of its own: do not squeeze it into 80.
        console = Console(soft_wrap=False, width=width or 160)
    else:
        width = console.width
    lines = _english_title(summary) if english else title_lines(summary, thai_digits=thai_digits)
    _print_text(console, lines[0], width, style="bold")
    for line in lines[1:]:
        _print_text(console, line, width)

    rows: list[tuple[list[str], str | None, bool]] = []

    def place_row(label: str, e: dict[str, Any], style: str | None = None) -> None:
        subs = e.get("subdistricts")
        cells = [
            label,
            t.n(e["members"]),
            f"–/{t.n(subs)}" if subs is not None else "",
            "",
            f"{t.n(e['meetings'])}/{t.n(e['meeting_days'])}",
            t.people(e),
            "",
            t.budget(e),
            "",
        ]
        rows.append((cells, style, False))

    def full_row(label: str, e: dict[str, Any], style: str | None = None) -> None:
        cells = [
            label,
            t.n(e["members"]),
            f"{t.n(e['districts'])}/{t.n(e['subdistricts'])}",
            t.n(e["networks"]),
            f"{t.n(e['meetings'])}/{t.n(e['meeting_days'])}",
            t.people(e),
            t.n(e["unique_attendees"]),
            t.budget(e),
            f"{t.n(e['open_actions'])} ({t.n(e['overdue_actions'])})",
        ]
        rows.append((cells, style, False))

    depth = summary.get("depth", "province")
    provinces = summary["provinces"]
    for e in provinces:
        full_row(i18n.label(e["province"]), e)
        if depth == "province":
            continue
        for d in e["by_district"]:
            place_row(
                (f"  {d['district']}" if english else f"  อ.{d['district']}")
                if d["district"]
                else i18n.pick("  (ไม่ระบุอำเภอ)", "  (district not given)"),
                d,
                "dim",
            )
            subs = d.get("by_subdistrict", [])
            if len(subs) == 1 and not subs[0]["subdistrict"]:
                continue  # nothing to say below a district known only by its totals
            for s in subs:
                label = (
                    (f"    {s['subdistrict']}" if english else f"    ต.{s['subdistrict']}")
                    if s["subdistrict"]
                    else i18n.pick("    (ไม่ระบุตำบล)", "    (subdistrict not given)")
                )
                place_row(label, {**s, "subdistricts": None}, "dim")
    total = summary["total"]
    if len(provinces) != 1:
        if rows:
            cells, style, _ = rows[-1]
            rows[-1] = (cells, style, True)
        full_row(
            i18n.pick(
                f"รวม {t.n(total['provinces'])} จังหวัด",
                f"Total, {t.n(total['provinces'])} provinces",
            ),
            total,
            style="bold",
        )
    _print_table(console, _summary_cols(), rows, width)
    if english:
        _english_lines(console, summary, t, width)
    else:
        _thai_lines(console, summary, t, width, thai_digits)
    _recent_table(console, summary, t, width)


def _thai_lines(
    console: Any, summary: dict[str, Any], t: ThaiText, width: int | None, thai_digits: bool
) -> None:
    total = summary["total"]
    provinces = summary["provinces"]

    _print_text(console, budget_line(total, thai_digits=thai_digits), width)
    _print_text(console, people_line(total, thai_digits=thai_digits), width)
    unplaced = unplaced_line(summary, thai_digits=thai_digits)
    if unplaced:
        _print_text(console, unplaced, width)
    for e in provinces:
        for line in funds_lines(e, thai_digits=thai_digits):
            label = e["province"] if len(provinces) != 1 else ""
            _print_text(console, f"{label + ': ' if label else ''}{line}", width)
    if total["by_sector"]:
        _print_text(console, f"สมาชิกตามภาคส่วน: {_counts_text(total['by_sector'], 'คน', t)}", width)
    if total["meeting_kinds"]:
        _print_text(console, f"ประเภทเวที: {_counts_text(total['meeting_kinds'], 'ครั้ง', t)}", width)
    for note in people_notes(summary):
        _print_text(console, note, width, style="dim")


def _recent_table(console: Any, summary: dict[str, Any], t: ThaiText, width: int | None) -> None:
    provinces = summary["provinces"]
    lasts = [e for e in provinces if e["last_meeting"]]
    if lasts:
        recent = []
        for e in lasts:
            m = e["last_meeting"]
            recent.append(
                (
                    [
                        i18n.label(e["province"]),
                        m["title"],
                        t.when(m, short=True),
                        _where(m),
                        (m.get("participants_note") or t.n(m["participants"]))
                        if m["participants"] is not None
                        else i18n.label("ไม่ระบุ"),
                    ],
                    None,
                    False,
                )
            )
        _print_table(console, _recent_cols(), recent, width, title="เวทีล่าสุด", title_justify="left")


class _EnglishText(ThaiText):
    """The figures of the summary table for ``--lang en``: ISO dates, English words."""

    def people(self, e: dict[str, Any]) -> str:
        text = super().people(e)
        return i18n.label(text) if e.get("participants") is None else text.replace("กว่า", "over")

    def budget(self, e: dict[str, Any]) -> str:
        return i18n.label(super().budget(e))

    def when(self, m: dict[str, Any], *, short: bool = False) -> str:
        return i18n.iso_when(
            m["start_date"], m["end_date"], m.get("date_precision"), bool(m.get("date_approximate"))
        )


def _english_title(summary: dict[str, Any]) -> list[str]:
    provinces = summary["provinces"]
    where = ""
    if summary.get("region"):
        where = f": {summary['region']}"
    elif len(provinces) == 1 and provinces[0]["province_code"]:
        where = f": {provinces[0]['province']}"
    elif summary["total"]["provinces"] > 1:
        where = f": {summary['total']['provinces']:,} provinces"
    title = f"Summary of the social development networks{where}"
    if summary.get("network"):
        title += f" · {summary['network']}"
    period = summary["period"]
    start, end = period.get("from"), period.get("to")
    if period.get("fiscal_year"):
        when = f"Fiscal year {period['fiscal_year']} ({start} – {end})"
    elif start and end:
        when = f"Period {start} – {end}"
    elif start:
        when = f"Since {start}"
    elif end:
        when = f"Until {end}"
    else:
        when = "Meetings and budget: all time"
    return [title, when, f"Data as of {summary['as_of']}"]


def _english_lines(console: Any, summary: dict[str, Any], t: ThaiText, width: int | None) -> None:
    total = summary["total"]
    meetings = total.get("meetings", 0)
    if total.get("budget_satang") is None:
        budget = "Total budget: not given" + (" (no meeting stated one)" if meetings else "")
    else:
        budget = f"Total budget {t.baht(total['budget_satang'])} baht"
        if total.get("budget_meetings", 0) < meetings:
            budget += f", from {total['budget_meetings']:,} of {meetings:,} meetings that state one"
    _print_text(console, budget, width)
    if total.get("participants") is None:
        people = "Reported participants: not given"
    else:
        people = f"Reported participants {t.people(total)}"
        if total.get("participants_meetings", 0) < meetings:
            people += (
                f" (from {total['participants_meetings']:,} of {meetings:,} meetings that"
                " report a number)"
            )
    _print_text(console, people, width)
    unplaced = unplaced_line(summary)
    if unplaced:
        _print_text(console, i18n.localized(unplaced), width)
    for e in summary["provinces"]:
        for f in e.get("funds", []):
            from netcli.cli.org import english_figures

            when = i18n.iso_when(f["as_of"], f.get("as_of_end"), f.get("as_of_precision"))
            _print_text(
                console, f"{e['province']}: {f['name']} ({when}): {english_figures(f)}", width
            )
        if e.get("organizations"):
            kinds = " · ".join(f"{k} {v:,}" for k, v in e["organizations"].items())
            _print_text(console, f"{e['province']}: organizations: {kinds}", width)
    if total["by_sector"]:
        sectors = " · ".join(f"{i18n.label(k)} {v:,}" for k, v in total["by_sector"].items())
        _print_text(console, f"Members by sector: {sectors}", width)
    if total["meeting_kinds"]:
        kinds = " · ".join(f"{k} {v:,}" for k, v in total["meeting_kinds"].items())
        _print_text(console, f"Meetings by kind: {kinds}", width)
    _print_text(
        console,
        "Reported participants = the head-counts the meetings reported, added up;"
        " signed (distinct) = members recorded as attending, each counted once",
        width,
        style="dim",
    )
    if any(e.get("participants_shared") for e in summary.get("provinces", [])):
        _print_text(
            console,
            "* includes meetings that cover several provinces: their whole head-count is shown"
            " in each province they cover (not that province's share) and counted once in the"
            " total",
            width,
            style="dim",
        )


# --- markdown -----------------------------------------------------------------------------


def _md(text: str) -> str:
    """Escape what Markdown would take as markup in user text (names, titles, venues)."""
    out = text
    for ch in ("\\", "*", "_", "`", "|", "[", "]", "<", ">", "#"):
        out = out.replace(ch, "\\" + ch)
    return out


def _md_entry(e: dict[str, Any], t: ThaiText, depth: str) -> list[str]:
    lines = [
        f"- สมาชิก {t.n(e['members'])} คน ใน {t.n(e['districts'])} อำเภอ {t.n(e['subdistricts'])} ตำบล",
    ]
    if e["by_sector"]:
        lines.append(f"- ภาคส่วน: {_counts_text(e['by_sector'], 'คน', t)}")
    lines.append(f"- เครือข่าย {t.n(e['networks'])} เครือข่าย")
    if e["meetings"]:
        meetings = f"- เวที/ประชุม {t.n(e['meetings'])} ครั้ง ({t.n(e['meeting_days'])} วัน)"
        if e["meeting_kinds"]:
            meetings += f": {_counts_text(e['meeting_kinds'], 'ครั้ง', t)}"
        lines.append(meetings)
        lines.append(
            f"- {people_line(e, thai_digits=t.thai_digits)} ·"
            f" ผู้ลงชื่อเข้าร่วม (ไม่ซ้ำคน) {t.n(e['unique_attendees'])} คน"
        )
        lines.append(f"- {budget_line(e, thai_digits=t.thai_digits, label='งบประมาณ')}")
    else:
        lines.append("- ไม่มีเวที/ประชุมในช่วงเวลานี้")  # short: LINE messages are read on phones
    if e["last_meeting"]:
        lines.append(f"- เวทีล่าสุด: {_md(_meeting_line(e['last_meeting'], t))}")
    for line in funds_lines(e, thai_digits=t.thai_digits):
        lines.append(f"- {_md(line)}")
    if e["open_actions"]:
        lines.append(
            f"- งานที่ยังไม่เสร็จ {t.n(e['open_actions'])} เรื่อง (เลยกำหนด {t.n(e['overdue_actions'])})"
        )
    districts = e.get("by_district", []) if depth != "province" else []
    if districts:
        lines.append("- รายอำเภอ:")
    for d in districts:
        name = f"อ.{_md(d['district'])}" if d["district"] else "ไม่ระบุอำเภอ"
        lines.append(
            f"  - {name}: สมาชิก {t.n(d['members'])} คน {t.n(d['subdistricts'])} ตำบล,"
            f" เวที {t.n(d['meetings'])} ครั้ง, ผู้เข้าร่วม {t.people(d)} คน,"
            f" งบประมาณ {t.budget(d)} บาท"
        )
        for s in d.get("by_subdistrict", []):
            if not s["subdistrict"] and len(d["by_subdistrict"]) == 1:
                continue
            sname = f"ต.{_md(s['subdistrict'])}" if s["subdistrict"] else "ไม่ระบุตำบล"
            lines.append(
                f"    - {sname}: สมาชิก {t.n(s['members'])} คน, เวที {t.n(s['meetings'])} ครั้ง,"
                f" ผู้เข้าร่วม {t.people(s)} คน"
            )
    return lines


def render_summary_markdown(summary: dict[str, Any], *, thai_digits: bool = False) -> str:
    """The summary as Markdown: headings and bullets only, which also read well as plain text
    (a LINE message shows the characters as they are; pipe tables would not line up there)."""
    t = ThaiText(thai_digits)
    head = title_lines(summary, thai_digits=thai_digits)
    lines = [f"## {_md(head[0])}", "", *head[1:]]
    unplaced = unplaced_line(summary, thai_digits=thai_digits)
    if unplaced:
        lines.append(unplaced)
    depth = summary.get("depth", "province")
    provinces = summary["provinces"]
    for e in provinces:
        label = f"จังหวัด{e['province']}" if e["province_code"] else e["province"]
        lines += ["", f"### {_md(label)}", *_md_entry(e, t, depth)]
    if len(provinces) != 1:
        total = summary["total"]
        lines += ["", f"### รวม {t.n(total['provinces'])} จังหวัด", *_md_entry(total, t, "province")]
    lines += [line for note in people_notes(summary) for line in ("", f"_{_md(note)}_")]
    return "\n".join(lines) + "\n"


# --- the command ----------------------------------------------------------------------------


_SUFFIXES = {Format.xlsx: (".xlsx",), Format.docx: (".docx",), Format.pdf: (".pdf",)}


def _write_text(path: Path, text: str, *, force: bool) -> None:
    from netcli.files.cells import atomic_write_bytes

    atomic_write_bytes(path, text.encode("utf-8"), force=force)


def summary(
    province: Annotated[
        list[str] | None,
        typer.Option("--province", "-p", help="province (repeatable), e.g. Lampang, ลำปาง or ลป"),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="only the provinces of this region or group of provinces, e.g. ภาคเหนือตอนบน",
        ),
    ] = None,
    network: Annotated[str | None, typer.Option("--network", help="only this network")] = None,
    date_from: Annotated[
        str | None,
        typer.Option(
            "--since", "--from", help="meetings from this day, e.g. 1 ต.ค. 2566 or 2023-10-01"
        ),
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--until", "--to", help="meetings up to this day")
    ] = None,
    fiscal_year: Annotated[
        str | None, typer.Option("--fiscal-year", help="fiscal year (Buddhist Era), e.g. 2567")
    ] = None,
    depth: Annotated[
        Depth, typer.Option("--depth", help="province, district or subdistrict rows")
    ] = Depth.province,
    thai_digits: Annotated[
        bool, typer.Option("--thai-digits", help="write numbers and dates with Thai digits")
    ] = False,
    fmt: SummaryFormatOption = Format.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write to this file (needed for xlsx, docx and pdf)"),
    ] = None,
    today: Annotated[str | None, typer.Option("--today", hidden=True)] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace the output file if it exists (atomically)")
    ] = False,
) -> None:
    """Thai summary per province: members, networks, meetings, people, budget.

    Example: netcli summary --region ภาคเหนือตอนบน --fiscal-year 2567 --format markdown
    """
    from netcli.cli.state import conn
    from netcli.reports.summary import build_summary

    if fmt in (Format.xlsx, Format.docx, Format.pdf) and output is None:
        raise typer.BadParameter(
            _("--format {format} needs -o FILE.{format}").format(format=fmt.value),
            param_hint="--output",
        )
    if fiscal_year and (date_from or date_to):
        raise typer.BadParameter(
            _("give --fiscal-year or --since/--until, not both"), param_hint="--fiscal-year"
        )
    if output is not None:
        from netcli.files.cells import check_output

        conn()  # opened first: the check knows its files
        # Before any work: never the database, its files or copies; an existing file only
        # with --force.
        check_output(output, _SUFFIXES.get(fmt), force=force)
    as_of = None
    if today:
        from netcli.thai.dates import parse_date

        as_of = parse_date(today)
    from contextlib import nullcontext

    from netcli.cli.progress import progress_bar

    # A workbook or a document takes a while at scale (the figures, then the file): a bar on
    # a terminal. Text on stdout gets none (it would be drawn over the report).
    slow = fmt in (Format.xlsx, Format.docx, Format.pdf)
    bar = (
        progress_bar(f"กำลังทำสรุปเป็น {fmt.value} (writing the summary)")
        if slow
        else nullcontext(lambda done, total: None)
    )
    with bar as progress:
        result = build_summary(
            conn(),
            provinces=province or (),
            region=region,
            network=network,
            date_from=date_from,
            date_to=date_to,
            fiscal_year=fiscal_year,
            depth=depth.value,
            today=as_of,
            by_month=fmt is Format.xlsx,  # only the workbook draws meetings by month
        )
        progress(1, 2)
        if fmt is Format.xlsx:
            from netcli.reports.workbook import write_summary_workbook

            assert output is not None
            path = write_summary_workbook(result, output, force=force)
            progress(2, 2)
            info(
                i18n.pick(
                    f"เขียนสรุปลงไฟล์ {path} แล้ว ({len(result['provinces'])} จังหวัด)",
                    f"Wrote the summary to {path} ({len(result['provinces'])} provinces)",
                )
            )
            return
        if fmt in (Format.docx, Format.pdf):
            from netcli.reports.document import write_summary_document
            from netcli.store.db import current_actor

            assert output is not None
            path = write_summary_document(
                result,
                output,
                officer=current_actor(),
                thai_digits=thai_digits,
                today=as_of,
                fmt=fmt.value,
                force=force,
            )
            progress(2, 2)
            info(
                i18n.pick(
                    f"เขียนสรุปลงไฟล์ {path} แล้ว ({len(result['provinces'])} จังหวัด)",
                    f"Wrote the summary to {path} ({len(result['provinces'])} provinces)",
                )
            )
            return
        if fmt is Format.json:
            import json

            text = json.dumps(result, ensure_ascii=False) + "\n"
        elif fmt is Format.csv:
            import io

            from netcli.cli.output import emit_csv
            from netcli.reports.summary import ROW_FIELDS, csv_rows

            buffer = io.StringIO()
            emit_csv(csv_rows(result), ROW_FIELDS, buffer)
            text = buffer.getvalue()
        elif fmt is Format.markdown:
            text = render_summary_markdown(result, thai_digits=thai_digits)
        else:
            if output is None:
                render_summary_table(result, thai_digits=thai_digits)
                return
            text = _table_text(result, thai_digits=thai_digits)
        if output is None:
            sys.stdout.write(text)
        else:
            _write_text(output, text, force=force)
            info(i18n.pick(f"เขียนสรุปลงไฟล์ {output} แล้ว", f"Wrote the summary to {output}"))


def _table_text(result: dict[str, Any], *, thai_digits: bool) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    render_summary_table(
        result,
        thai_digits=thai_digits,
        console=Console(file=buffer, width=160, color_system=None, soft_wrap=False),
    )
    return buffer.getvalue()
