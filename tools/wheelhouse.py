"""Build ``netcli-offline-<version>.zip``: netcli and every dependency as wheels, for laptops
that never see the internet (install from a USB stick).

The zip holds ``wheels/`` (netcli's wheel and its dependencies' wheels for Windows
``win_amd64`` and Linux ``manylinux x86_64``, CPython 3.11 to 3.13), ``install.bat`` and
``install.sh`` (each makes a virtual environment and installs with ``pip --no-index``, so
nothing is fetched), and ``อ่านก่อน.txt`` (how to install, in Thai and English).

The ``pdf`` extra is in it and installed by default (``netcli[pdf]``: typst, one wheel per
platform of about 30 MB, and the Sarabun font): a laptop without the internet could not add
it later, and an officer asked for a PDF has no other way to make one.

    python tools/wheelhouse.py                   # every platform and Python (needs the index once)
    python tools/wheelhouse.py --here -o dist    # only this machine's platform and Python (CI)

Building needs the package index; installing from the zip needs nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = {
    "win_amd64": ["win_amd64"],
    "manylinux_x86_64": [
        "manylinux2014_x86_64",
        "manylinux_2_17_x86_64",
        "manylinux_2_28_x86_64",
        "manylinux1_x86_64",
    ],
}
# 3.10 is not offered: geothai, the official place list, is published for 3.11+ only.
PYTHONS = ["3.11", "3.12", "3.13"]
# Extras whose wheels go into the zip and are installed by install.sh/install.bat.
EXTRAS = "pdf"

INSTALL_SH = """#!/bin/sh
# Install netcli from this folder, without the internet: sh install.sh [FOLDER]
set -e
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$HOME/netcli"}
python=${PYTHON:-python3}
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --no-index --find-links "$here/wheels" "netcli[pdf]"
echo "ติดตั้ง netcli แล้ว: $venv/bin/netcli (installed)"
echo "ลองใช้: $venv/bin/netcli --db demo.db demo"
"""

INSTALL_BAT = r"""@echo off
rem Install netcli from this folder, without the internet: install.bat [FOLDER]
setlocal
set HERE=%~dp0
set VENV=%USERPROFILE%\netcli
if not "%~1"=="" set VENV=%~1
where py >nul 2>nul && (py -3 -m venv "%VENV%") || (python -m venv "%VENV%")
if errorlevel 1 goto failed
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" "netcli[pdf]"
if errorlevel 1 goto failed
echo ติดตั้ง netcli แล้ว: %VENV%\Scripts\netcli.exe (installed)
echo ลองใช้: "%VENV%\Scripts\netcli.exe" --db demo.db demo
exit /b 0
:failed
echo ติดตั้งไม่สำเร็จ: ต้องมี Python 3.11 ถึง 3.13 (install failed: Python 3.11-3.13 is needed)
exit /b 1
"""

README_TXT = """ติดตั้ง netcli โดยไม่ต้องใช้อินเทอร์เน็ต (install netcli without the internet)

ต้องมี Python 3.11 ถึง 3.13 ในเครื่อง (python.org; Windows: เลือก "Add python.exe to PATH")

Windows:  แตกไฟล์ zip แล้วดับเบิลคลิก install.bat  (หรือพิมพ์ install.bat ใน Command Prompt)
Linux:    unzip netcli-offline-*.zip && sh netcli-offline-*/install.sh

netcli จะอยู่ในโฟลเดอร์ netcli ในโฟลเดอร์ผู้ใช้ (%USERPROFILE%\\netcli หรือ ~/netcli)
ลองใช้: netcli --db demo.db demo
"""


def _version() -> str:
    import re

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', text, flags=re.M)
    if not match:
        sys.exit("pyproject.toml has no version")
    return match.group(1)


def _pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def build(out_dir: Path, *, here: bool) -> Path:
    """Write the zip into ``out_dir`` and return its path."""
    version = _version()
    name = f"netcli-offline-{version}"
    with tempfile.TemporaryDirectory(prefix="netcli-wheelhouse-") as tmp:
        wheels = Path(tmp) / "wheels"
        wheels.mkdir()
        # This platform first: netcli's own wheel, and any dependency published only as an
        # sdist becomes a wheel (pure-Python ones then serve every platform).
        _pip("wheel", "--wheel-dir", str(wheels), f"{ROOT}[{EXTRAS}]")
        netcli_wheel = next(wheels.glob("netcli-*.whl"))
        if not here:
            for tags in PLATFORMS.values():
                for python in PYTHONS:
                    platform_args = [a for tag in tags for a in ("--platform", tag)]
                    _pip(
                        "download",
                        "--only-binary=:all:",
                        *platform_args,
                        "--python-version",
                        python,
                        "--implementation",
                        "cp",
                        "--find-links",
                        str(wheels),
                        "--dest",
                        str(wheels),
                        f"{netcli_wheel}[{EXTRAS}]",
                    )
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{name}.zip"
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for wheel in sorted(wheels.glob("*.whl")):
                zf.write(wheel, f"{name}/wheels/{wheel.name}")
            for arcname, text in (
                ("install.sh", INSTALL_SH),
                ("install.bat", INSTALL_BAT.replace("\n", "\r\n")),
                ("อ่านก่อน.txt", README_TXT),
            ):
                info = zipfile.ZipInfo(f"{name}/{arcname}")
                info.external_attr = (0o755 if arcname.endswith(".sh") else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                # cmd.exe shows a .bat's Thai lines right only in code page 65001 (UTF-8).
                data = text
                if arcname == "install.bat":
                    data = data.replace("@echo off\r\n", "@echo off\r\nchcp 65001 >nul\r\n", 1)
                zf.writestr(info, data.encode("utf-8"))
        partial.replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--here", action="store_true", help="only this platform and Python")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args()
    target = build(args.out, here=args.here)
    print(target)
    tag = sysconfig.get_platform()
    print(
        f"built {target.name} ({target.stat().st_size:,} bytes; {'only ' + tag if args.here else 'all platforms'})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
