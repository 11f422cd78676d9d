"""The same documents as PDF, typeset by typst with the Sarabun font (the ``pdf`` extra).

:class:`TypstWriter` has the methods of :class:`netcli.files.docx_base.Writer` (title,
heading, paragraph, field, items, table, signature, page break, page numbers), so the forum
report, the minutes and the summary are built by one function each whatever the format. It
writes typst markup that holds no user text as markup: every value is a typst string
literal (:func:`literal`), so ``#``, ``*``, ``_``, ``$``, ``[``, ``]``, ``\\``, ``@`` or ``<``
in a name print as written.

The page is the Thai government page of the Word documents (A4; margins left 3 cm, right
2 cm, top 2.5 cm, bottom 2 cm; 16 pt; bold headings; table headers repeated on every page),
set in Sarabun (OFL, shipped inside the ``fontpkg-sarabun`` package and embedded in the PDF;
TH Sarabun New is not redistributable). typst (one wheel, no system libraries) shapes Thai
and breaks lines at word boundaries; nothing is fetched at run time (system fonts are not
read either, so a PDF comes out the same on every laptop).

Known limit of typst 0.15 (typst issue 7610): in the PDF's text layer a consonant carrying
both ั and a tone mark (ตั้ง, มั่น) reads back with the cluster twice; the page itself prints
right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from netcli.files import cells
from netcli.files.docx_base import FONT_SIZE_PT, INDENT_CM, MARGINS_CM, UNKNOWN, Blocks

FONT_FAMILY = "Sarabun"
# Sarabun sets wider than TH Sarabun New at the same size: tables a little smaller, so that a
# long Thai word (นายกเทศมนตรี) fits the column widths of the Word tables.
TABLE_SIZE_PT = 13
SUFFIX = ".pdf"
EXTRA_HINT = 'ติดตั้งด้วย: pip install "netcli[pdf]" (install the pdf extra)'

_ALIGN = {"justify": "left", "left": "left", "center": "center", "right": "right"}


class PdfUnavailable(cells.OutputError):
    """The pdf extra (typst and the Sarabun font) is not installed."""


def _modules() -> tuple[Any, Path]:
    """typst and the folder of the Sarabun font files; refused with the install line."""
    try:
        import fontpkg_sarabun
        import typst
    except ImportError as exc:
        raise PdfUnavailable(
            "เขียน PDF ต้องติดตั้งส่วนเสริม netcli[pdf] ก่อน"
            f" (PDF needs the pdf extra; {exc.name} is not installed)",
            hint=EXTRA_HINT,
        ) from None
    return typst, Path(fontpkg_sarabun.ROOT) / "files"


def require() -> None:
    """Refuse before any work when the pdf extra is missing."""
    _modules()


def literal(value: Any) -> str:
    """``value`` as a typst string literal: only ``\\``, ``"`` and control characters are
    escaped; nothing in it is markup."""
    out = []
    for ch in str(value):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _cm(value: float) -> str:
    return f"{value:g}cm"


class TypstWriter(Blocks):
    """Builds a typst document block by block, with the methods of ``docx_base.Writer``;
    ``thai_digits`` turns every 0-9 in the text (and the page numbers) into ๐-๙."""

    def __init__(
        self, *, title: str | None = None, author: str | None = None, thai_digits: bool = False
    ) -> None:
        self.thai_digits = thai_digits
        self.title_text = title or ""
        self.author = author or "netcli"
        self.blocks: list[str] = []
        self._numbered = False

    # --- text ---------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        from netcli.thai.digits import to_thai

        text = UNKNOWN if value is None or value == "" else str(value)
        return to_thai(text) if self.thai_digits else text

    def _content(self, value: Any, *, bold: bool = False) -> str:
        """A typst expression for a value (lines kept as lines)."""
        lines = self.text(value).split("\n")
        parts = [literal(line) for line in lines]
        expr = " + linebreak() + ".join(parts) if len(parts) > 1 else parts[0]
        return f"strong({expr})" if bold else f"text({expr})"

    def _runs(self, parts: Sequence[Any], bold: bool) -> str:
        exprs = []
        for part in parts:
            value, strong = part if isinstance(part, tuple) else (part, bold)
            exprs.append(self._content(value, bold=strong))
        return " + ".join(exprs) if exprs else "[]"

    # --- blocks -------------------------------------------------------------------------

    def paragraph(
        self,
        *parts: Any,
        bold: bool = False,
        align: str = "justify",
        indent: bool = False,
        left_cm: float = 0.0,
        hanging_cm: float = 0.0,
        style: str | None = None,
    ) -> None:
        """A paragraph of runs; a part is a value, or a (value, bold) pair."""
        args = []
        if indent:
            args.append(f"first-line-indent: (amount: {_cm(INDENT_CM)}, all: true)")
        if hanging_cm:
            args.append(f"hanging-indent: {_cm(hanging_cm)}")
        body = f"par({', '.join([*args, self._runs(parts, bold)])})"
        if _ALIGN[align] != "left":
            body = f"align({_ALIGN[align]}, {body})"
        if left_cm:
            body = f"pad(left: {_cm(left_cm)}, {body})"
        self.blocks.append(f"#{body}")

    def blank(self) -> None:
        self.blocks.append("#v(1em)")

    def title(self, value: str) -> None:
        self.paragraph(value, bold=True, align="center")

    def heading(self, value: str, level: int = 1) -> None:
        self.blocks.append(f"#heading(level: {int(level)}, {self._content(value)})")

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        widths_cm: Sequence[float] | None = None,
        centered: Sequence[int] = (0,),
        right: Sequence[int] = (),
        bold_last: bool = False,
    ) -> None:
        """A bordered table whose header row repeats at the top of every page it runs onto;
        a row is never split across two pages."""
        rows = [list(r) for r in rows]
        n = len(headers)
        columns = ", ".join(_cm(w) for w in widths_cm) if widths_cm else ", ".join(["auto"] * n)
        aligns = []
        for c in range(n):
            aligns.append("center" if c in centered else "right" if c in right else "left")
        cells = [f"table.header({', '.join(self._content(h, bold=True) for h in headers)})"]
        for r, row in enumerate(rows):
            strong = bold_last and r == len(rows) - 1
            cells.extend(self._content(v, bold=strong) for v in row)
        self.blocks.append(
            f"#table(columns: ({columns},), align: ({', '.join(aligns)},),\n  "
            + ",\n  ".join(cells)
            + ")"
        )

    def page_break(self) -> None:
        self.blocks.append("#pagebreak()")

    def page_numbers(self, prefix: str = "หน้า ") -> None:
        """ "หน้า N" at the top right of every page but the first."""
        self._numbered = True
        self._prefix = prefix

    # --- output -------------------------------------------------------------------------

    def source(self) -> str:
        """The whole typst document."""
        m = MARGINS_CM
        head = [
            f"#set document(title: {literal(self.title_text)}, author: ({literal(self.author)},))",
            '#let thaidigits(s) = s.replace(regex("[0-9]"),'
            ' d => "๐๑๒๓๔๕๖๗๘๙".clusters().at(int(d.text)))',
        ]
        header = "none"
        if self._numbered:
            number = "str(here().page())"
            if self.thai_digits:
                number = f"thaidigits({number})"
            header = (
                "context { if here().page() > 1 { align(right, "
                f"text({literal(self._prefix)}) + {number}) }} }}"
            )
        head += [
            '#set page(paper: "a4", margin: ('
            f"left: {_cm(m['left'])}, right: {_cm(m['right'])},"
            f" top: {_cm(m['top'])}, bottom: {_cm(m['bottom'])}), header: {header})",
            f'#set text(font: "{FONT_FAMILY}", size: {FONT_SIZE_PT}pt, lang: "th", region: "TH")',
            "#set par(leading: 0.6em, spacing: 0.6em, justify: false)",
            "#set table(stroke: 0.5pt, inset: (x: 4pt, y: 3pt))",
            "#set table.cell(breakable: false)",
            "#show heading: it => block(above: 0.9em, below: 0.5em, sticky: true,"
            ' text(size: 1em, weight: "bold", it.body))',
            f"#show table: set text(size: {TABLE_SIZE_PT}pt)",
        ]
        return "\n".join([*head, *self.blocks]) + "\n"

    def render(self) -> bytes:
        """The PDF bytes (the font embedded; no system font read, nothing fetched)."""
        typst, fonts = _modules()
        try:
            return bytes(
                typst.compile(
                    self.source().encode("utf-8"),
                    font_paths=[str(fonts)],
                    ignore_system_fonts=True,
                )
            )
        except typst.TypstError as exc:  # a bug of ours, not the user's: say what it was
            raise RuntimeError(f"typst could not typeset the document: {exc}") from exc

    def save(self, path: Path | str, *, force: bool = True) -> Path:
        """Typeset, then write atomically (all of the PDF or nothing at ``path``)."""
        return cells.atomic_write_bytes(path, self.render(), force=force)
