"""Reading text files people hand over: UTF-8 (with or without BOM), else Windows-874."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from netcli.errors import BadFile

MAX_TEXT_BYTES = 512 * 1024 * 1024


def display_path(path: str | Path) -> str:
    """A path as text that can be printed and stored.

    A name that is not valid in the file system's encoding (a Thai Windows zip unpacked on
    Linux gives cp874 bytes, which Python keeps as surrogates) is read as cp874 Thai, else
    shown with replacement marks; the path itself still opens the file.
    """
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
        try:
            return raw.decode("cp874")
        except UnicodeDecodeError:
            return raw.decode("utf-8", errors="replace")


def read_bytes(source: str | Path) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for ``-``; returns (data, display name)."""
    if str(source) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(source)
    shown = display_path(path)
    if not path.exists():
        raise BadFile(f"ไม่พบไฟล์ {shown} (no such file)")
    if path.is_dir():
        raise BadFile(f"{shown} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a folder)")
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise BadFile(f"{shown} ใหญ่เกินไป (over {MAX_TEXT_BYTES // 1024 // 1024} MB)")
    return path.read_bytes(), shown


def decode(data: bytes, name: str = "file") -> str:
    """Strict UTF-8 (a BOM is dropped), then strict cp874 (Python has no 'windows-874' label;
    its tis_620 codec rejects bytes Windows writes: traps.md), else refuse."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise BadFile(
            f"{name} เป็นไฟล์ Excel หรือไฟล์บีบอัด ไม่ใช่ไฟล์ข้อความ (a workbook or zip, not a text file)",
            hint="นำเข้าไฟล์ Excel ด้วย netcli import (import Excel files with netcli import)",
        )
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadFile(f"{name} มีไบต์ NUL: ไม่ใช่ไฟล์ข้อความ (contains NUL bytes; not a text file)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise BadFile(
            f"{name}: อ่านไม่ได้ทั้งแบบ UTF-8 และ Windows-874 (byte {exc.start}; unknown text encoding)",
            hint="บันทึกไฟล์ใหม่เป็น CSV UTF-8 (save as 'CSV UTF-8')",
        ) from None
