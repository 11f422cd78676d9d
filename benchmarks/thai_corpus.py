"""Measure issue 13: name splitting per title class, province forms and date forms.

    PYTHONPATH=. python benchmarks/thai_corpus.py [--names-per-title N] [--seed S]

Names: given names and surnames from pythainlp's public name corpora (person_names_*_th.txt,
family_names_th.txt), joined to title forms as they appear in public Thai government title
tables (the Ministry of Public Health's 18-file title-code table, school and hospital title
lists found in public repositories), written glued and spaced. Only names and titles: no
personal data. A name counts as split right when first and last name are exactly the given
name and surname and the whole title went to ``prefix`` (none of it in the name).

Places: every province written officially, with จ./จังหวัด, in English, by nickname, and with
each one-letter slip of its name; a place is *misread* when it resolves to another province.
Dates: random days written in letter, invitation and roster styles; *misread* = another day.
"""

from __future__ import annotations

import argparse
import os
import random
from collections import Counter
from datetime import date, timedelta

# Title forms as written in public title tables, by class. Spelled-out and abbreviated.
TITLE_FORMS: dict[str, list[str]] = {
    "civil": ["นาย", "นาง", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ.", "เด็กชาย", "เด็กหญิง"],
    "honorific": ["คุณ", "อาจารย์", "อ.", "ครู"],
    "academic": [
        "ศาสตราจารย์",
        "รองศาสตราจารย์",
        "ผู้ช่วยศาสตราจารย์",
        "ศ.",
        "รศ.",
        "ผศ.",
        "ศจ.",
        "ดร.",
        "ผศ.ดร.",
        "รศ.ดร.",
        "ศ.ดร.",
        "ศาสตราจารย์ ดร.",
        "รองศาสตราจารย์ ดร.",
        "ผศ.(พิเศษ)",
        "รศ.(พิเศษ)",
        "ศาสตราจารย์(พิเศษ)",
        "ศ.(พิเศษ) ดร.",
        "อ.ดร.",
        "อาจารย์ ดร.",
    ],
    "medical": [
        "นายแพทย์",
        "นพ.",
        "น.พ.",
        "แพทย์หญิง",
        "พญ.",
        "พ.ญ.",
        "ทันตแพทย์",
        "ทพ.",
        "ท.พ.",
        "ทันตแพทย์หญิง",
        "ทพญ.",
        "ท.ญ.",
        "เภสัชกร",
        "ภก.",
        "เภสัชกรหญิง",
        "ภญ.",
        "สัตวแพทย์",
        "สพ.",
        "สพญ.",
        "น.สพ.",
        "นพ.ดร.",
        "ศ.นพ.",
        "ศจ.น.พ.",
        "รศ.พญ.",
        "ผศ.ทพ.",
    ],
    "royal": [
        "หม่อมเจ้า",
        "ม.จ.",
        "หม่อมราชวงศ์",
        "ม.ร.ว.",
        "หม่อมหลวง",
        "ม.ล.",
        "คุณหญิง",
        "ท่านผู้หญิง",
        "ท่านผู้หญิง ม.ล.",
        "พ.ญ.คุณหญิง",
        "ศจ.คุณหญิง",
        "นายแพทย์ หม่อมหลวง",
        "นพ.ม.ร.ว.",
        "ม.จ.หญิง",
    ],
    "monastic": [
        "พระ",
        "พระครู",
        "พระมหา",
        "พระปลัด",
        "พระใบฎีกา",
        "พระสมุห์",
        "พระอธิการ",
        "เจ้าอธิการ",
        "พระครูปลัด",
        "พระครูสมุห์",
        "พระครูใบฎีกา",
        "พระครูธรรมธร",
        "พระครูวินัยธร",
        "พระครูสังฆรักษ์",
        "พระธรรมธร",
        "พระวินัยธร",
        "สามเณร",
        "ส.ณ.",
        "แม่ชี",
        "พระมหา ดร.",
        "พระครู ดร.",
        "หลวงพ่อ",
        "บาทหลวง",
    ],
    "army": [
        "จอมพล",
        "พลเอก",
        "พล.อ.",
        "พลโท",
        "พล.ท.",
        "พลตรี",
        "พล.ต.",
        "พลจัตวา",
        "พล.จ.",
        "พันเอก(พิเศษ)",
        "พ.อ.(พิเศษ)",
        "พันเอกพิเศษ",
        "พันเอก",
        "พ.อ.",
        "พันโท",
        "พ.ท.",
        "พันตรี",
        "พ.ต.",
        "ร้อยเอก",
        "ร.อ.",
        "ร้อยโท",
        "ร.ท.",
        "ร้อยตรี",
        "ร.ต.",
        "จ่าสิบเอก",
        "จ.ส.อ.",
        "จ่าสิบโท",
        "จ.ส.ท.",
        "จ่าสิบตรี",
        "จ.ส.ต.",
        "สิบเอก",
        "ส.อ.",
        "สิบโท",
        "ส.ท.",
        "สิบตรี",
        "ส.ต.",
        "พลทหาร",
        "พลฯ",
        "ว่าที่ร้อยตรี",
        "ว่าที่ ร้อยตรี",
        "ว่าที่ ร.ต.",
        "ว่าที่ร.ต.",
        "ว่าที่ร้อยตรีหญิง",
        "ว่าที่ ร.ต.หญิง",
        "ร.ต.หญิง",
        "พันเอกหญิง",
        "พ.อ.หญิง",
        "จ.ส.อ.หญิง",
        "ว่าที่ ส.อ.",
        "นนร.",
    ],
    "navy": [
        "พลเรือเอก",
        "พล.ร.อ.",
        "พลเรือโท",
        "พล.ร.ท.",
        "พลเรือตรี",
        "พล.ร.ต.",
        "พลเรือจัตวา",
        "นาวาเอก(พิเศษ)",
        "น.อ.(พิเศษ)",
        "นาวาเอก",
        "น.อ.",
        "นาวาโท",
        "น.ท.",
        "นาวาตรี",
        "น.ต.",
        "เรือเอก",
        "เรือโท",
        "เรือตรี",
        "ว่าที่เรือตรี",
        "ว่าที่ เรือตรี",
        "พันจ่าเอก",
        "พ.จ.อ.",
        "พันจ่าโท",
        "พ.จ.ท.",
        "พันจ่าตรี",
        "พ.จ.ต.",
        "จ่าเอก",
        "จ.อ.",
        "จ่าโท",
        "จ.ท.",
        "จ่าตรี",
        "จ.ต.",
        "นาวาเอกหญิง",
        "เรือเอกหญิง",
    ],
    "air force": [
        "พลอากาศเอก",
        "พล.อ.อ.",
        "พลอากาศโท",
        "พล.อ.ท.",
        "พลอากาศตรี",
        "พล.อ.ต.",
        "นาวาอากาศเอก(พิเศษ)",
        "นาวาอากาศเอก",
        "นาวาอากาศโท",
        "นาวาอากาศตรี",
        "เรืออากาศเอก",
        "เรืออากาศโท",
        "เรืออากาศตรี",
        "ว่าที่เรืออากาศตรี",
        "พันจ่าอากาศเอก",
        "พ.อ.อ.",
        "พันจ่าอากาศโท",
        "พ.อ.ท.",
        "พันจ่าอากาศตรี",
        "พ.อ.ต.",
        "จ่าอากาศเอก",
        "จ่าอากาศโท",
        "จ่าอากาศตรี",
        "เรืออากาศเอกหญิง",
        "พ.อ.อ.หญิง",
    ],
    "police": [
        "พลตำรวจเอก",
        "พล.ต.อ.",
        "พลตำรวจโท",
        "พล.ต.ท.",
        "พลตำรวจตรี",
        "พล.ต.ต.",
        "พันตำรวจเอก(พิเศษ)",
        "พ.ต.อ.(พิเศษ)",
        "พันตำรวจเอก",
        "พ.ต.อ.",
        "พันตำรวจโท",
        "พ.ต.ท.",
        "พันตำรวจตรี",
        "พ.ต.ต.",
        "ร้อยตำรวจเอก",
        "ร.ต.อ.",
        "ร้อยตำรวจโท",
        "ร.ต.ท.",
        "ร้อยตำรวจตรี",
        "ร.ต.ต.",
        "ดาบตำรวจ",
        "ด.ต.",
        "จ่าสิบตำรวจ",
        "จ.ส.ต.",
        "สิบตำรวจเอก",
        "ส.ต.อ.",
        "สิบตำรวจโท",
        "ส.ต.ท.",
        "สิบตำรวจตรี",
        "ส.ต.ต.",
        "พลตำรวจ",
        "พ.ต.ท.หญิง",
        "ร.ต.อ.หญิง",
        "ว่าที่ ร.ต.ต.",
        "นรต.",
    ],
    "volunteer": [
        "นายกองใหญ่",
        "นายกองเอก",
        "นายกองโท",
        "นายกองตรี",
        "นายหมวดเอก",
        "นายหมวดโท",
        "นายหมวดตรี",
        "นายหมู่ใหญ่",
        "นายหมู่เอก",
        "นายหมู่โท",
        "นายหมู่ตรี",
        "อส.",
        "อส.ทพ.",
    ],
    "stacked": [
        "พล.อ.ดร.",
        "พลเอก ดร.",
        "พล.ต.อ.ดร.",
        "พ.ต.อ.ดร.",
        "ร.ต.ท.ดร.",
        "ร.อ.น.พ.",
        "พ.อ.นพ.",
        "พ.ต.ท.น.พ.",
        "น.ต.พ.ญ.",
        "ร.อ.ม.ร.ว.",
        "พ.อ.ม.ล.",
        "พล.ท.ม.ล.",
        "น.อ.ม.ร.ว.",
        "พล.อ.อ.ม.ร.ว.",
        "พ.ต.อ.ม.ล.",
        "ว่าที่ร.ต.ม.ล.",
        "พ.ต.คุณหญิง",
        "พ.อ.หญิง คุณหญิง",
        "พล.ต.หญิง คุณหญิง",
        "ศ.พ.อ.",
        "ศจ.น.พ.พ.ต.อ.",
        "พันเอก ดร.",
        "นาวาเอก ดร.",
        "นายแพทย์ ดร.",
        "ผศ.นพ.ดร.",
        "รศ.ดร.นพ.",
    ],
}

GAPS = ("", " ")


def _corpus_names() -> tuple[list[str], list[str]]:
    import pythainlp

    base = os.path.join(os.path.dirname(pythainlp.__file__), "corpus")

    def read(name: str) -> list[str]:
        with open(os.path.join(base, name), encoding="utf-8") as f:
            return [w.strip() for w in f if w.strip() and " " not in w.strip()]

    from netcli.thai.names import is_known_prefix

    # The corpus has a few entries that are titles or carry one ("นาย", "จอมพล", "นายณัฐ",
    # "ป.เสฎฐวุฒิ"): not given names, left out.
    def plain(w: str) -> bool:
        return "." not in w and not is_known_prefix(w) and not w.startswith(("นาย", "นาง"))

    given = [w for w in read("person_names_male_th.txt") + read("person_names_female_th.txt")]
    return [w for w in given if plain(w)], read("family_names_th.txt")


def measure_names(per_title: int, rng: random.Random) -> dict[str, tuple[int, int, int]]:
    from netcli.errors import ValidationError
    from netcli.thai.names import split_name
    from netcli.thai.text import clean

    given, family = _corpus_names()
    results: dict[str, Counter[str]] = {}
    for cls, forms in TITLE_FORMS.items():
        count = results.setdefault(cls, Counter())
        for form in forms:
            for _ in range(per_title):
                first, last = clean(rng.choice(given)), clean(rng.choice(family))
                gap = rng.choice(GAPS)
                written = f"{form}{gap}{first} {last}"
                try:
                    parsed = split_name(written)
                except ValidationError:
                    count["refused"] += 1
                    continue
                right = parsed.prefix is not None and (parsed.first_name, parsed.last_name) == (
                    first,
                    last,
                )
                count["right" if right else "wrong"] += 1
                if right and parsed.warning:
                    count["warned"] += 1
    # Plain names without a title: nothing may be taken as a title.
    count = results.setdefault("no title", Counter())
    for _ in range(per_title * 40):
        first, last = clean(rng.choice(given)), clean(rng.choice(family))
        parsed = split_name(f"{first} {last}")
        right = (parsed.prefix, parsed.first_name, parsed.last_name) == (None, first, last)
        count["right" if right else "wrong"] += 1
    return {c: (n["right"], n["wrong"] + n["refused"], n["warned"]) for c, n in results.items()}


SLIP_SWAPS = {"ฎ": "ฏ", "ฏ": "ฎ", "ศ": "ษ", "ษ": "ส", "ส": "ศ", "ภ": "พ", "พ": "ภ"}
NICKNAMES = {
    "อุบล": "34", "อุบลฯ": "34", "อุดร": "41", "อุดรฯ": "41", "นครศรี": "80", "นครศรีฯ": "80",
    "ประจวบ": "77", "ประจวบฯ": "77", "สุพรรณ": "72", "ปทุม": "13", "สารคาม": "44", "นนท์": "12",
    "ปากน้ำ": "11", "แปดริ้ว": "24", "โคราช": "30", "กทม.": "10", "อยุธยา": "14", "จ.บ.": "22",
}  # fmt: skip


def _slips(name: str) -> set[str]:
    out = {name[:-1]}
    for i, ch in enumerate(name):
        if ch in SLIP_SWAPS:
            out.add(name[:i] + SLIP_SWAPS[ch] + name[i + 1 :])
        if ch in "่้๊๋์":
            out.add(name[:i] + name[i + 1 :])
    out.discard(name)
    return out


def measure_places() -> dict[str, tuple[int, int, int]]:
    import geothai

    from netcli.errors import ValidationError
    from netcli.thai.places import match_province

    out: dict[str, Counter[str]] = {}

    def check(kind: str, text: str, code: str) -> None:
        c = out.setdefault(kind, Counter())
        try:
            got = match_province(text)[1]
        except ValidationError as exc:
            ok = exc.suggestion is None or exc.suggestion == geothai.province(code).name_th
            c["refused" if ok else "wrong suggestion"] += 1
            return
        c["right" if got == code else "misread"] += 1

    for p in geothai.provinces():
        for text in (p.name_th, f"จ.{p.name_th}", f"จังหวัด{p.name_th}", p.name_en):
            check("official forms", text, p.code)
        for text in _slips(p.name_th):
            check("one-letter slips", text, p.code)
    for text, code in NICKNAMES.items():
        check("nicknames", text, code)
    return {
        k: (c["right"], c["refused"], c["misread"] + c["wrong suggestion"]) for k, c in out.items()
    }


MONTHS_FULL = ("มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม"
               " พฤศจิกายน ธันวาคม").split()  # fmt: skip
MONTHS_ABBR = "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()


def measure_dates(n: int, rng: random.Random) -> dict[str, tuple[int, int, int]]:
    from netcli.errors import ValidationError
    from netcli.thai.dates import read_date
    from netcli.thai.digits import to_thai

    today = date(2026, 3, 1)
    styles = {
        "letter": lambda d: to_thai(
            f"วันที่ {d.day} เดือน{MONTHS_FULL[d.month - 1]} พ.ศ. {d.year + 543}"
        ),
        "invitation": lambda d: f"เมื่อวันที่ {d.day} {MONTHS_FULL[d.month - 1]} {d.year + 543}",
        # two-digit years are BE of the current century (25xx): only written for those
        "roster short": lambda d: (
            f"{d.day} {MONTHS_ABBR[d.month - 1]} "
            + (f"{(d.year + 543) % 100:02d}" if d.year + 543 < 2600 else str(d.year + 543))
        ),
        "with time": lambda d: (
            f"{d.day} {MONTHS_ABBR[d.month - 1]} {d.year + 543} เวลา 09.00-16.00 น."
        ),
        "in brackets": lambda d: (
            f"{d.day} {MONTHS_FULL[d.month - 1]} {d.year + 543} (09.00-16.00 น.)"
        ),
        "two days": lambda d: (
            f"วันที่ {d.day} และ {d.day + 1} {MONTHS_FULL[d.month - 1]} {d.year + 543}"
        ),
        "numeric": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + 543}",
    }
    out: dict[str, Counter[str]] = {}
    for _ in range(n):
        d = date(2001, 1, 1) + timedelta(days=rng.randrange(365 * 90))
        if d.day > 27:
            d = d.replace(day=27)
        for style, write in styles.items():
            c = out.setdefault(style, Counter())
            text = write(d)
            try:
                reading = read_date(text, today=today)
            except ValidationError:
                c["refused"] += 1
                continue
            c["right" if reading.start == d else "misread"] += 1
    return {k: (c["right"], c["refused"], c["misread"]) for k, c in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names-per-title", type=int, default=40)
    parser.add_argument("--dates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    names = measure_names(args.names_per_title, rng)
    total_right = sum(r for r, _, _ in names.values())
    total = sum(r + w for r, w, _ in names.values())
    print("names: class, right / total, rate, (unknown-title warnings among right)")
    for cls, (right, wrong, warned) in names.items():
        print(
            f"  {cls:12} {right:6} / {right + wrong:6}  {right / (right + wrong):7.2%}  ({warned})"
        )
    print(f"  {'overall':12} {total_right:6} / {total:6}  {total_right / total:7.2%}")

    print("provinces: kind, right, refused (with a right suggestion or none), misread")
    for kind, (right, refused, misread) in measure_places().items():
        print(f"  {kind:18} {right:5} {refused:5} {misread:5}")

    print("dates: style, right, refused, misread")
    for style, (right, refused, misread) in measure_dates(args.dates, rng).items():
        print(f"  {style:14} {right:5} {refused:5} {misread:5}")


if __name__ == "__main__":
    main()
