"""netcli export bundle / bundles merged in: one checked file for a USB stick or LINE."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import assert_clean_error
from tests.test_merge import copy_laptops, members_by_uid, ok, sha, status


def rewrite(
    src: Path, dest: Path, *, manifest: dict[str, Any] | None = None, db: bytes | None = None
) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        old = json.loads(zin.read("manifest.json"))
        zout.writestr("manifest.json", json.dumps(manifest if manifest is not None else old))
        zout.writestr("netcli.db", db if db is not None else zin.read("netcli.db"))


def test_bundle_round_trip(cli: Any, tmp_path: Path, seeded_dbs: Any) -> None:
    lap = copy_laptops(seeded_dbs, tmp_path)
    bundle = tmp_path / "เครื่องB.netcli"
    manifest = ok(cli("export", "bundle", "-o", str(bundle), "-f", "json", db=lap["b"])).json()
    assert manifest["format"] == "netcli-bundle" and len(manifest["sha256"]) == 64
    assert manifest["source"] == "B.db" and manifest["schema_version"] >= 1
    with zipfile.ZipFile(bundle) as zf:
        assert sorted(zf.namelist()) == ["manifest.json", "netcli.db"]
    assert bundle.stat().st_mode & 0o077 == 0
    # Merging the bundle is merging B's database; the bundle file is left alone.
    before = sha(bundle)
    fresh = tmp_path / "fresh.db"
    report = ok(cli("merge", str(bundle), "-f", "json", db=fresh)).json()
    assert report["bundle"]["sha256"] == manifest["sha256"]
    assert sha(bundle) == before
    assert members_by_uid(fresh) == members_by_uid(lap["b"])
    assert ok(cli("merge", str(bundle), "-f", "json", db=fresh)).json()["changed"] is False
    assert_clean_error(cli("export", "bundle", "-o", str(bundle), db=lap["b"]))  # never overwrites


def test_import_bundle_core(cli: Any, tmp_path: Path, seeded_dbs: Any) -> None:
    from netcli.store.db import connect
    from netcli.sync.bundle import import_bundle

    lap = copy_laptops(seeded_dbs, tmp_path)
    bundle = tmp_path / "b.netcli"
    ok(cli("export", "bundle", "-o", str(bundle), db=lap["b"]))
    conn = connect(lap["a"])
    try:
        dry = import_bundle(conn, bundle, dry_run=True)
        assert dry["dry_run"] is True and dry["total"]["inserted"] > 0
        report = import_bundle(conn, bundle)
    finally:
        conn.close()
    assert report["tables"]["members"]["inserted"] == 1 and len(report["conflicts"]) == 1
    assert status(cli, lap["a"])["attendance"] == 5


def test_garbage_bundles(cli: Any, tmp_path: Path, seeded_dbs: Any) -> None:
    lap = copy_laptops(seeded_dbs, tmp_path)
    a = lap["a"]
    good = tmp_path / "good.netcli"
    ok(cli("export", "bundle", "-o", str(good), db=lap["b"]))
    counts = status(cli, a)
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("netcli.db")

    wrong_sum = tmp_path / "wrong-sum.netcli"
    rewrite(good, wrong_sum, manifest={**manifest, "sha256": "0" * 64})
    tampered = tmp_path / "tampered.netcli"
    rewrite(good, tampered, db=data[:-1] + bytes([data[-1] ^ 1]))
    text = tmp_path / "ข้อความ.netcli"
    text.write_text("นี่ไม่ใช่ชุดข้อมูล\n", encoding="utf-8")
    no_manifest = tmp_path / "no-manifest.netcli"
    with zipfile.ZipFile(no_manifest, "w") as zf:
        zf.writestr("netcli.db", data)
    lying = tmp_path / "lying.netcli"
    rewrite(good, lying, manifest={**manifest, "size": 10})
    # A bomb: a small zip whose database inflates far beyond what its manifest declares.
    bomb = tmp_path / "bomb.netcli"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps({**manifest, "size": 50_000_000}))
        zf.writestr("netcli.db", b"\0" * 50_000_000)
    assert bomb.stat().st_size < 1_000_000

    for bad, words in (
        (wrong_sum, "SHA-256"),
        (tampered, "SHA-256"),
        (text, "not a zip"),
        (no_manifest, "missing"),
        (lying, "size"),
        (bomb, "zip bomb"),
        (tmp_path / "missing.netcli", "no such file"),
    ):
        run = cli("merge", str(bad), db=a)
        assert_clean_error(run)
        assert words in run.stderr, (bad, run.stderr)
        assert len(run.stderr.strip().splitlines()) <= 2, run.stderr
    assert status(cli, a) == counts


def test_netcli_import_takes_a_bundle(cli: Any, tmp_path: Path, seeded_dbs: Any) -> None:
    lap = copy_laptops(seeded_dbs, tmp_path)
    bundle = tmp_path / "b.netcli"
    ok(cli("export", "bundle", "-o", str(bundle), db=lap["b"]))
    fresh = tmp_path / "fresh.db"
    report = ok(cli("import", str(bundle), "-f", "json", db=fresh)).json()
    assert report["bundle"]["sha256"]
    assert members_by_uid(fresh) == members_by_uid(lap["b"])
    # A bundle goes on its own, not mixed with rosters.
    assert cli("import", str(bundle), "roster.xlsx", db=fresh).exit_code == 2
