"""Thai titles (คำนำหน้านาม) as they appear on rosters: the reference list behind names.py.

The list follows the Royal Institute's usage and the government's title tables (civil titles,
academic positions, professional titles, royal and noble titles, monastic titles and the ranks
of the army, navy, air force, police and volunteer defence corps), each in its written-out form
and its abbreviation. Every entry here is canonical: how netcli stores the title. ``ALIASES``
maps other spellings people write ("น.พ.", "ศจ.") onto a canonical entry.

Titles are grouped in classes because titles stack ("พล.อ.ดร.", "ผศ.นพ.", "นายแพทย์ ม.ล.",
"พระมหา ดร."): ``STACKS_AFTER`` says which classes may follow which. Civil titles and
honorifics end a stack, so "นายคุณวุฒิ" stays นาย + คุณวุฒิ.
"""

from __future__ import annotations

CIVIL = "civil"
HONORIFIC = "honorific"
ACADEMIC = "academic"
DOCTOR = "doctor"
MEDICAL = "medical"
ROYAL = "royal"
LADY = "lady"  # คุณหญิง, ท่านผู้หญิง: conferred on women, stack with ranks and royal titles
MONASTIC = "monastic"
RANK = "rank"
ENGLISH = "english"

# Written straight onto the first name: "นายประกิจ", "น.ส.ชไมพร" (product.md, person).
CIVIL_TITLES: tuple[str, ...] = (
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "เด็กชาย",
    "เด็กหญิง",
)

# Honorifics. คุณ, ครู… begin real given names too (คุณวุฒิ, ครูบา): those need a space after them.
HONORIFICS: tuple[str, ...] = ("คุณ", "อาจารย์", "อ.", "ครู", "คุณพ่อ", "คุณแม่")

_ACADEMIC_WORDS = ("ศาสตราจารย์", "รองศาสตราจารย์", "ผู้ช่วยศาสตราจารย์")
_ACADEMIC_ABBR = ("ศ.", "รศ.", "ผศ.")
ACADEMIC_TITLES: tuple[str, ...] = (
    *_ACADEMIC_WORDS,
    *_ACADEMIC_ABBR,
    *(f"{t}(พิเศษ)" for t in _ACADEMIC_WORDS + _ACADEMIC_ABBR),
    "ศาสตราจารย์เกียรติคุณ",
    "ศาสตราจารย์กิตติคุณ",
    # Stacks written as one title on many rosters (kept so they stay one canonical form).
    "ผศ.ดร.",
    "รศ.ดร.",
    "ศ.ดร.",
)
DOCTOR_TITLES: tuple[str, ...] = ("ดร.", "ดอกเตอร์")

MEDICAL_TITLES: tuple[str, ...] = (
    "นายแพทย์",
    "นพ.",
    "แพทย์หญิง",
    "พญ.",
    "ทันตแพทย์",
    "ทพ.",
    "ทันตแพทย์หญิง",
    "ทพญ.",
    "เภสัชกร",
    "ภก.",
    "เภสัชกรหญิง",
    "ภญ.",
    "สัตวแพทย์",
    "สพ.",
    "สัตวแพทย์หญิง",
    "สพญ.",
    "นายสัตวแพทย์",
    "น.สพ.",
)

ROYAL_TITLES: tuple[str, ...] = (
    "หม่อมเจ้า",
    "ม.จ.",
    "หม่อมเจ้าหญิง",
    "ม.จ.หญิง",
    "หม่อมราชวงศ์",
    "ม.ร.ว.",
    "หม่อมหลวง",
    "ม.ล.",
    "หม่อม",
    "ท่านชาย",
    "ท่านหญิง",
    # Old noble titles, still printed for the living and in memorial lists.
    "พระยา",
    "หลวง",
    "ขุน",
    "หมื่น",
)
LADY_TITLES: tuple[str, ...] = ("คุณหญิง", "ท่านผู้หญิง")

MONASTIC_TITLES: tuple[str, ...] = (
    "พระ",
    "พระภิกษุ",
    "ภิกษุ",
    "พระอาจารย์",
    "พระมหา",
    "พระครู",
    "พระปลัด",
    "พระใบฎีกา",
    "พระสมุห์",
    "พระธรรมธร",
    "พระวินัยธร",
    "พระสังฆรักษ์",
    "พระครูปลัด",
    "พระครูสมุห์",
    "พระครูใบฎีกา",
    "พระครูธรรมธร",
    "พระครูวินัยธร",
    "พระครูสังฆรักษ์",
    "พระครูสังฆวิชัย",
    "พระครูวิมลภาณ",
    "พระครูศัพทมงคล",
    "พระอธิการ",
    "เจ้าอธิการ",
    "พระราชาคณะ",
    "สมเด็จพระราชาคณะ",
    "ครูบา",
    "หลวงพ่อ",
    "หลวงปู่",
    "หลวงตา",
    "สามเณร",
    "ส.ณ.",
    "แม่ชี",
    "บาทหลวง",
    "ซิสเตอร์",
    "ภราดา",
    "อิหม่าม",
    "โต๊ะอิหม่าม",
    "ฮัจยี",
    "หะยี",
)

# Ranks: (written out, abbreviation), highest first, per service.
_ARMY = (
    ("จอมพล", None),
    ("พลเอก", "พล.อ."),
    ("พลโท", "พล.ท."),
    ("พลตรี", "พล.ต."),
    ("พลจัตวา", "พล.จ."),
    ("พันเอก(พิเศษ)", "พ.อ.(พิเศษ)"),
    ("พันเอก", "พ.อ."),
    ("พันโท", "พ.ท."),
    ("พันตรี", "พ.ต."),
    ("ร้อยเอก", "ร.อ."),
    ("ร้อยโท", "ร.ท."),
    ("ร้อยตรี", "ร.ต."),
    ("จ่าสิบเอก(พิเศษ)", "จ.ส.อ.(พิเศษ)"),
    ("จ่าสิบเอก", "จ.ส.อ."),
    ("จ่าสิบโท", "จ.ส.ท."),
    ("จ่าสิบตรี", "จ.ส.ต."),
    ("สิบเอก", "ส.อ."),
    ("สิบโท", "ส.ท."),
    ("สิบตรี", "ส.ต."),
    ("พลทหาร", "พลฯ"),
    ("นักเรียนนายร้อย", "นนร."),
    ("นักเรียนนายสิบ", "นนส."),
)
_NAVY = (
    ("จอมพลเรือ", None),
    ("พลเรือเอก", "พล.ร.อ."),
    ("พลเรือโท", "พล.ร.ท."),
    ("พลเรือตรี", "พล.ร.ต."),
    ("พลเรือจัตวา", "พล.ร.จ."),
    ("นาวาเอก(พิเศษ)", "น.อ.(พิเศษ)"),
    ("นาวาเอก", "น.อ."),
    ("นาวาโท", "น.ท."),
    ("นาวาตรี", "น.ต."),
    ("เรือเอก", "ร.อ."),
    ("เรือโท", "ร.ท."),
    ("เรือตรี", "ร.ต."),
    ("พันจ่าเอก(พิเศษ)", "พ.จ.อ.(พิเศษ)"),
    ("พันจ่าเอก", "พ.จ.อ."),
    ("พันจ่าโท", "พ.จ.ท."),
    ("พันจ่าตรี", "พ.จ.ต."),
    ("จ่าเอก", "จ.อ."),
    ("จ่าโท", "จ.ท."),
    ("จ่าตรี", "จ.ต."),
    ("พลทหารเรือ", None),
    ("นักเรียนนายเรือ", None),
    ("นักเรียนจ่าทหารเรือ", "นรจ."),
)
_AIR = (
    ("จอมพลอากาศ", None),
    ("พลอากาศเอก", "พล.อ.อ."),
    ("พลอากาศโท", "พล.อ.ท."),
    ("พลอากาศตรี", "พล.อ.ต."),
    ("พลอากาศจัตวา", "พล.อ.จ."),
    ("นาวาอากาศเอก(พิเศษ)", "น.อ.(พิเศษ)"),
    ("นาวาอากาศเอก", "น.อ."),
    ("นาวาอากาศโท", "น.ท."),
    ("นาวาอากาศตรี", "น.ต."),
    ("เรืออากาศเอก", "ร.อ."),
    ("เรืออากาศโท", "ร.ท."),
    ("เรืออากาศตรี", "ร.ต."),
    ("พันจ่าอากาศเอก(พิเศษ)", "พ.อ.อ.(พิเศษ)"),
    ("พันจ่าอากาศเอก", "พ.อ.อ."),
    ("พันจ่าอากาศโท", "พ.อ.ท."),
    ("พันจ่าอากาศตรี", "พ.อ.ต."),
    ("จ่าอากาศเอก", "จ.อ."),
    ("จ่าอากาศโท", "จ.ท."),
    ("จ่าอากาศตรี", "จ.ต."),
    ("พลทหารอากาศ", None),
    ("นักเรียนนายเรืออากาศ", "นนอ."),
    ("นักเรียนจ่าอากาศ", "นจอ."),
)
_POLICE = (
    ("พลตำรวจเอก", "พล.ต.อ."),
    ("พลตำรวจโท", "พล.ต.ท."),
    ("พลตำรวจตรี", "พล.ต.ต."),
    ("พลตำรวจจัตวา", "พล.ต.จ."),
    ("พันตำรวจเอก(พิเศษ)", "พ.ต.อ.(พิเศษ)"),
    ("พันตำรวจเอก", "พ.ต.อ."),
    ("พันตำรวจโท", "พ.ต.ท."),
    ("พันตำรวจตรี", "พ.ต.ต."),
    ("ร้อยตำรวจเอก", "ร.ต.อ."),
    ("ร้อยตำรวจโท", "ร.ต.ท."),
    ("ร้อยตำรวจตรี", "ร.ต.ต."),
    ("ดาบตำรวจ", "ด.ต."),
    ("นายดาบตำรวจ", None),
    ("จ่าสิบตำรวจ", "จ.ส.ต."),
    ("สิบตำรวจเอก", "ส.ต.อ."),
    ("สิบตำรวจโท", "ส.ต.ท."),
    ("สิบตำรวจตรี", "ส.ต.ต."),
    ("พลตำรวจ", None),
    ("นักเรียนนายร้อยตำรวจ", "นรต."),
    ("นักเรียนนายสิบตำรวจ", "นสต."),
)
# Volunteer defence corps (อาสารักษาดินแดน) and rangers.
_VOLUNTEER = (
    ("นายกองใหญ่", "ก.ญ."),
    ("นายกองเอก", "ก.อ."),
    ("นายกองโท", "ก.ท."),
    ("นายกองตรี", "ก.ต."),
    ("นายหมวดเอก", "มว.อ."),
    ("นายหมวดโท", "มว.ท."),
    ("นายหมวดตรี", "มว.ต."),
    ("นายหมู่ใหญ่", "ม.ญ."),
    ("นายหมู่เอก", "ม.อ."),
    ("นายหมู่โท", "ม.ท."),
    ("นายหมู่ตรี", "ม.ต."),
    ("สมาชิกเอก", None),
    ("สมาชิกโท", None),
    ("สมาชิกตรี", None),
    ("อาสารักษาดินแดน", "อส."),
    ("อาสาสมัครทหารพราน", "อส.ทพ."),
)
RANK_SERVICES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "army": _ARMY,
    "navy": _NAVY,
    "air force": _AIR,
    "police": _POLICE,
    "volunteer": _VOLUNTEER,
}

# Ranks that take หญิง (women officers) and ว่าที่ (acting/reserve): the armed forces and police.
_NO_FEMALE = frozenset({"จอมพล", "จอมพลเรือ", "จอมพลอากาศ", "พลฯ", "อส.", "อส.ทพ."})


def _base_ranks() -> tuple[str, ...]:
    out: list[str] = []
    for ranks in RANK_SERVICES.values():
        for word, abbr in ranks:
            out.append(word)
            if abbr:
                out.append(abbr)
    return tuple(dict.fromkeys(out))


RANK_BASE: tuple[str, ...] = _base_ranks()


def _female(rank: str) -> str:
    # "พันเอก(พิเศษ)" → "พันเอกหญิง(พิเศษ)"; "ร.ต." → "ร.ต.หญิง".
    if rank.endswith("(พิเศษ)"):
        return rank[: -len("(พิเศษ)")] + "หญิง(พิเศษ)"
    return rank + "หญิง"


RANKS_FEMALE: tuple[str, ...] = tuple(_female(r) for r in RANK_BASE if r not in _NO_FEMALE)


def acting(rank: str) -> str:
    # "ว่าที่ ร.ต." but "ว่าที่ร้อยตรี": a space before an abbreviation, none before a word.
    head = rank.split("(")[0]
    return f"ว่าที่ {rank}" if "." in head else f"ว่าที่{rank}"


RANKS_ACTING: tuple[str, ...] = tuple(
    acting(r) for r in RANK_BASE + RANKS_FEMALE if r.split("หญิง")[0] not in _NO_FEMALE
)
RANK_TITLES: tuple[str, ...] = tuple(dict.fromkeys(RANK_BASE + RANKS_FEMALE + RANKS_ACTING))

ENGLISH_TITLES: tuple[str, ...] = ("Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.")

CLASSES: dict[str, tuple[str, ...]] = {
    CIVIL: CIVIL_TITLES,
    HONORIFIC: HONORIFICS,
    ACADEMIC: ACADEMIC_TITLES,
    DOCTOR: DOCTOR_TITLES,
    MEDICAL: MEDICAL_TITLES,
    ROYAL: ROYAL_TITLES,
    LADY: LADY_TITLES,
    MONASTIC: MONASTIC_TITLES,
    RANK: RANK_TITLES,
    ENGLISH: ENGLISH_TITLES,
}


def _class_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for cls, titles in CLASSES.items():
        for t in titles:
            out.setdefault(t, cls)
    return out


CLASS_OF: dict[str, str] = _class_of()

# Other spellings of a canonical title (dotted where the canonical is not, older forms).
ALIASES: dict[str, str] = {
    "น.พ.": "นพ.",
    "พ.ญ.": "พญ.",
    "ท.พ.": "ทพ.",
    "ท.ญ.": "ทพญ.",
    "ทพ.ญ.": "ทพญ.",
    "ภ.ก.": "ภก.",
    "ภ.ญ.": "ภญ.",
    "สพ.ญ.": "สพญ.",
    "ศจ.": "ศ.",
    "มรว.": "ม.ร.ว.",
    "มล.": "ม.ล.",
    "มจ.": "ม.จ.",
    "นสพ.": "น.สพ.",
    "ผศ.(พ.)": "ผศ.(พิเศษ)",
    "รศ.(พ.)": "รศ.(พิเศษ)",
    "ศ.(พ.)": "ศ.(พิเศษ)",
    "พ.อ.(พ.)": "พ.อ.(พิเศษ)",
    "น.อ.(พ.)": "น.อ.(พิเศษ)",
    "พ.ต.อ.(พ.)": "พ.ต.อ.(พิเศษ)",
    "พ.อ.อ.(พ.)": "พ.อ.อ.(พิเศษ)",
    "จ.ส.อ.(พ.)": "จ.ส.อ.(พิเศษ)",
    "พ.จ.อ.(พ.)": "พ.จ.อ.(พิเศษ)",
}

# Titles that begin real given names when glued (คุณวุฒิ, ครูบา, ขุนทอง, หลวงชัย…): they count
# as a title only with a space after them.
NEED_SPACE: frozenset[str] = frozenset(
    {
        "คุณพ่อ",
        "คุณแม่",
        "หลวง",
        "ขุน",
        "หมื่น",
        "หม่อม",
        "พระยา",
        "ท่านชาย",
        "ท่านหญิง",
        "ภิกษุ",
        "หะยี",
        "ฮัจยี",
        "ภราดา",
    }
)

# Honorifics written glued as often as spaced ("คุณสมศรี"), that also begin real given names
# (คุณวุฒิ, ครูบา). Glued, they count only when the rest is a known given name and the whole word
# is not (names.py checks pythainlp's public list of Thai given names).
SOFT_GLUE: frozenset[str] = frozenset({"คุณ", "ครู"})
# Given names that start with คุณ/ครู and may be missing from that list.
NAMES_LIKE_TITLES: frozenset[str] = frozenset(
    {"คุณวุฒิ", "คุณธรรม", "คุณภัทร", "คุณภาพ", "คุณกร", "คุณเดช", "คุณดร", "ครูมานิตย์"}
)

# Which classes may follow a title of each class in a stack ("พล.อ.ดร.", "ผศ.นพ.", "พระมหา
# ดร."). Civil titles, honorifics (but อาจารย์ ดร.) and English titles end a stack.
STACKS_AFTER: dict[str, frozenset[str]] = {
    CIVIL: frozenset(),
    HONORIFIC: frozenset({DOCTOR}),
    ENGLISH: frozenset(),
    ACADEMIC: frozenset({DOCTOR, MEDICAL, ROYAL, LADY, RANK}),
    DOCTOR: frozenset({MEDICAL, ROYAL}),
    MEDICAL: frozenset({DOCTOR, ROYAL, LADY, RANK}),
    RANK: frozenset({ACADEMIC, DOCTOR, MEDICAL, ROYAL, LADY}),
    ROYAL: frozenset({DOCTOR}),
    LADY: frozenset({ROYAL, DOCTOR}),
    MONASTIC: frozenset({DOCTOR}),
}
MAX_STACK = 4

# Written onto the first name with no space (product.md "person"): civil titles as before, and
# the written-out monastic and medical titles ("พระมหาสมปอง", "นายแพทย์สมชาย"). Other titles
# keep the space the existing rosters use ("ดร. ชัยวัฒน์", "พระ สมชาย").
GLUED: frozenset[str] = frozenset(
    {
        *CIVIL_TITLES,
        *(t for t in MONASTIC_TITLES if t not in ("พระ", "ส.ณ.") and t not in NEED_SPACE),
        "นายแพทย์",
        "แพทย์หญิง",
        "ทันตแพทย์",
        "ทันตแพทย์หญิง",
        "เภสัชกร",
        "เภสัชกรหญิง",
        "สัตวแพทย์",
        "สัตวแพทย์หญิง",
        "นายสัตวแพทย์",
    }
)


# --- what a title says of the person's sex --------------------------------------------------
# Used only to keep two people apart (a father and a daughter on one phone are not one person
# with a misspelled name); a title that does not say is None, and never decides anything.
_MALE_TITLES = frozenset({"นาย", "ด.ช.", "เด็กชาย", "Mr.", "คุณพ่อ"})
_FEMALE_TITLES = frozenset(
    {"นาง", "นางสาว", "น.ส.", "ด.ญ.", "เด็กหญิง", "Mrs.", "Miss", "Ms.", "คุณแม่", "คุณหญิง"}
)


def title_sex(prefix: str | None) -> str | None:
    """ "m" or "f" when the title (or any part of a stacked title) says so, else None."""
    if not prefix:
        return None
    parts = prefix.replace(".", ". ").split()
    if prefix in _FEMALE_TITLES or "หญิง" in prefix or any(p in _FEMALE_TITLES for p in parts):
        return "f"
    if prefix in _MALE_TITLES or any(p in _MALE_TITLES for p in parts):
        return "m"
    if prefix in MONASTIC_TITLES or prefix.startswith("พระ"):
        return "m"
    return None
