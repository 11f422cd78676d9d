"""``netcli region …``: the regions and groups of provinces that summaries use."""

from __future__ import annotations

from typing import Annotated

import typer

from netcli import i18n
from netcli.cli.output import Format, FormatOption, emit_list, info
from netcli.cli.state import conn

app = typer.Typer(no_args_is_help=True)

COLUMNS = [
    ("name", "ภาค/กลุ่มจังหวัด"),
    ("kind_th", "ประเภท"),
    ("count", "จำนวน"),
    ("provinces", "จังหวัด"),
]


@app.command("list")
def region_list(fmt: FormatOption = Format.table) -> None:
    """List the regions and groups of provinces. Example: netcli region list"""
    from netcli.networks.regions import KIND_LABELS, PUBLIC_FIELDS, list_regions

    rows = []
    for region in list_regions(conn()):
        record = region.to_public()
        if fmt is Format.table:
            record = {
                **record,
                "kind_th": i18n.label(KIND_LABELS[region.kind]),
                "count": len(region.provinces),
            }
        rows.append(record)
    emit_list(rows, fmt, COLUMNS, fields=PUBLIC_FIELDS)


@app.command("add")
def region_add(
    name: Annotated[str, typer.Argument(help="name of the group of provinces")],
    provinces: Annotated[list[str], typer.Argument(help="its provinces")],
) -> None:
    """Create a group of provinces, or add provinces to it. Example: netcli region add ล้านนาตะวันออก "Chiang Rai" Phayao Phrae Nan"""
    from netcli.networks.regions import add_region
    from netcli.store import db

    c = conn()
    with db.write(c, "region add"):
        region, added = add_region(c, name, provinces)
    names = " ".join(n for _, n in region.provinces)
    info(
        i18n.pick(
            f"กลุ่มจังหวัด '{region.name}': เพิ่ม {added} จังหวัด รวม {len(region.provinces)} จังหวัด ({names})",
            f"Group of provinces '{region.name}': {added} added, {len(region.provinces)} in all ({names})",
        )
    )
