"""A document's format from its file name: Word (.docx, python-docx) or PDF (.pdf, typst).

The forum report, the minutes and the summary are each built by one function that writes
through a writer (:class:`netcli.files.docx_base.Writer` or
:class:`netcli.files.pdf.TypstWriter`, the same methods); this module picks the writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netcli.files import docx_base, pdf

SUFFIXES = (".docx", pdf.SUFFIX)


def check_output(path: Path | str, fmt: str | None = None, *, force: bool = False) -> Path:
    """The output path, refused before any work when it cannot be a document (of ``fmt``,
    "docx" or "pdf", when given), when it exists and ``force`` is not given, or when it is a
    PDF and the pdf extra is not installed."""
    path = docx_base.check_output(path, (f".{fmt}",) if fmt else SUFFIXES, force=force)
    if is_pdf(path):
        pdf.require()
    return path


def is_pdf(path: Path | str) -> bool:
    return Path(path).suffix.lower() == pdf.SUFFIX


def format_of(path: Path | str) -> str:
    """ "pdf" or "docx"."""
    return "pdf" if is_pdf(path) else "docx"


def new_writer(
    fmt: str = "docx", *, title: str, author: str | None, thai_digits: bool = False
) -> Any:
    """A writer of ``fmt`` ("docx" or "pdf"); its ``save(path)`` writes the file atomically."""
    if fmt == "pdf":
        return pdf.TypstWriter(title=title, author=author, thai_digits=thai_digits)
    doc = docx_base.new_document(title=title, author=author)
    return docx_base.Writer(doc, thai_digits=thai_digits)
