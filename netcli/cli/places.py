"""The place filter every listing shares: ``-p/--province`` and ``-r/--region``."""

from __future__ import annotations

from typing import Annotated

import typer

RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        help="only the provinces of this region or group of provinces, e.g. ภาคเหนือตอนบน",
    ),
]
