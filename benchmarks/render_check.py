"""Render check: do netcli's workbooks open and print in LibreOffice? Look at the pictures.

Builds a small database the way the seeds describe it (the eight upper-northern provinces'
leaders, the ลำปาง forums of a community welfare fund (meetings that spent 45,500.50 baht), the three-day course of
29–31 มีนาคม 2564), writes a roster, a sign-in sheet and a summary workbook through the CLI,
converts each to PDF with ``libreoffice --headless`` and each page to PNG with ``pdftoppm``,
and prints where the pictures are. A person then looks at them (not a CI test; the pytest
twins in tests/test_export_*.py only check that the conversion succeeds when LibreOffice is
installed). Whether TH Sarabun New itself is drawn depends on the installed fonts;
fonts-thai-tlwg maps it to Laksaman, its free twin.

    python benchmarks/render_check.py [OUT_DIR]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


class _Run:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.exit_code, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr


def _cli(db: Path):
    """``netcli --db DB ARGS…`` as a subprocess, shaped like the tests' ``cli`` fixture."""

    def run(*args: str, input: str | None = None) -> _Run:
        proc = subprocess.run(
            [sys.executable, "-m", "netcli", "--db", str(db), *args],
            input=input, capture_output=True, text=True, encoding="utf-8",
        )  # fmt: skip
        if proc.returncode != 0:
            sys.exit(f"netcli {' '.join(args)} failed:\n{proc.stderr}")
        return _Run(proc)

    return run


def build(out: Path) -> list[Path]:
    """The database and the three workbooks; returns the workbook paths."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.test_summary import seed  # the same data the tests use

    db = out / "render.db"
    for old in out.glob("render.db*"):
        old.unlink()

    cli = _cli(db)
    meetings = seed(cli)
    course = meetings["อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share"]
    files = [out / "roster.xlsx", out / "signin.xlsx", out / "summary.xlsx"]
    cli("export", "roster", "-o", str(files[0]), "--split-by", "province")
    cli("export", "signin", str(course), "-o", str(files[1]), "--province", "เชียงใหม่")
    cli("summary", "--format", "xlsx", "-o", str(files[2]), "--region", "ภาคเหนือตอนบน")
    return files


def render(files: list[Path], out: Path) -> list[Path]:
    for tool in ("libreoffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install libreoffice-calc poppler-utils)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["libreoffice", "--headless", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    pictures = []
    for f in files:
        pdf = f.with_suffix(".pdf")
        if not pdf.exists():
            sys.exit(f"LibreOffice did not convert {f}")
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pdf), str(f.with_suffix(""))], check=True
        )
        pictures += sorted(out.glob(f"{f.stem}-*.png"))
    return pictures


def main() -> None:
    out = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="netcli-render-"))
    )
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    pictures = render(build(out), out)
    print(f"{len(pictures)} pages rendered; look at them:")
    for p in pictures:
        print(f"  {p}")


if __name__ == "__main__":
    main()
