"""Never anything but our own errors: every parser, fed anything, parses or raises NetcliError.

The per-module property tests live in tests/thai/; this sweep runs every parser through the
same text (Thai-heavy and arbitrary) and the importer's header mapping through arbitrary
header rows, and fails on any exception that is not a netcli error.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcli.errors import NetcliError

from .conftest import has_module

THAI = "".join(chr(c) for c in range(0x0E01, 0x0E5C))
PIECES = [
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ว่าที่ ร.ต.", "พระ", "มิถุนายน", "มิ.ย.", "ก.ค.",
    "พ.ศ.", "2562", "๒๕๖๒", "62", "13", "๒๑", "-", "–", " ", "/", ".", ",", "จ.", "อ.", "ต.",
    "เชียงใหม่", "ลำปาง", "เมือง", "กรุงเทพ", "แขวง", "เขต", "081", "+66", "0", "บาท",
    "สตางค์", "ล้าน", "กว่า", "คน", "\u200b", "\ufeff", "\x00", "ํา", "เเ", "่่", "e", "E9",
    "ชื่อ - สกุล", "เบอร์โทร", "จังหวัด", "ที่", "Name", "(ถ้ามี)", "ลายมือชื่อ",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=THAI + "0123456789๐๑๒๓๔๕๖๗๘๙ -./–,()", max_size=40),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
)
values = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ours(fn, *args: Any, **kwargs: Any) -> Any:
    """Call; a NetcliError is an answer, anything else escapes and fails the test."""
    try:
        return fn(*args, **kwargs)
    except NetcliError:
        return None


def _parsers() -> list[tuple[str, Any]]:
    from netcli.thai import dates, digits, money, names, national_id, phones, places, text

    found = [
        ("dates.parse_date", dates.parse_date),
        ("dates.parse_date_range", dates.parse_date_range),
        ("dates.fiscal_year_range", dates.fiscal_year_range),
        ("money.parse_baht", money.parse_baht),
        ("names.split_name", names.split_name),
        ("names.normalize_prefix", names.normalize_prefix),
        ("national_id.validate_national_id", national_id.validate_national_id),
        ("national_id.mask_national_id", national_id.mask_national_id),
        ("phones.normalize_phone", phones.normalize_phone),
        ("places.resolve_province", places.resolve_province),
        ("text.clean", text.clean),
        ("digits.to_arabic", digits.to_arabic),
        ("digits.to_thai", digits.to_thai),
    ]
    return found


PARSERS = _parsers()
# Parsers documented for str only get str; the rest get anything a cell can hold.
STR_ONLY = {
    "names.split_name",
    "names.normalize_prefix",
    "places.resolve_province",
    "text.clean",
    "digits.to_arabic",
    "digits.to_thai",
    "national_id.mask_national_id",
}


@pytest.mark.parametrize(("label", "fn"), PARSERS, ids=[p[0] for p in PARSERS])
@FUZZ
@given(data=st.data())
def test_parser_raises_only_our_errors(label: str, fn: Any, data: st.DataObject) -> None:
    value = data.draw(texts if label in STR_ONLY else values)
    if isinstance(value, float) and label in ("dates.fiscal_year_range",):
        value = value if math.isfinite(value) else str(value)
    _ours(fn, value)


@FUZZ
@given(
    sub=st.one_of(st.none(), texts),
    dist=st.one_of(st.none(), texts),
    prov=st.one_of(st.none(), texts),
)
def test_resolve_place_raises_only_our_errors(sub, dist, prov) -> None:
    from netcli.thai.places import resolve_place

    _ours(resolve_place, subdistrict=sub, district=dist, province=prov)


@FUZZ
@given(
    raw=st.dictionaries(
        st.sampled_from(
            ["name", "prefix", "first_name", "last_name", "province", "district", "subdistrict",
             "phone", "email", "national_id", "joined_on", "issue_areas", "sector", "village",
             "line_id", "consent_at", "role", "organization", "notes"]
        ),
        values,
        max_size=8,
    )
)  # fmt: skip
def test_member_prepare_raises_only_our_errors(raw: dict[str, Any]) -> None:
    from netcli.people.members import prepare

    _ours(prepare, raw)


@FUZZ
@given(n=st.integers(min_value=-(10**15), max_value=10**15), thai=st.booleans())
def test_money_formatting_never_fails(n: int, thai: bool) -> None:
    from netcli.thai.money import baht_text, format_baht, format_number

    _ours(format_baht, n, thai_digits=thai)
    _ours(baht_text, n)
    _ours(format_number, n, thai_digits=thai)


@FUZZ
@given(d=st.dates(min_value=date(1800, 1, 1)), short=st.booleans(), thai=st.booleans())
def test_date_formatting_never_fails(d: date, short: bool, thai: bool) -> None:
    from netcli.thai.dates import fiscal_year, format_date, format_date_range

    _ours(format_date, d, short=short, thai_digits=thai)
    _ours(format_date_range, d, d, short=short, thai_digits=thai)
    _ours(fiscal_year, d)


# --- the importer's header mapping ---------------------------------------------------------

needs_importer = pytest.mark.skipif(
    not has_module("netcli.importer.headers"), reason="netcli.importer is not built yet"
)
cells = st.one_of(
    st.sampled_from(PIECES),
    texts,
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1)),
)
sheets = st.lists(st.lists(cells, max_size=12), max_size=12)


@needs_importer
@FUZZ
@given(rows=sheets)
def test_header_mapping_gives_a_mapping_or_our_error(rows: list[list[Any]]) -> None:
    """Any rows → a mapping (or None: no header found) or our error; then every data row
    read and prepared with that mapping → values or our error."""
    from netcli.importer.headers import Columns, Mapper, detect
    from netcli.importer.rows import RowReader

    cols = _ours(detect, rows, Mapper())
    if cols is None:
        return
    assert isinstance(cols, Columns)
    assert len(set(cols.fields.values())) == len(cols.fields), "a field mapped twice"
    reader = RowReader(cols)
    for row in rows[cols.header_index + 1 :]:
        raw = _ours(reader.raw, row)
        if raw:
            _ours(reader.prepare, raw)


@needs_importer
@FUZZ
@given(
    explicit=st.dictionaries(
        texts, st.sampled_from(["name", "phone", "province", "ignore", "x"]), max_size=4
    ),
    header=st.lists(cells, max_size=10),
)
def test_explicit_mapping_gives_a_mapping_or_our_error(explicit, header) -> None:
    from netcli.importer.headers import Mapper, detect

    mapper = _ours(Mapper, explicit)
    if mapper is not None:
        _ours(detect, [header, ["นายสมชาย ใจดี", "ลำปาง"]], mapper)
