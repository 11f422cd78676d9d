"""Regions: the shipped official regions and groups, and a user's own groups of provinces."""

from __future__ import annotations

import pytest

from netcli.networks.regions import OFFICIAL, shipped_regions
from tests.conftest import assert_clean_error

UPPER_NORTH = {"เชียงใหม่", "เชียงราย", "น่าน", "พะเยา", "แพร่", "แม่ฮ่องสอน", "ลำปาง", "ลำพูน"}


def test_every_shipped_province_is_official():
    from netcli.thai.places import resolve_province

    for region in shipped_regions():
        assert region.provinces, region.name
        for code, name in region.provinces:
            assert resolve_province(name) == (name, code), (region.name, name)


def test_six_official_regions_cover_the_country_once():
    from netcli.thai.places import province_names

    official = [r for r in shipped_regions() if r.kind == OFFICIAL]
    assert [r.name for r in official] == [
        "ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคกลาง", "ภาคตะวันออก", "ภาคตะวันตก", "ภาคใต้",
    ]  # fmt: skip
    codes = [c for r in official for c in r.codes]
    assert len(codes) == len(set(codes)) == 77
    assert set(codes) == {code for code, _ in province_names()}
    sizes = {r.name: len(r.provinces) for r in official}
    assert sizes == {"ภาคเหนือ": 9, "ภาคตะวันออกเฉียงเหนือ": 20, "ภาคกลาง": 22,
                     "ภาคตะวันออก": 7, "ภาคตะวันตก": 5, "ภาคใต้": 14}  # fmt: skip


def test_upper_north_is_the_eight_provinces():
    (region,) = [r for r in shipped_regions() if r.name == "ภาคเหนือตอนบน"]
    assert {name for _, name in region.provinces} == UPPER_NORTH


def test_region_list(cli):
    run = cli("region", "list", "--format", "json")
    assert run.exit_code == 0, run.stderr
    regions = {r["name"]: r for r in run.json()}
    assert set(regions["ภาคเหนือตอนบน"]["provinces"]) == UPPER_NORTH
    assert regions["ภาคใต้"]["kind"] == "official"
    table = cli("region", "list")
    assert table.exit_code == 0 and "ภาคเหนือตอนบน" in table.stdout


def test_region_add_and_summary(cli):
    run = cli("region", "add", "ล้านนาตะวันออก", "เชียงราย", "จ.พะเยา", "แพร่", "นน")
    assert run.exit_code == 0, run.stderr
    assert "4 จังหวัด" in run.stderr
    again = cli("region", "add", "ล้านนาตะวันออก", "น่าน", "ลำปาง")
    assert again.exit_code == 0 and "เพิ่ม 1 จังหวัด" in again.stderr
    regions = {r["name"]: r for r in cli("region", "list", "--format", "json").json()}
    assert regions["ล้านนาตะวันออก"]["kind"] == "user"
    assert regions["ล้านนาตะวันออก"]["provinces"] == ["เชียงราย", "น่าน", "พะเยา", "แพร่", "ลำปาง"]
    cli("member", "add", "นายสมชาย ใจดี", "--province", "น่าน")
    data = cli("summary", "--region", "ล้านนาตะวันออก", "--format", "json").json()
    assert [p["province"] for p in data["provinces"]] == ["เชียงราย", "น่าน", "พะเยา", "แพร่", "ลำปาง"]
    assert data["total"]["members"] == 1


@pytest.mark.parametrize(
    "args, words",
    [
        (["ภาคเหนือตอนบน", "ลำปาง"], "ภาคเหนือตอนบน"),  # a shipped name
        (["กลุ่มใหม่", "เชียงใหม"], "เชียงใหม่"),  # a misspelt province, with a suggestion
        (["   ", "ลำปาง"], "ชื่อ"),
    ],
)
def test_region_add_refuses(cli, args, words):
    run = cli("region", "add", *args)
    assert_clean_error(run)
    assert words in run.stderr
    listed = [r["name"] for r in cli("region", "list", "--format", "json").json()]
    assert "กลุ่มใหม่" not in listed  # nothing half-written


def test_region_add_usage(cli):
    assert cli("region", "add", "กลุ่มใหม่").exit_code == 2
    assert cli("region", "add").exit_code == 2


def test_unknown_region_in_summary_suggests(cli):
    run = cli("summary", "--region", "ภาคเหนือตอนบ")
    assert_clean_error(run)
    assert "ภาคเหนือตอนบน" in run.stderr
