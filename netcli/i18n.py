"""Thai first, English on request: the language of everything netcli says to a person.

Thai is the default. ``--lang en`` (a root option) or ``NETCLI_LANG=en`` switch to English.
The texts are written in English in the source (the gettext message ids, as translators
expect them); their Thai lives in the gettext catalog ``netcli/locale/th.po``, compiled to
``th.mo`` beside it (``python tests/test_i18n.py --write`` brings both up to date). The same
catalog holds the Thai of click's and typer's own messages ("Usage:", "Missing option" …).

JSON, CSV and error codes never change with the language; only what a person reads does.
What a person reads at run time comes in three forms, each Thai byte for byte by default:

- messages and hints that travel with data (errors, warnings of an import) are written
  Thai-first with their English in the last parentheses, ``"ไม่พบสมาชิก '12' (no such
  member)"``; :func:`localized` shows the English part under ``--lang en``;
- a text only the command line prints (a success message) is a pair, :func:`pick`;
- labels (table titles, column headers, field names) stay Thai in the source and get their
  English from :data:`LABELS` through :func:`label`; dates are ISO (:func:`iso_when`).
"""

from __future__ import annotations

import os
import re
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

LANGUAGES = ("th", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_language: str | None = None
_catalog: NullTranslations | None = None


def default_language() -> str:
    """``en`` when ``NETCLI_LANG`` says English (``en``, ``en_US.UTF-8`` …), else ``th``."""
    value = os.environ.get("NETCLI_LANG", "").strip().lower()
    return "en" if re.split(r"[_.@-]", value)[0] == "en" else "th"


def language() -> str:
    """The language in effect: ``th`` or ``en``."""
    global _language
    if _language is None:
        _language = default_language()
    return _language


def set_language(lang: str | None) -> None:
    """Speak ``lang`` from now on (``None``: back to the default of the environment)."""
    global _language
    _language = lang if lang in LANGUAGES else None


def _thai() -> NullTranslations:
    global _catalog
    if _catalog is None:
        try:
            with (LOCALE_DIR / "th.mo").open("rb") as fp:
                _catalog = GNUTranslations(fp)
        except OSError:  # pragma: no cover - a broken install: English rather than a crash
            _catalog = NullTranslations()
    return _catalog


def gettext(message: str) -> str:
    """``message`` (an English message id) in the current language."""
    if language() == "en" or not message:
        return message
    return _thai().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n`` in the current language (Thai has one form)."""
    if language() == "en":
        return singular if n == 1 else plural
    return _thai().ngettext(singular, plural, n)


_ = gettext

_THAI = re.compile("[\u0e00-\u0e7f]")
# "ไม่พบสมาชิก 12 (no member 12)": Thai first, the English in the last parentheses.
_BILINGUAL = re.compile(
    r"^(?P<th>.*?\S)\s*\((?P<en>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    r"(?P<tail>[.:]?|;\s*ใช้ได้:\s*(?P<allowed>.*))$",
    re.S,
)


def localized(message: str) -> str:
    """A Thai-first message ``"ไทย (english)"`` as the current language shows it.

    Thai: unchanged (Thai first, English beside it). English: the English in the last
    parentheses, followed by the values the Thai part names (quoted text, numbers, files,
    dates, a ``netcli …`` command) so that nothing is lost: ``"ไม่พบสมาชิก '12' (no such
    member)"`` -> ``"No such member: '12'"``. A message without such English is unchanged.
    """
    if language() != "en" or not message:
        return message
    for thai, english in _THAI_ONLY:
        if thai.match(message):
            return thai.sub(english, message)
    found = _BILINGUAL.match(message)
    if not found or not _THAI.search(found["th"]):
        return message
    parts = [p.strip() for p in found["en"].split(";")]
    english = "; ".join(p for p in parts if p and not _mostly_thai(p))
    if not _ENGLISH_WORD.search(english):
        # "(02-xxx-xxxx, 053-xxx-xxx)": examples in parentheses, not the English of the text
        return message
    values = [v for v in _values(found["th"]) if v.strip("'\"#") not in english]
    text = english[:1].upper() + english[1:]
    text = f"{text}: {', '.join(values)}" if values else text
    if found["allowed"] is not None:  # "… (unknown sector); ใช้ได้: a b c"
        return f"{text}; allowed: {found['allowed']}"
    return text + found["tail"]


# Thai-only texts of modules that are not to be edited here (netcli/store): their English.
_THAI_ONLY = (
    (re.compile(r"^ดูรายการด้วย (netcli \S+ list)$"), r"List them: \1"),
    (re.compile(r"^ตรวจชื่อไฟล์ใน --db \(check the --db path\); (.*)$"), r"Check the --db path; \1"),
)

# A word of English: two letters or more, not a placeholder such as "xxx" or "08x".
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9])(?![xX]+\b)[A-Za-z]{2,}(?![0-9])")


def pick(thai: str, english: str) -> str:
    """``thai`` or, under ``--lang en``, ``english``: a text a person reads that is never
    written to JSON or CSV (a success message, a table title), Thai byte for byte by default."""
    return english if language() == "en" else thai


def label(text: str) -> str:
    """A Thai label (a table title, a column header, a field name) in the current language:
    unchanged in Thai; its English from :data:`LABELS` under ``--lang en`` (unchanged when
    there is none)."""
    if not text or language() != "en":
        return text
    return LABELS.get(text, text)


def iso_when(
    start: str, end: str | None, precision: str | None = "day", approximate: bool = False
) -> str:
    """A date as far as it is known, for ``--lang en``: ISO and short. ``2019-06-13``,
    ``2024-06-22–24``, ``2024-06-30 – 07-02``, ``2014-06`` (month known), ``2014`` (year)."""
    mark = "?" if approximate else ""
    start, end = start[:10], (end or start)[:10]
    if precision in ("year", "month"):
        return start[: 4 if precision == "year" else 7] + mark
    if start == end:
        text = start
    elif start[:7] == end[:7]:
        text = f"{start}–{end[8:]}"
    elif start[:4] == end[:4]:
        text = f"{start} – {end[5:]}"
    else:
        text = f"{start} – {end}"
    return text + mark


def _mostly_thai(text: str) -> bool:
    return len(_THAI.findall(text)) >= len(re.findall(r"[A-Za-z]", text))


def _values(thai: str) -> list[str]:
    """The runs of words of a Thai sentence that are not Thai (values, paths, commands)."""
    runs: list[list[str]] = [[]]
    for token in re.findall(r"'[^']*'|\"[^\"]*\"|\S+", thai):
        if token in ("—", "–", "-", "=", "?"):  # a dash between clauses is not a value
            if runs[-1]:
                runs.append([])
        elif token[0] in "'\"" or not _THAI.search(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    out = []
    for run in runs:
        value = " ".join(run).strip("(),;: ")
        if re.search(r"[A-Za-z0-9\u0e00-\u0e7f]", value):
            out.append(value)
    return out


# The English of the Thai labels of tables and records (titles, column headers, field names).
# The source keeps its Thai labels as they are, so Thai output does not change by a byte.
LABELS: dict[str, str] = {
    "การประชุม": "meetings",
    "กำหนดเสร็จ": "due",
    "ครั้งที่": "session",
    "คะแนน": "score",
    "ค่าจากอีกเครื่อง": "other laptop's value",
    "ค่าในเครื่องนี้": "this laptop's value",
    "งบประมาณ": "budget",
    "จังหวัด": "province",
    "จังหวัด/พื้นที่": "province/area",
    "จากการประชุม": "from meeting",
    "จากไฟล์": "from file",
    "จำนวน": "count",
    "จำนวนสมาชิก": "members",
    "ชื่อ - สกุล": "name",
    "ชื่อ 1": "name 1",
    "ชื่อ 2": "name 2",
    "ชื่อการประชุม": "title",
    "ชุดที่": "batch",
    "ช่อง": "field",
    "ตัดสิน": "decision",
    "ตัวเลขที่รายงาน": "reported figure",
    "ตัวเลขล่าสุด": "latest figure",
    "ตาราง": "table",
    "ตำบล": "subdistrict",
    "แขวง": "khwaeng (subdistrict)",
    "เขต": "khet (district)",
    "ตำแหน่ง": "position",
    "ที่ตั้ง": "location",
    "ที่มา": "source",
    "ประธาน": "chair",
    "ประเด็น": "topic",
    "ประเภท": "kind",
    "ปรับปรุง": "updated",
    "ผล/มติ": "outcomes",
    "ผู้จดรายงานการประชุม": "minutes taker",
    "ผู้จัด": "organizer",
    "ผู้นำ": "leader",
    "ผู้รับผิดชอบ": "owner",
    "ผู้ร่วมจัด": "co-organizer",
    "ผู้เข้าร่วม (ตามรายงาน)": "participants (reported)",
    "ผู้เข้าร่วม (รายงาน)": "participants (reported)",
    "ผู้ไม่มาประชุม": "absent",
    "พื้นที่ครอบคลุม": "covers",
    "ภาค/กลุ่มจังหวัด": "region/group",
    "ภาคส่วน": "sector",
    "ภารกิจ": "mission",
    "ภารกิจติดตาม": "follow-up actions",
    "ยินยอมเมื่อ": "consent given",
    "ย้อนแล้ว": "undone",
    "รหัส": "id",
    "รหัส 1": "id 1",
    "รหัส 2": "id 2",
    "ระดับ": "level",
    "ระเบียบวาระ": "agenda",
    "รายการ": "items",
    "รายวัน": "days",
    "รุ่นที่": "batch",
    "ลูกข่าย": "child networks",
    "วัตถุประสงค์ที่ยินยอม": "consent purposes",
    "วันที่": "date",
    "วันที่เข้าร่วม": "days attended",
    "วิทยากร": "speakers",
    "สถานที่": "venue",
    "สถานะ": "status",
    "สมาชิก": "members",
    "สมาชิกที่ลงชื่อ": "members signed",
    "สมาชิกที่ลงชื่อเข้าร่วม": "members signed in",
    "สมาชิกในระบบ": "members on record",
    "สร้างเมื่อ": "created",
    "หน่วยงาน": "organization",
    "หน่วยงาน/องค์กร": "organization",
    "หมายเหตุ": "notes",
    "หมู่ที่": "village no.",
    "องค์กร": "organization",
    "อำเภอ": "district",
    "อีเมล": "email",
    "เครือข่าย": "network",
    "เพิ่มใหม่": "added",
    "เมื่อ": "when",
    "เรื่องที่นำเสนอ": "presentations",
    "เลขบัตรประชาชน": "national ID",
    "เวลา": "time",
    "เหตุผล": "reason",
    "แก้ไขเมื่อ": "modified",
    "แถว": "rows",
    "แม่ข่าย": "parent network",
    "แหล่งงบประมาณ": "funding",
    "โทรศัพท์": "phone",
    "ไฟล์": "file",
    "ไม่ผ่าน": "failed",
    "ไม่เปลี่ยน": "unchanged",
    "ชีต": "sheet",
    "คำเตือน": "warnings",
    "เวที": "meeting",
    "ปฏิทินเครือข่าย": "Network calendar",
    "ผลการนำเข้า (import)": "Import",
    "ผลการนำเข้า (import) — ทดลอง ไม่ได้บันทึก (dry run)": "Import — dry run, nothing saved",
    "การนำเข้า (imports)": "Imports",
    "การนำเสนอ (presentations)": "Presentations",
    "สมาชิกที่อาจซ้ำกัน": "Possible duplicate members",
    "ข้อขัดแย้ง (เก็บค่าในเครื่องนี้ไว้)": "Conflicts (this laptop's values kept)",
    "ข้อขัดแย้งจากการรวมข้อมูล": "Conflicts from merging",
    "เวทีล่าสุด": "Latest meetings",
    "ผู้เข้าร่วม (คน)": "participants",
    "ไม่ระบุ": "not given",
    "ไม่กำหนดวัน": "no date",
    "ภาคทางการ": "official region",
    "กลุ่มจังหวัด": "group of provinces",
    "กลุ่มของผู้ใช้": "user's group",
    "ไม่ระบุจังหวัด": "(province not given)",
    "สมาชิก\n(คน)": "members",
    "อำเภอ/\nตำบล": "districts/\nsubdistricts",
    "เวที\n(ครั้ง/วัน)": "meetings\n(times/days)",
    "ผู้เข้าร่วม\nตามรายงาน": "participants\n(reported)",
    "ผู้ลงชื่อ\n(ไม่ซ้ำ)": "signed\n(distinct)",
    "งบประมาณ\n(บาท)": "budget\n(baht)",
    "งานค้าง\n(เกินกำหนด)": "open actions\n(overdue)",
    "ยังไม่เสร็จ": "open",
    "เกินกำหนด": "overdue",
    "เสร็จแล้ว": "done",
}
