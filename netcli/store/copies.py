"""The one registry of the copies netcli makes of a database (PDPA: erasure covers copies).

Every copy is either named by a pattern beside the database (so it is found without a
list) or recorded in the list file beside it (``db backup`` puts a copy where the user asks):

| copy | where | name |
| --- | --- | --- |
| before a migration | beside the database | ``NAME.before-migration-STAMP.bak`` |
| the database a restore replaced | beside the database | ``NAME.replaced-STAMP.bak`` |
| a restore being prepared | beside the database | ``NAME.restoring-STAMP-PID`` |
| temporary copies (merge, bundles) | beside the database | ``.NAME.tmp-PID-RANDOM/`` |
| ``db backup DEST`` | where the user says | recorded in ``NAME.copies.json`` |

A purge reaches all of them; an output path may never be one of them; temporary copies
and unfinished restores left by a killed process are removed on the next start.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Files that are part of an SQLite database besides the main file.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def registry_file(db_path: Path) -> Path:
    """The list of copies made elsewhere (``db backup``), beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.copies.json")


def _recorded(db_path: Path) -> list[Path]:
    try:
        data = json.loads(registry_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in data.get("copies", []) if isinstance(p, str)]


def recorded_copies(db_path: Path) -> list[Path]:
    """The copies recorded in the list (``db backup``), present or not."""
    return _recorded(Path(db_path))


def record(db_path: Path, copy: Path) -> None:
    """Remember a copy made away from the database (so that a purge reaches it)."""
    db_path = Path(db_path)
    known = [p for p in _recorded(db_path) if p.exists()]
    copy = Path(copy).resolve()
    if copy not in known:
        known.append(copy)
    text = json.dumps({"copies": [str(p) for p in known]}, ensure_ascii=False, indent=1)
    target = registry_file(db_path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError:
        pass  # read-only folder: the copy is still found by its name when beside it


def _beside(db_path: Path) -> list[Path]:
    name = db_path.name
    folder = db_path.parent if str(db_path.parent) else Path(".")
    found: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        n = entry.name
        if n.startswith(f"{name}.before-migration-") and n.endswith(".bak"):
            found.append(Path(entry.path))
        elif n.startswith(f"{name}.replaced-") and n.endswith(".bak"):
            found.append(Path(entry.path))
        elif n.startswith(f"{name}.restoring-") and not n.endswith(SIDE_SUFFIXES):
            found.append(Path(entry.path))
        elif n.startswith(f".{name}.tmp-") and entry.is_dir():
            found.extend(
                Path(p.path)
                for p in os.scandir(entry.path)
                if not p.name.endswith(SIDE_SUFFIXES) and p.is_file()
            )
    return found


def known_copies(db_path: Path) -> list[Path]:
    """Every copy of this database netcli made that still exists (sorted, no duplicates)."""
    db_path = Path(db_path)
    found = {p.resolve() for p in _beside(db_path)}
    found |= {p.resolve() for p in _recorded(db_path) if p.is_file()}
    return sorted(found)


def database_files(db_path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it."""
    db_path = Path(db_path)
    return [db_path, *(Path(f"{db_path}{s}") for s in SIDE_SUFFIXES)]


def protected(db_path: Path, *, backups: bool = True) -> list[Path]:
    """What an output may never replace: the database, its -wal/-shm, its copies, the list
    (``backups=False``: not the recorded ``db backup`` copies, which a new backup may replace)."""
    db_path = Path(db_path)
    own = known_copies(db_path) if backups else sorted({p.resolve() for p in _beside(db_path)})
    return [*database_files(db_path), registry_file(db_path), *own]


# --- temporary copies -----------------------------------------------------------------------


@contextmanager
def temp_dir(db_path: Path | None) -> Iterator[Path]:
    """A private folder for temporary copies, beside the database (never the system temp
    folder, which Windows never cleans): removed on exit, or on the next start after a kill."""
    if db_path is None:
        with tempfile.TemporaryDirectory(prefix="netcli-") as tmp:
            yield Path(tmp)
        return
    db_path = Path(db_path)
    folder = Path(
        tempfile.mkdtemp(prefix=f".{db_path.name}.tmp-{os.getpid()}-", dir=db_path.parent)
    )
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pid_of(name: str, marker: str) -> int | None:
    """The process id written into a temporary name after ``marker``."""
    rest = name.split(marker, 1)[1] if marker in name else ""
    for part in rest.split("-"):
        if part.isdigit():
            return int(part)
    return None


def pid_alive(pid: int | None) -> bool:
    """Is the process that named a temporary file still running? (Unsure: yes.)"""
    if pid is None:
        return True  # not ours to judge
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove the temporary copies and unfinished restores a killed netcli left beside the
    database (whole copies of personal data that nothing else would reach)."""
    db_path = Path(db_path)
    name = db_path.name
    folder = db_path.parent if str(db_path.parent) else Path(".")
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith((".", f"{name}."))]
    except OSError:
        return removed
    for entry in entries:
        n = entry.name
        if not n.startswith((f".{name}.", f"{name}.")):
            # A file netcli was writing beside the database when it was killed (an export,
            # a bundle: ".STEM.partial-PID-XXXX.xlsx"), a copy of personal data too.
            pid = _pid_of(n, ".partial-") if ".partial-" in n else None
            if pid is not None and not pid_alive(pid):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    try:
                        os.unlink(entry.path)
                    except OSError:
                        continue
                removed.append(Path(entry.path))
            continue
        if n.startswith(f".{name}.tmp-"):
            if not pid_alive(_pid_of(n, ".tmp-")):
                shutil.rmtree(entry.path, ignore_errors=True)
                if not os.path.exists(entry.path):
                    removed.append(Path(entry.path))
        elif n.startswith(f"{name}.restoring-") or (n.startswith(f".{name}.") and ".partial-" in n):
            # NAME.restoring-STAMP-PID[-wal], .NAME….partial-PID[-journal]: the pid is the
            # last number of the name.
            stem = n
            for suffix in SIDE_SUFFIXES:
                stem = stem.removesuffix(suffix)
            last = stem.rsplit("-", 1)[-1]
            pid = int(last) if last.isdigit() else None
            if pid is not None and not pid_alive(pid):
                try:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    pass
    return removed
