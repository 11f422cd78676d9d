"""Bundles (``.netcli``): one file holding a copy of the database, for a USB stick or LINE.

A bundle is a zip with ``netcli.db`` (an online backup, never a copy of the live file)
and ``manifest.json`` (format, SHA-256 and size of the database, schema version, when,
from which file). Reading checks the manifest, refuses declared sizes beyond the limits
before inflating anything (zip bombs), stops inflating at the declared size, and refuses a
checksum mismatch. Importing a bundle is merging its database (``netcli.sync.merge``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from netcli.errors import BadFile

FORMAT = "netcli-bundle"
VERSION = 1
DB_NAME = "netcli.db"
MANIFEST = "manifest.json"
MAX_MANIFEST = 64 * 1024
MAX_DB = 8 * 1024**3  # 8 GiB: far beyond any network's records
# A vacuumed netcli database deflates 10-40:1; far more than this, once it is big, is a bomb.
MAX_RATIO = 100
RATIO_FROM = 16 * 1024**2
SUFFIX = ".netcli"


def export_bundle(
    conn: sqlite3.Connection,
    dest: Path | str,
    progress: Callable[[int, int], None] | None = None,
    *,
    force: bool = False,
) -> dict[str, Any]:
    """Write the bundle ``dest`` (an existing file only with ``force``); returns its manifest.

    ``progress(done, total)`` is called after each of its four steps (copy, compact, checksum,
    zip)."""
    from netcli.files.cells import check_output, replace_into
    from netcli.store.copies import temp_dir

    step = progress or (lambda done, total: None)
    from netcli.store.db import backup

    dest = check_output(dest, force=force)
    source = here = None
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            here = Path(row[2])
            source = here.name
    # The temporary copy lives beside the database (found by a purge, removed after a kill),
    # never in the system temp folder.
    with temp_dir(here) as tmp:
        db_copy = backup(conn, Path(tmp) / DB_NAME)
        step(1, 4)
        # Our private copy: drop free pages, so that the receiver can hold the ratio low.
        compact = sqlite3.connect(db_copy)
        try:
            compact.execute("VACUUM")
        finally:
            compact.close()
        step(2, 4)
        digest = hashlib.sha256()
        with open(db_copy, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        step(3, 4)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "sha256": digest.hexdigest(),
            "size": db_copy.stat().st_size,
            "schema_version": version,
            "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": source,
        }

        def write(partial: Path) -> None:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
                zf.write(db_copy, DB_NAME)

        # 0600 from the first byte, all of it or nothing under the real name.
        replace_into(dest, write, force=force)
        step(4, 4)
    return {**manifest, "path": str(dest)}


def _private(path: Path) -> Any:
    """A new file readable by its owner only from the first byte (a whole database copy)."""
    return os.fdopen(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _BINARY, 0o600), "wb")


_BINARY = getattr(os, "O_BINARY", 0)


def _refuse(path: Path, why: str) -> BadFile:
    return BadFile(
        f"{path.name} ไม่ใช่ชุดข้อมูล netcli ที่ใช้ได้ (not a usable netcli bundle: {why})",
        hint="ขอไฟล์ใหม่ที่สร้างด้วย netcli export bundle (ask for a fresh bundle)",
    )


# What reading a damaged entry raises (an encrypted one: RuntimeError; an unknown
# compression: NotImplementedError; a broken deflate stream: zlib.error).
_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)
_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # the local file header, before the name


def _entry_problem(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file_size: int) -> str | None:
    """Why one entry is not what netcli export bundle writes, or None.

    netcli writes stored or deflated entries, never encrypted; the local header must agree
    with the central directory, and the data must lie inside the file.
    """
    if info.flag_bits & 0x1:
        return "encrypted (an entry with a password)"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"compression method {info.compress_type} is not one netcli writes"
    fp = zf.fp
    if fp is None:
        return "unreadable"
    try:
        fp.seek(info.header_offset)
        raw = fp.read(_LOCAL.size)
    except OSError as exc:
        return f"unreadable local header: {exc}"
    if len(raw) != _LOCAL.size:
        return "the local header is cut off"
    sig, _, flags, method, _, _, crc, csize, usize, name_len, extra_len = _LOCAL.unpack(raw)
    if sig != b"PK\x03\x04":
        return "no local header where the directory points"
    if flags & 0x1:
        return "encrypted (an entry with a password)"
    if method != info.compress_type:
        return "the local header and the directory disagree on the compression"
    zip64 = 0xFFFFFFFF in (csize, usize)  # the sizes are in the zip64 extra field
    if (
        not flags & 0x8
        and not zip64
        and (crc, csize, usize)
        != (
            info.CRC,
            info.compress_size,
            info.file_size,
        )
    ):
        return "the local header and the directory disagree on the sizes"
    end = info.header_offset + _LOCAL.size + name_len + extra_len + info.compress_size
    if end > file_size:
        return "the declared compressed size runs past the end of the file"
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        return "a stored entry whose sizes differ"
    return None


def read_bundle(path: Path | str, folder: Path) -> tuple[Path, dict[str, Any]]:
    """Check the bundle and unpack its database into ``folder``; returns (db path, manifest)."""
    path = Path(path)
    if not path.exists():
        raise BadFile(f"ไม่พบไฟล์ {path} (no such file)")
    if path.is_dir():
        raise BadFile(f"{path} เป็นโฟลเดอร์ (a folder, not a bundle)")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(path, f"not a zip file: {exc}") from None
    with zf:
        try:
            infos = {i.filename: i for i in zf.infolist()}
        except Exception as exc:  # a broken central directory
            raise _refuse(path, str(exc)) from None
        if MANIFEST not in infos or DB_NAME not in infos:
            raise _refuse(path, f"{MANIFEST} or {DB_NAME} is missing")
        for name in (MANIFEST, DB_NAME):
            why = _entry_problem(zf, infos[name], path.stat().st_size)
            if why:
                raise _refuse(path, f"{name}: {why}")
        if infos[MANIFEST].file_size > MAX_MANIFEST:
            raise _refuse(path, "the manifest is too large")
        try:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except (ValueError, UnicodeDecodeError, *_ZIP_ERRORS) as exc:
            raise _refuse(path, f"unreadable manifest: {exc}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse(path, "the manifest is not a netcli manifest")
        expected = manifest.get("sha256")
        size = manifest.get("size")
        if not isinstance(expected, str) or not isinstance(size, int):
            raise _refuse(path, "the manifest has no checksum")
        declared = infos[DB_NAME].file_size
        if declared != size or declared > MAX_DB:
            raise _refuse(path, f"the database size {declared:,} bytes does not match the manifest")
        packed = max(infos[DB_NAME].compress_size, 1)
        if declared > RATIO_FROM and declared / packed > MAX_RATIO:
            raise _refuse(
                path,
                f"{packed:,} bytes would inflate to {declared:,} (ratio {declared // packed}:1);"
                " refused as a possible zip bomb",
            )
        import shutil

        if declared > shutil.disk_usage(folder).free:
            raise BadFile(f"{path.name}: ดิสก์ไม่พอ (needs {declared:,} bytes of free disk to unpack)")
        dest = folder / DB_NAME
        digest = hashlib.sha256()
        written = 0
        try:
            with zf.open(DB_NAME) as src, _private(dest) as out:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    written += len(chunk)
                    if written > declared:  # the directory lied: stop inflating
                        raise _refuse(path, "the database is larger than declared")
                    digest.update(chunk)
                    out.write(chunk)
        except (ValueError, *_ZIP_ERRORS) as exc:
            raise _refuse(path, f"damaged: {exc}") from None
        except zipfile.LargeZipFile as exc:  # pragma: no cover
            raise _refuse(path, str(exc)) from None
    if digest.hexdigest() != expected.lower():
        raise BadFile(
            f"{path.name}: checksum ไม่ตรง ไฟล์เสียหายหรือถูกแก้ไข (SHA-256 does not match: the bundle is damaged or was changed)",
            hint="ขอไฟล์ใหม่จากผู้ส่ง (ask the sender for a fresh copy)",
        )
    return dest, manifest


def import_bundle(
    conn: sqlite3.Connection,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
) -> dict[str, Any]:
    """Check a bundle and merge its database into ``conn`` (outside any transaction).

    Returns the merge report (``netcli.sync.merge.MergeReport.as_dict``) plus ``bundle``.
    """
    from netcli.sync.merge import merge_database

    path = Path(path)
    from netcli.store.copies import temp_dir

    here = None
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            here = Path(row[2])
    with temp_dir(here) as tmp:
        db_path, manifest = read_bundle(path, Path(tmp))
        report = merge_database(
            conn, db_path, dry_run=dry_run, label=path.name, progress=progress, strict=strict
        ).as_dict()
    report["bundle"] = {
        "path": str(path),
        "sha256": manifest["sha256"],
        "created_at": manifest.get("created_at"),
        "source": manifest.get("source"),
        "schema_version": manifest.get("schema_version"),
    }
    return report
