"""The Thai government page and font settings shared by every Word document netcli writes.

หนังสือราชการ conventions (../shared/design/documents.md): A4; TH Sarabun New 16 pt (Cabinet
resolution of 7 September 2553); margins left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm;
single spacing; bold headings; Thai digits on request.

python-docx's ``font.name`` writes only the Latin font slots (``w:ascii``, ``w:hAnsi``) and
``font.size`` only ``w:sz``: Word then sets Thai, a complex script, in its theme font at its
default size (python-docx issue #1315). So every slot is written by hand, ``w:cs`` and
``w:eastAsia`` included, with ``w:szCs``, ``w:bCs`` for bold and ``w:lang w:bidi="th-TH"`` —
in the document defaults, the Normal, heading and table styles, and again on every run, so
that the text keeps its font even when pasted into another document.

python-docx is imported inside the functions (start-up time of every other command).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from netcli.files import cells

FONT_NAME = "TH Sarabun New"
FONT_SIZE_PT = 16
HALF_POINTS = FONT_SIZE_PT * 2  # w:sz and w:szCs are in half-points: 32
LANG = "th-TH"
PAGE_WIDTH_CM = 21.0  # A4
PAGE_HEIGHT_CM = 29.7
MARGINS_CM = {"left": 3.0, "right": 2.0, "top": 2.5, "bottom": 2.0}
INDENT_CM = 2.5  # first-line indent of a paragraph of prose (common practice)
UNKNOWN = "ไม่ระบุ"
DOTS = "…………………………………"
SUFFIXES = (".docx",)

_RUN_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)  # fmt: skip


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _child(parent: Any, tag: str) -> Any:
    """The ``w:tag`` child of ``parent``, made (in schema order for rPr) when missing."""
    from docx.oxml import OxmlElement

    found = parent.find(_qn(f"w:{tag}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{tag}")
    if parent.tag == _qn("w:rPr") and tag in _RUN_ORDER:
        rank = _RUN_ORDER.index(tag)
        for i, existing in enumerate(parent):
            name = existing.tag.split("}")[-1]
            if name in _RUN_ORDER and _RUN_ORDER.index(name) > rank:
                parent.insert(i, element)
                return element
    parent.append(element)
    return element


def thai_run_properties(rpr: Any, *, bold: bool | None = None, size_pt: float | None = None) -> Any:
    """Write the Thai font settings into a ``w:rPr`` element: all four font slots, both sizes,
    the Thai language for complex script, and bold for both scripts when asked."""
    fonts = _child(rpr, "rFonts")
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]  # a theme font would win over the named one
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_qn(f"w:{slot}"), FONT_NAME)
    fonts.set(_qn("w:hint"), "cs")
    if bold is not None:
        for tag in ("b", "bCs"):
            element = _child(rpr, tag)
            if bold:
                element.attrib.pop(_qn("w:val"), None)
            else:
                element.set(_qn("w:val"), "0")
    half_points = str(round((size_pt or FONT_SIZE_PT) * 2))
    for tag in ("sz", "szCs"):
        _child(rpr, tag).set(_qn("w:val"), half_points)
    lang = _child(rpr, "lang")
    lang.set(_qn("w:val"), LANG)
    lang.set(_qn("w:bidi"), LANG)
    return rpr


def _paragraph_defaults(ppr: Any) -> None:
    spacing = _child(ppr, "spacing")
    spacing.set(_qn("w:before"), "0")
    spacing.set(_qn("w:after"), "0")
    spacing.set(_qn("w:line"), "240")  # single
    spacing.set(_qn("w:lineRule"), "auto")


def new_document(*, title: str | None = None, author: str | None = None) -> Any:
    """An empty python-docx Document with the Thai government page and font settings."""
    import docx
    from docx.shared import Cm, RGBColor

    doc = docx.Document()
    styles = doc.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    thai_run_properties(_child(_child(defaults, "rPrDefault"), "rPr"))
    _paragraph_defaults(_child(_child(defaults, "pPrDefault"), "pPr"))

    normal = doc.styles["Normal"]
    thai_run_properties(normal.element.get_or_add_rPr())
    _paragraph_defaults(normal.element.get_or_add_pPr())
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        thai_run_properties(rpr, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        color = rpr.find(_qn("w:color"))
        for attribute in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(_qn(f"w:{attribute}"), None)
        for tag in ("i", "iCs", "spacing", "kern", "u"):
            found = rpr.find(_qn(f"w:{tag}"))
            if found is not None:
                rpr.remove(found)
        fmt = style.paragraph_format
        fmt.space_before = Cm(0.2) if name != "Title" else Cm(0)
        fmt.space_after = Cm(0)
        fmt.line_spacing = 1.0
        fmt.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        border = ppr.find(_qn("w:pBdr"))  # Title has a rule under it
        if border is not None:
            ppr.remove(border)
    table_style = doc.styles["Table Grid"]
    thai_run_properties(table_style.element.get_or_add_rPr())
    _paragraph_defaults(table_style.element.get_or_add_pPr())

    settings = doc.settings.element
    theme_lang = _child(settings, "themeFontLang")
    theme_lang.set(_qn("w:val"), "en-US")
    theme_lang.set(_qn("w:bidi"), LANG)

    section = doc.sections[0]
    section.page_width = Cm(PAGE_WIDTH_CM)
    section.page_height = Cm(PAGE_HEIGHT_CM)
    section.left_margin = Cm(MARGINS_CM["left"])
    section.right_margin = Cm(MARGINS_CM["right"])
    section.top_margin = Cm(MARGINS_CM["top"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.0)

    props = doc.core_properties
    props.title = title or ""
    props.author = author or "netcli"
    props.language = LANG
    return doc


class Blocks:
    """What a document writer builds from its ``paragraph``: shared by the Word writer below
    and the PDF one (``files.pdf.TypstWriter``), so both lay out fields and lists alike."""

    def paragraph(self, *parts: Any, **kw: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def blank(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def signature(
        self, role: str, name: str | None, position: str | None, when: str | None
    ) -> None:
        """The signature block at the right: ลงชื่อ … role / (name) / ตำแหน่ง … / วันที่ …"""
        self.blank()
        left = 7.5
        self.paragraph(f"ลงชื่อ {DOTS} {role}", align="left", left_cm=left)
        self.paragraph(f"({name or DOTS})", align="left", left_cm=left + 0.9)
        self.paragraph(f"ตำแหน่ง {position or DOTS}", align="left", left_cm=left)
        if when:
            self.paragraph(when, align="left", left_cm=left)

    def field(self, label: str, value: Any, *, left_cm: float = 0.0) -> Any:
        """ "label value" with the label bold and the value's lines hanging under the value."""
        return self.paragraph((f"{label} ", True), (value, False), align="left", left_cm=left_cm)

    def items(self, values: Sequence[Any], *, numbered: bool = True, left_cm: float = 1.0) -> None:
        """A numbered (1) 2) …) or bulleted list; "ไม่ระบุ" when there is nothing."""
        if not values:
            self.paragraph(UNKNOWN, align="left", left_cm=left_cm)
            return
        for i, value in enumerate(values, start=1):
            mark = f"{i}) " if numbered else "• "
            self.paragraph(mark, value, align="left", left_cm=left_cm, hanging_cm=0.75)


class Writer(Blocks):
    """Builds a document paragraph by paragraph; every run gets the Thai settings, and
    ``thai_digits`` turns every 0-9 in the text into ๐-๙."""

    def __init__(self, doc: Any, *, thai_digits: bool = False) -> None:
        self.doc = doc
        self.thai_digits = thai_digits

    def text(self, value: Any) -> str:
        from netcli.thai.digits import to_thai

        text = UNKNOWN if value is None or value == "" else str(value)
        return to_thai(text) if self.thai_digits else text

    def run(self, paragraph: Any, value: Any, *, bold: bool = False) -> Any:
        run = paragraph.add_run(self.text(value))
        thai_run_properties(run._r.get_or_add_rPr(), bold=bold or None)
        return run

    def paragraph(
        self,
        *parts: Any,
        bold: bool = False,
        align: str = "justify",
        indent: bool = False,
        left_cm: float = 0.0,
        hanging_cm: float = 0.0,
        style: str | None = None,
    ) -> Any:
        """A paragraph of runs; a part is a value, or a (value, bold) pair."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        p = self.doc.add_paragraph(style=style)
        p.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        fmt = p.paragraph_format
        if indent:
            fmt.first_line_indent = Cm(INDENT_CM)
        if left_cm or hanging_cm:
            fmt.left_indent = Cm(left_cm + hanging_cm)
            if hanging_cm:
                fmt.first_line_indent = Cm(-hanging_cm)
        for part in parts:
            value, strong = part if isinstance(part, tuple) else (part, bold)
            self.run(p, value, bold=strong)
        return p

    def blank(self) -> Any:
        """An empty line (a paragraph with no run)."""
        return self.doc.add_paragraph()

    def title(self, value: str) -> Any:
        return self.paragraph(value, bold=True, align="center")

    def heading(self, value: str, level: int = 1) -> Any:
        p = self.doc.add_paragraph(style=f"Heading {level}")
        self.run(p, value, bold=True)
        return p

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        widths_cm: Sequence[float] | None = None,
        centered: Sequence[int] = (0,),
        right: Sequence[int] = (),
        bold_last: bool = False,
    ) -> Any:
        """A bordered table whose header row repeats at the top of every page it runs onto;
        ``right`` columns align right, ``bold_last`` sets the last row (a total) in bold."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.shared import Cm

        rows = list(rows)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = widths_cm is None
        header = table.rows[0]
        trpr = header._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))  # repeat as header row on every page
        for r, values in enumerate([list(headers), *rows]):
            row = table.rows[r]
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            strong = r == 0 or (bold_last and r == len(rows))
            for c, value in enumerate(values):
                cell = row.cells[c]
                p = cell.paragraphs[0]
                if r == 0 or c in centered:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif c in right:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                lines = self.text(value).split("\n")
                for i, line in enumerate(lines):
                    run = self.run(p, line, bold=strong)
                    if i < len(lines) - 1:
                        run.add_break()
                if widths_cm:
                    cell.width = Cm(widths_cm[c])
        if widths_cm:
            grid = table._tbl.tblGrid
            for col, width in zip(grid.findall(_qn("w:gridCol")), widths_cm, strict=False):
                col.set(_qn("w:w"), str(int(Cm(width).twips)))
        return table

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)

    def page_numbers(self, prefix: str = "หน้า ") -> None:
        """ "หน้า N" at the top right of every page but the first (as Thai reports number them);
        with ``thai_digits`` the section numbers its pages in Thai digits."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement

        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        if self.thai_digits:
            number_type = _child(section._sectPr, "pgNumType")
            number_type.set(_qn("w:fmt"), "thaiNumbers")
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.run(p, prefix)
        run = p.add_run()
        thai_run_properties(run._r.get_or_add_rPr())
        for kind in ("begin", "instr", "separate", "end"):
            if kind == "instr":
                element = OxmlElement("w:instrText")
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                element.text = " PAGE "
            else:
                element = OxmlElement("w:fldChar")
                element.set(_qn("w:fldCharType"), kind)
            run._r.append(element)

    def save(self, path: Path | str, *, force: bool = True) -> Path:
        """Save atomically (all of the document or nothing at ``path``)."""
        return save(self.doc, path, force=force)


def official_date(day: Any, *, thai_digits: bool = False) -> str:
    """The date line of a Thai official document: "วันที่ 28 เดือนกันยายน พ.ศ. 2569"."""
    from netcli.thai.dates import BE_OFFSET, THAI_MONTHS
    from netcli.thai.digits import to_thai

    text = f"วันที่ {day.day} เดือน{THAI_MONTHS[day.month - 1]} พ.ศ. {day.year + BE_OFFSET}"
    return to_thai(text) if thai_digits else text


def check_output(
    path: Path | str, suffixes: tuple[str, ...] = SUFFIXES, *, force: bool = False
) -> Path:
    """The output path, refused before any work when it cannot be a document."""
    return cells.check_output(path, suffixes, force=force)


def save(doc: Any, path: Path | str, *, force: bool = False) -> Path:
    """Save atomically: a temporary file beside ``path``, renamed into place."""
    return cells.replace_into(Path(path), lambda tmp: doc.save(str(tmp)), force=force)
