"""Provinces, districts and subdistricts resolved against the official list shipped by geothai.

Everything heavy (importing geothai, building the lookup dicts) happens on the first call; after
that a repeated call is a dictionary hit in an ``lru_cache``, a few microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from netcli.errors import ValidationError
from netcli.thai.text import clean, one_edit_apart, sound_skeleton

if TYPE_CHECKING:
    from collections.abc import Iterable

BANGKOK = "10"

# Abbreviations of the 77 provinces as the government writes them (อักษรย่อจังหวัด).
PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "10": "กท", "11": "สป", "12": "นบ", "13": "ปท", "14": "อย", "15": "อท", "16": "ลบ",
    "17": "สห", "18": "ชน", "19": "สบ", "20": "ชบ", "21": "รย", "22": "จบ", "23": "ตร",
    "24": "ฉช", "25": "ปจ", "26": "นย", "27": "สก", "30": "นม", "31": "บร", "32": "สร",
    "33": "ศก", "34": "อบ", "35": "ยส", "36": "ชย", "37": "อจ", "38": "บก", "39": "นภ",
    "40": "ขก", "41": "อด", "42": "ลย", "43": "นค", "44": "มค", "45": "รอ", "46": "กส",
    "47": "สน", "48": "นพ", "49": "มห", "50": "ชม", "51": "ลพ", "52": "ลป", "53": "อต",
    "54": "พร", "55": "นน", "56": "พย", "57": "ชร", "58": "มส", "60": "นว", "61": "อน",
    "62": "กพ", "63": "ตก", "64": "สท", "65": "พล", "66": "พจ", "67": "พช", "70": "รบ",
    "71": "กจ", "72": "สพ", "73": "นฐ", "74": "สค", "75": "สส", "76": "พบ", "77": "ปข",
    "80": "นศ", "81": "กบ", "82": "พง", "83": "ภก", "84": "สฎ", "85": "รน", "86": "ชพ",
    "90": "สข", "91": "สต", "92": "ตง", "93": "พท", "94": "ปน", "95": "ยล", "96": "นธ",
}  # fmt: skip

# Other names people use for a province (already in key form: no spaces, dots or ฯ): the short
# names officers write ("อุบล", "นครศรี", "สุพรรณ") and the old or common nicknames ("โคราช",
# "แปดริ้ว", "ปากน้ำ"). Each is the usual name of exactly one province; a test checks that none
# is the key or abbreviation of another.
_PROVINCE_ALIASES: dict[str, str] = {
    "กทม": BANGKOK,
    "กรุงเทพ": BANGKOK,
    "กรุงเทพฯ": BANGKOK,
    "บางกอก": BANGKOK,
    "krungthep": BANGKOK,
    "bangkokmetropolis": BANGKOK,
    "ปากน้ำ": "11",
    "นนท์": "12",
    "ปทุม": "13",
    "อยุธยา": "14",
    "กรุงเก่า": "14",
    "ayutthaya": "14",
    "ayuthaya": "14",
    "สิงห์": "17",
    "แปดริ้ว": "24",
    "ปราจีน": "25",
    "โคราช": "30",
    "นครราช": "30",
    "korat": "30",
    "khorat": "30",
    "อุบล": "34",
    "ubon": "34",
    "อำนาจ": "37",
    "หนองบัว": "39",
    "อุดร": "41",
    "udon": "41",
    "สารคาม": "44",
    "มหาสาร": "44",
    "สกล": "47",
    "มุกดา": "49",
    "ปากน้ำโพ": "60",
    "อุทัย": "61",
    "กำแพง": "62",
    "พิษณุ": "65",
    "กาญจน์": "71",
    "เมืองกาญจน์": "71",
    "สุพรรณ": "72",
    "มหาชัย": "74",
    "แม่กลอง": "75",
    "เมืองเพชร": "76",
    "ประจวบ": "77",
    "นครศรี": "80",
    "เมืองคอน": "80",
    "สุราษฎร์": "84",
    "สุราษ": "84",
    "นรา": "96",
}

_PROVINCE = "province"
_DISTRICT = "district"
_SUBDISTRICT = "subdistrict"

# Level words and their short forms written before a name. Short forms need their dot: without
# it "อ" is the first letter of names such as อ่างทอง.
_THAI_LEVEL = {
    _PROVINCE: re.compile(r"^(?:จังหวัด|จ\s*\.)\s*"),
    _DISTRICT: re.compile(r"^(?:กิ่งอำเภอ|กิ่ง\s*อ\s*\.|อำเภอ|อ\s*\.|เขต)\s*"),
    _SUBDISTRICT: re.compile(r"^(?:ตำบล|ต\s*\.|แขวง)\s*"),
}
_ENGLISH_LEVEL = {
    _PROVINCE: re.compile(r"^changwat\s+|\s+province$"),
    _DISTRICT: re.compile(r"^(?:amphoe|amphur|khet)\s+|\s+district$"),
    _SUBDISTRICT: re.compile(r"^(?:tambon|khwaeng)\s+|\s+sub-?district$"),
}
_MARKS = re.compile(r"[\s.'’\-()ฯ]+")
_PARENS = re.compile(r"^(.*?)\s*\((.*)\)\s*$")
_CAPITAL_WORDS = ("เมือง", "mueang", "muang")


@dataclass(frozen=True)
class _Refusal:
    """A cached refusal. A fresh exception is raised each time: re-raising one cached instance
    would keep growing its traceback."""

    message: str
    value: str
    suggestion: str | None = None
    code: str = "unknown-province"

    def error(self) -> ValidationError:
        return ValidationError(
            self.message,
            code=self.code,
            field="province",
            value=self.value,
            suggestion=self.suggestion,
        )


@dataclass(frozen=True)
class Place:
    """A resolved (or kept-as-written) subdistrict, district and province with their codes."""

    province: str | None
    province_code: str | None
    district: str | None
    district_code: str | None
    subdistrict: str | None
    subdistrict_code: str | None
    warnings: tuple[str, ...] = ()

    def columns(self) -> dict[str, str | None]:
        """The six place columns of a record (province, district, subdistrict and codes)."""
        return {
            "province": self.province,
            "province_code": self.province_code,
            "district": self.district,
            "district_code": self.district_code,
            "subdistrict": self.subdistrict,
            "subdistrict_code": self.subdistrict_code,
        }


def _key_official(name: str, level: str) -> str:
    """Key of a name from the official list (already clean)."""
    text = name.casefold()
    text = _THAI_LEVEL[level].sub("", text)
    text = _ENGLISH_LEVEL[level].sub("", text)
    return _MARKS.sub("", text)


def _display(text: str, level: str) -> str:
    """What the user wrote, cleaned and without its level word (ต./อ./จ.)."""
    return _THAI_LEVEL[level].sub("", clean(text)).strip()


def _key(text: str, level: str) -> str:
    return _key_official(_display(text, level), level)


def _keys_of(name_th: str, name_en: str, level: str) -> set[str]:
    keys = {_key_official(name_th, level), _key_official(name_en, level)}
    # "ปอภาร (ปอพาน)": either spelling alone is the same place.
    for name in (name_th, name_en):
        m = _PARENS.match(name)
        if m:
            keys.update(_key_official(part, level) for part in m.groups())
    if name_en.casefold().startswith("mueang"):
        keys.add(_key_official("muang" + name_en[6:], level))
    keys.discard("")
    return keys


class _ProvinceIndex:
    """Lookup dicts over the 77 provinces, built once: a ``--province`` filter needs only
    these, not the 7,000 subdistricts of :class:`_Index` (0.02 s instead of 0.36 s)."""

    def __init__(self) -> None:
        import geothai  # lazy: start-up time matters

        self.provinces: dict[str, str] = {}  # code → Thai name
        self.province_keys: dict[str, str] = {}  # key → code
        self.province_key_names: dict[str, str] = {}  # name key → Thai name, for suggestions
        for p in geothai.provinces():
            self.provinces[p.code] = p.name_th
            for k in _keys_of(p.name_th, p.name_en, _PROVINCE):
                self.province_keys[k] = p.code
                self.province_key_names[k] = p.name_th
        for code, abbr in PROVINCE_ABBREVIATIONS.items():
            self.province_keys.setdefault(abbr, code)
        for alias, code in _PROVINCE_ALIASES.items():
            self.province_keys.setdefault(_key_official(alias, _PROVINCE), code)
        # Thai names and nicknames a one-letter slip is measured against (key → code).
        self.province_thai: dict[str, str] = {
            k: c for k, c in self.province_keys.items() if not k.isascii() and len(k) >= 4
        }
        self.abbreviations = frozenset(PROVINCE_ABBREVIATIONS.values())


@lru_cache(maxsize=1)
def _province_index() -> _ProvinceIndex:
    return _ProvinceIndex()


class _Index:
    """Lookup dicts over the official list, built once."""

    def __init__(self) -> None:
        import geothai  # lazy: start-up time matters

        prov = _province_index()
        self.provinces = prov.provinces
        self.province_keys = prov.province_keys
        self.province_key_names = prov.province_key_names
        self.province_thai = prov.province_thai
        self.abbreviations = prov.abbreviations
        self.district_names: dict[str, str] = {}  # code → Thai name
        self.subdistrict_names: dict[str, str] = {}  # code → Thai name
        self.districts_in: dict[str, dict[str, tuple[str, ...]]] = {}  # province → key → codes
        self.districts_any: dict[str, tuple[str, ...]] = {}  # key → codes, whole country
        self.district_keys: dict[str, frozenset[str]] = {}  # district code → its keys
        self.subs_in_district: dict[str, dict[str, tuple[str, ...]]] = {}
        self.subs_in_province: dict[str, dict[str, tuple[str, ...]]] = {}
        self.subs_any: dict[str, tuple[str, ...]] = {}

        grouped: dict[Any, list[str]] = {}
        for pcode in self.provinces:
            for d in geothai.districts(pcode):
                self.district_names[d.code] = d.name_th
                keys = _keys_of(d.name_th, d.name_en, _DISTRICT)
                for k in keys:
                    grouped.setdefault(("any", k), []).append(d.code)
                # "อ.เมือง" is the capital district of the province, always code XX01.
                if d.code.endswith("01") and pcode != BANGKOK:
                    keys.update(_CAPITAL_WORDS)
                for k in keys:
                    grouped.setdefault(("in", pcode, k), []).append(d.code)
                self.district_keys[d.code] = frozenset(keys)
                for s in geothai.subdistricts(d.code):
                    self.subdistrict_names[s.code] = s.name_th
                    for k in _keys_of(s.name_th, s.name_en, _SUBDISTRICT):
                        grouped.setdefault(("sd", d.code, k), []).append(s.code)
                        grouped.setdefault(("sp", pcode, k), []).append(s.code)
                        grouped.setdefault(("sa", k), []).append(s.code)
        for gkey, codes in grouped.items():
            value = tuple(dict.fromkeys(codes))
            kind = gkey[0]
            if kind == "any":
                self.districts_any[gkey[1]] = value
            elif kind == "in":
                self.districts_in.setdefault(gkey[1], {})[gkey[2]] = value
            elif kind == "sd":
                self.subs_in_district.setdefault(gkey[1], {})[gkey[2]] = value
            elif kind == "sp":
                self.subs_in_province.setdefault(gkey[1], {})[gkey[2]] = value
            else:
                self.subs_any[gkey[1]] = value


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


_THAI_ONLY = re.compile("[\u0e01-\u0e4e]+")
_MIN_SLIP_KEY = 4  # shorter keys are too close to each other for a slip to say which one
_skeleton = sound_skeleton
_one_edit = one_edit_apart


def _slip(key: str, keys: dict[str, str]) -> str | None:
    """The one code whose Thai key *key* is a one-letter slip of, else None.

    A slip: one letter changed, added, dropped or swapped, or the same word once tone marks
    are dropped and sound-alike letters merged (ฏ/ฎ, ศ/ษ/ส…). When two places are that close,
    nothing is chosen.
    """
    if len(key) < _MIN_SLIP_KEY or not _THAI_ONLY.fullmatch(key):
        return None  # slips are Thai spelling slips; "=พะเยา" or "กรุงเทพ x" is something else
    skeleton = _skeleton(key)
    codes = {
        code
        for k, code in keys.items()
        if abs(len(k) - len(key)) <= 2 and (_one_edit(key, k) or _skeleton(k) == skeleton)
    }
    return codes.pop() if len(codes) == 1 else None


def _nearest(key: str, names: dict[str, str]) -> str | None:
    """Official name whose key is clearly the closest to *key*, or None if none is.

    The written key may be the start of a name ("บุรีรำ" → บุรีรัมย์, once ำ is read as ัม);
    else difflib on the keys without tone marks, and only when the best is clearly ahead
    (a suggestion that is wrong is worse than none).
    """
    import difflib  # lazy: only needed when something does not resolve

    if not key:
        return None
    skeleton = _skeleton(key)
    skeletons: dict[str, set[str]] = {}
    for k, name in names.items():
        skeletons.setdefault(_skeleton(k), set()).add(name)
    if len(skeleton) >= 3:
        starts = {n for sk, ns in skeletons.items() if sk.startswith(skeleton) for n in ns}
        if len(starts) == 1:
            return starts.pop()
        if starts:
            return None  # the start of several names ("สมุทร"): do not pick one
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, skeleton, sk).ratio(), name)
            for sk, ns in skeletons.items()
            for name in ns
        ),
        reverse=True,
    )
    best = [(r, n) for r, n in scored if r >= 0.6]
    if not best:
        return None
    if len(best) > 1 and best[1][1] != best[0][1] and best[0][0] - best[1][0] < 0.1:
        return None
    return best[0][1]


def _province_words(pcode: str) -> tuple[str, str, str]:
    """(subdistrict word, district short form, province as written in an address)."""
    name = _index().provinces[pcode]
    if pcode == BANGKOK:
        return "แขวง", "เขต", name
    return "ตำบล", "อ.", f"จ.{name}"


def _district_label(dcode: str) -> str:
    name = _index().district_names[dcode]
    return name if name.startswith("เขต") else f"อ.{name}"


@dataclass(frozen=True)
class _Slip:
    """A province written with a one-letter slip: resolved, with a warning."""

    name: str
    code: str
    warning: str


@lru_cache(maxsize=4096)
def _province_result(text: str) -> tuple[str, str] | _Slip | _Refusal:
    idx = _province_index()
    # A dotted abbreviation reads as a whole: "จ.บ." is จันทบุรี, not จ. + "บ.".
    whole = _MARKS.sub("", clean(text).casefold())
    if whole in idx.abbreviations:
        code = idx.province_keys[whole]
        return idx.provinces[code], code
    key = _key(text, _PROVINCE)
    if not key:
        return _Refusal("ไม่ได้ระบุจังหวัด (province is empty)", text, code="missing-value")
    code = idx.province_keys.get(key)
    if code is not None:
        return idx.provinces[code], code
    shown = _display(text, _PROVINCE)
    code = _slip(key, idx.province_thai)
    if code is not None:
        name = idx.provinces[code]
        return _Slip(
            name,
            code,
            f"จังหวัด '{shown}' สะกดไม่ตรงชื่อทางการ — อ่านเป็น '{name}'"
            f" (province read as the official spelling {name})",
        )
    return _Refusal(
        f"จังหวัด '{shown}' ไม่พบในรายชื่อจังหวัด (unknown province)",
        text,
        _nearest(key, idx.province_key_names),
    )


def resolve_province(text: str) -> tuple[str, str]:
    """Official Thai name and 2-digit code of a province written any usual way.

    Accepts the Thai name with or without จ./จังหวัด, the English name, กทม/กรุงเทพฯ/Bangkok,
    the short names and nicknames officers write (อุบล, นครศรีฯ, โคราช, แปดริ้ว…) and the
    two-letter abbreviations, dotted or not (ชม, จ.บ.). Raises ValidationError(field="province")
    with the nearest official name as suggestion. A one-letter slip ("เชียงใหม") is refused here
    with its official spelling as suggestion, because this function has no way to warn: use
    ``match_province`` or ``resolve_place``, which resolve it with a warning.
    """
    result = _province_result(text if isinstance(text, str) else str(text))
    if isinstance(result, _Refusal):
        raise result.error()
    if isinstance(result, _Slip):
        raise _Refusal(
            f"จังหวัด '{_display(text, _PROVINCE)}' ไม่พบในรายชื่อจังหวัด (unknown province)",
            text,
            result.name,
        ).error()
    return result


def match_province(text: str) -> tuple[str, str, str | None]:
    """(official Thai name, code, warning or None) of a province written any way people do.

    Like ``resolve_province``, and a one-letter slip of a name (ฏ/ฎ, ศ/ษ/ส, a missing or
    extra tone mark, a dropped last letter) resolves when exactly one province is that close,
    with a warning that names the official spelling.
    """
    result = _province_result(text if isinstance(text, str) else str(text))
    if isinstance(result, _Refusal):
        raise result.error()
    if isinstance(result, _Slip):
        return result.name, result.code, result.warning
    return result[0], result[1], None


def province_names() -> list[tuple[str, str]]:
    """(code, Thai name) of the 77 provinces, in code order."""
    return sorted(_index().provinces.items())


def province_code(name: str) -> str:
    """2-digit code of a province written any way resolve_province() accepts."""
    return resolve_province(name)[1]


def _unique(codes: Iterable[str] | None) -> str | None:
    codes = tuple(codes or ())
    return codes[0] if len(codes) == 1 else None


def _slip_warning(word: str, written: str, official: str) -> str:
    return f"{word} '{written}' สะกดไม่ตรงชื่อทางการ — อ่านเป็น '{official}' (read as {official})"


def _within_province(pcode: str, sub: str, sub_key: str, dist: str, dist_key: str) -> Place:
    idx = _index()
    sub_word, dist_short, prov_label = _province_words(pcode)
    dist_word = "เขต" if pcode == BANGKOK else "อำเภอ"
    warnings: list[str] = []
    dcode: str | None = None
    scode: str | None = None
    in_province = idx.districts_in.get(pcode, {})

    if dist:
        found = in_province.get(dist_key, ())
        dcode = _unique(found)
        if found and dcode is None and sub:
            # Two districts of that name ("Bang Sai" in Ayutthaya): the subdistrict settles it
            # when only one of them has it.
            having = [c for c in found if sub_key in idx.subs_in_district.get(c, {})]
            dcode = _unique(having)
        if found and dcode is None:
            where = ", ".join(idx.district_names[c] for c in found)
            warnings.append(
                f"{dist_word} '{dist}' มีหลายแห่งใน {prov_label} ({where}) — เก็บตามที่เขียน"
                " (several districts of this name in the province; kept as written)"
            )
        elif dcode is None:
            unique = {k: c[0] for k, c in in_province.items() if len(c) == 1}
            dcode = _slip(dist_key, unique)
            if dcode is not None:
                warnings.append(_slip_warning(dist_word, dist, idx.district_names[dcode]))
            else:
                names = {k: idx.district_names[c] for k, c in unique.items()}
                near = _nearest(dist_key, names)
                hint = f" (ใกล้เคียง: {near})" if near else ""
                warnings.append(
                    f"{dist_word} '{dist}' ไม่อยู่ในรายชื่อ{dist_word}ของ {prov_label}"
                    f" — เก็บตามที่เขียน{hint}"
                    f" (district '{dist}' is not in the province, kept as written"
                    f"{', nearest: ' + near if near else ''})"
                )

    if sub:
        if dcode is not None:
            in_district = idx.subs_in_district.get(dcode, {})
            found = in_district.get(sub_key, ())
            scode = _unique(found)
            if scode is None:
                where = f"{_district_label(dcode)} {prov_label}"
                if found:
                    warnings.append(
                        f"{sub_word} '{sub}' มีหลายแห่งใน {where} — เก็บตามที่เขียน"
                        " (several subdistricts of this name in the district; kept as written)"
                    )
                elif (
                    scode := _slip(
                        sub_key, {k: c[0] for k, c in in_district.items() if len(c) == 1}
                    )
                ) is not None:
                    warnings.append(_slip_warning(sub_word, sub, idx.subdistrict_names[scode]))
                else:
                    names = {
                        k: idx.subdistrict_names[c[0]]
                        for k, c in in_district.items()
                        if len(c) == 1
                    }
                    near = _nearest(sub_key, names)
                    hint = f" (ใกล้เคียง: {near})" if near else ""
                    warnings.append(
                        f"{sub_word} '{sub}' ไม่อยู่ในรายชื่อ{sub_word}ของ {where} — เก็บตามที่เขียน{hint}"
                        f" (subdistrict '{sub}' is not in the district, kept as written"
                        f"{', nearest: ' + near if near else ''})"
                    )
        elif dist:
            warnings.append(
                f"{sub_word} '{sub}' ตรวจไม่ได้เพราะไม่รู้{dist_word} — เก็บตามที่เขียน"
                " (subdistrict not checked: the district is unknown; kept as written)"
            )
        else:
            found = idx.subs_in_province.get(pcode, {}).get(sub_key, ())
            scode = _unique(found)
            if scode is not None:
                dcode = scode[:4]
            elif found:
                where = ", ".join(_district_label(c[:4]) for c in found)
                warnings.append(
                    f"{sub_word} '{sub}' มีหลายแห่งใน {prov_label} ({where})"
                    f" — ระบุ{dist_word}ด้วย; เก็บตามที่เขียน"
                    " (several subdistricts of this name in the province: give the district;"
                    " kept as written)"
                )
            elif (
                scode := _slip(
                    sub_key,
                    {
                        k: c[0]
                        for k, c in idx.subs_in_province.get(pcode, {}).items()
                        if len(c) == 1
                    },
                )
            ) is not None:
                dcode = scode[:4]
                warnings.append(_slip_warning(sub_word, sub, idx.subdistrict_names[scode]))
            else:
                warnings.append(
                    f"{sub_word} '{sub}' ไม่อยู่ในรายชื่อ{sub_word}ของ {prov_label} — เก็บตามที่เขียน"
                    " (not a subdistrict of the province; kept as written)"
                )

    return Place(
        province=idx.provinces[pcode],
        province_code=pcode,
        district=idx.district_names[dcode] if dcode else (dist or None),
        district_code=dcode,
        subdistrict=idx.subdistrict_names[scode] if scode else (sub or None),
        subdistrict_code=scode,
        warnings=tuple(warnings),
    )


def _infer_province(sub_key: str, dist_key: str) -> str | None:
    """Province of a district/subdistrict that is unique in the whole country, else None."""
    idx = _index()
    if sub_key:
        found = idx.subs_any.get(sub_key, ())
        if dist_key:
            found = tuple(c for c in found if dist_key in idx.district_keys[c[:4]])
        if len(found) == 1:
            return found[0][:2]
    if dist_key:
        dcode = _unique(idx.districts_any.get(dist_key))
        if dcode is not None:
            return dcode[:2]
    return None


@lru_cache(maxsize=131072)
def _place_result(
    subdistrict: str | None, district: str | None, province: str | None
) -> Place | _Refusal:
    sub = _display(subdistrict, _SUBDISTRICT) if subdistrict else ""
    dist = _display(district, _DISTRICT) if district else ""
    sub_key = _key_official(sub, _SUBDISTRICT)
    dist_key = _key_official(dist, _DISTRICT)
    province_warning: str | None = None
    if province is not None and clean(province):
        result = _province_result(province)
        if isinstance(result, _Refusal):
            return result
        if isinstance(result, _Slip):
            pcode, province_warning = result.code, result.warning
        else:
            pcode = result[1]
    else:
        pcode = _infer_province(sub_key, dist_key)
        if pcode is None:
            warnings: tuple[str, ...] = ()
            if sub or dist:
                warnings = ("ระบุจังหวัดไม่ได้ — เก็บอำเภอ/ตำบลตามที่เขียน",)
            return Place(None, None, dist or None, None, sub or None, None, warnings)
    place = _within_province(pcode, sub, sub_key, dist, dist_key)
    if province_warning:
        place = replace(place, warnings=(province_warning, *place.warnings))
    return place


def resolve_place(
    subdistrict: str | None = None, district: str | None = None, province: str | None = None
) -> Place:
    """Resolve a written subdistrict/district/province to official names and codes.

    The province must resolve (ValidationError otherwise); when it is missing it is inferred
    from a district or subdistrict that is unique in the country. A district or subdistrict
    that does not resolve is kept as written (without its ต./อ. word), code None, with a Thai
    warning. "อ.เมือง" is the province's capital district. Results are memoised.
    """
    result = _place_result(
        None if subdistrict is None else str(subdistrict),
        None if district is None else str(district),
        None if province is None else str(province),
    )
    if isinstance(result, _Refusal):
        raise result.error()
    return result


def format_place(place: Place) -> str:
    """Address line: "ต.ปางหมู อ.เมืองแม่ฮ่องสอน จ.แม่ฮ่องสอน"; Bangkok uses แขวง/เขต."""
    bangkok = place.province_code == BANGKOK
    parts: list[str] = []
    if place.subdistrict:
        parts.append(("แขวง" if bangkok else "ต.") + place.subdistrict)
    if place.district:
        if bangkok:
            d = place.district
            parts.append(d if d.startswith("เขต") else f"เขต{d}")
        else:
            parts.append(f"อ.{place.district}")
    if place.province:
        parts.append(place.province if bangkok else f"จ.{place.province}")
    return " ".join(parts)


def without_prefixes(address: str) -> str:
    """An address line without its Thai abbreviations, for English output:
    "ต.ปางหมู อ.เมืองแม่ฮ่องสอน จ.แม่ฮ่องสอน" -> "ปางหมู, เมืองแม่ฮ่องสอน, แม่ฮ่องสอน"."""
    return ", ".join(re.sub(r"^(?:ต\.|อ\.|จ\.|แขวง(?=\S))", "", p) for p in address.split())


def place_text(subdistrict: str | None, district: str | None, province: str | None) -> str:
    """``ต.ปางหมู อ.เมืองแม่ฮ่องสอน จ.แม่ฮ่องสอน`` (Bangkok: แขวง/เขต) from plain names."""
    return format_place(Place(province, None, district, None, subdistrict, None))


# Passed as the province name for a record that stores a province code without a name.
_CODE_ONLY = object()
CODE_ONLY: Any = _CODE_ONLY


def stored_place_problem(
    province: Any,
    province_code: Any,
    district: Any = None,
    district_code: Any = None,
    subdistrict: Any = None,
    subdistrict_code: Any = None,
) -> tuple[str, str] | None:
    """(field, why) when stored place columns are not what netcli writes, else None.

    netcli stores the official Thai name beside each code (a district or subdistrict the list
    does not know is kept as written without a code; an older netcli may have left a name
    without its code too). Used to check records that come from another file.
    """
    idx = _index()
    if province is _CODE_ONLY:  # a record that keeps the code alone (a region's provinces)
        province = idx.provinces.get(province_code)
    levels = (
        ("province", province, province_code, idx.provinces, None),
        ("district", district, district_code, idx.district_names, province_code),
        ("subdistrict", subdistrict, subdistrict_code, idx.subdistrict_names, district_code),
    )
    for field, name, code, names, parent in levels:
        if code is None:
            continue
        official = names.get(code)
        if official is None:
            return f"{field}_code", f"รหัสที่ไม่มีในรายชื่อทางการ (unknown {field} code)"
        if name != official:
            return field, f"ชื่อไม่ตรงกับรหัส {code} ({official}) (name does not match its code)"
        if parent is not None and not code.startswith(parent):
            return f"{field}_code", f"รหัส {code} ไม่อยู่ใน {parent} (not inside its parent)"
    return None
