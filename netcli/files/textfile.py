"""Reading text files people hand over: UTF-8 (with or without BOM), else Windows-874."""

from __future__ import annotations

import sys
from pathlib import Path

from netcli.errors import BadFile

MAX_TEXT_BYTES = 512 * 1024 * 1024


def read_bytes(source: str | Path) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for ``-``; returns (data, display name)."""
    if str(source) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(source)
    if not path.exists():
        raise BadFile(f"ไม่พบไฟล์ {path} (no such file)")
    if path.is_dir():
        raise BadFile(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a folder)")
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise BadFile(f"{path} ใหญ่เกินไป (over {MAX_TEXT_BYTES // 1024 // 1024} MB)")
    return path.read_bytes(), str(path)


def decode(data: bytes, name: str = "file") -> str:
    """Strict UTF-8 (a BOM is dropped), then strict cp874 (Python has no 'windows-874' label;
    its tis_620 codec rejects bytes Windows writes: traps.md), else refuse."""
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
