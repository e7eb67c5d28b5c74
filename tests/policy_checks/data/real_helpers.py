"""Made-up personal data in the forms people actually write it (used by real_items.py).

Every number here is invented: national IDs get a valid mod-11 check digit from a seeded
random generator, phones and accounts are random digits. Nothing refers to a real person.
"""

from __future__ import annotations

import random

rng = random.Random(20250611)

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
WORDS = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
NBSP, NNBSP, THIN, ZWSP, ZWJ, LRM, SHY = "\u00a0", "\u202f", "\u2009", "\u200b", "\u200d", "\u200e", "\u00ad"
EN, EM, MINUS, FWHY = "\u2013", "\u2014", "\u2212", "\uff0d"


def national_id() -> str:
    first = str(rng.randint(1, 8))
    body = first + "".join(str(rng.randint(0, 9)) for _ in range(11))
    total = sum(int(d) * (13 - i) for i, d in enumerate(body))
    return body + str((11 - total % 11) % 10)


def bad_id() -> str:
    """13 digits, first digit 1-8, with a wrong check digit."""
    good = national_id()
    return good[:12] + str((int(good[12]) + 3) % 10)


def mobile() -> str:
    return rng.choice(["08", "09", "06"]) + str(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(7))


def landline() -> str:
    if rng.random() < 0.4:
        return "02" + str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    area = rng.choice(["053", "054", "055", "056", "042", "043", "044", "045", "038", "034", "074", "076", "032"])
    while True:
        rest = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(5))
        if area + rest != "056717100":
            return area + rest


def account(length: int = 10) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))


def passport_th() -> str:
    return rng.choice(["AA", "AB", "AC", "AD", "AE", "AF", "AH", "AK"]) + "".join(str(rng.randint(0, 9)) for _ in range(7))


def _groups(s: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    return sep.join(out)


# ------------------------------------------------------------------ national ID forms
def id_forms(s: str, k: int) -> str:
    g = [1, 4, 5, 2, 1]
    forms = [
        lambda: _groups(s, g, "-"),
        lambda: s,
        lambda: _groups(s, g, " "),
        lambda: _groups(s, g, NBSP),
        lambda: _groups(s, g, NNBSP),
        lambda: " ".join(s),
        lambda: ".".join(s),
        lambda: _groups(s, g, "-").translate(THAI_DIGITS),
        lambda: s.translate(FULLWIDTH),
        lambda: _groups(s, g, EN),
        lambda: _groups(s, g, "-")[:4] + ZWSP + _groups(s, g, "-")[4:],
        lambda: _groups(s, [2, 4, 4, 3], "-"),
        lambda: s[:6].translate(THAI_DIGITS) + s[6:],
        lambda: _groups(s, g, "/"),
        lambda: _groups(s, g, THIN),
        lambda: _groups(s, g, MINUS),
        lambda: _groups(s, [1, 4, 5, 3], " "),
        lambda: _groups(s, g, FWHY),
        lambda: _groups(s, [3, 3, 3, 4], " "),
        lambda: _groups(s, g, " - "),
    ]
    return forms[k % len(forms)]()


# ------------------------------------------------------------------ phone forms
def mobile_forms(s: str, k: int) -> str:
    forms = [
        lambda: _groups(s, [3, 3, 4], "-"),
        lambda: s,
        lambda: _groups(s, [2, 4, 4], " "),
        lambda: " ".join(s),
        lambda: ".".join(s),
        lambda: "+66 " + _groups(s[1:], [2, 3, 4], " "),
        lambda: "+66 (0) " + _groups(s[1:], [2, 3, 4], " "),
        lambda: "(" + s[:3] + ") " + s[3:6] + "-" + s[6:],
        lambda: _groups(s, [3, 3, 4], "-").translate(THAI_DIGITS),
        lambda: s.translate(FULLWIDTH),
        lambda: _groups(s, [3, 3, 4], NBSP),
        lambda: " ".join("".join(WORDS[int(d)] for d in part) for part in (s[:3], s[3:6], s[6:])),
        lambda: s[:5] + ZWSP + s[5:],
        lambda: _groups(s, [3, 3, 4], "."),
        lambda: "+66" + s[1:],
        lambda: _groups(s, [3, 3, 4], EN),
        lambda: _groups(s, [3, 7], "-"),
        lambda: s.translate(THAI_DIGITS),
    ]
    return forms[k % len(forms)]()


def landline_forms(s: str, k: int) -> str:
    head = [2, 3, 4] if s.startswith("02") else [3, 3, 3]
    forms = [
        lambda: _groups(s, head, "-"),
        lambda: s,
        lambda: _groups(s, [1, 4, 4] if s.startswith("02") else [3, 6], " "),
        lambda: "+66 " + _groups(s[1:], [1, 3, 4] if s.startswith("02") else [2, 3, 3], " "),
        lambda: _groups(s, head, "-").translate(THAI_DIGITS),
        lambda: _groups(s, head, NBSP),
        lambda: " ".join("".join(WORDS[int(d)] for d in part) for part in _groups(s, head, "|").split("|")),
        lambda: _groups(s, head, "."),
        lambda: "(" + s[: head[0]] + ") " + _groups(s[head[0] :], head[1:], " "),
        lambda: _groups(s, head, EN),
        lambda: _groups(s, [head[0], sum(head[1:])], "-"),
    ]
    return forms[k % len(forms)]()


# ------------------------------------------------------------------ account forms
def account_forms(s: str, k: int) -> str:
    g = {10: [3, 1, 5, 1], 12: [4, 4, 4]}.get(len(s), [3, 3, len(s) - 6])
    forms = [
        lambda: _groups(s, g, "-"),
        lambda: s,
        lambda: _groups(s, g, " "),
        lambda: _groups(s, g, "-").translate(THAI_DIGITS),
        lambda: _groups(s, g, NBSP),
        lambda: _groups(s, g, EN),
        lambda: s.translate(FULLWIDTH),
        lambda: _groups(s, [3, 3, 4] if len(s) == 10 else g, "-"),
    ]
    return forms[k % len(forms)]()


# ------------------------------------------------------------------ e-mail forms
FIRST = [
    "somchai",
    "kanokwan",
    "pimchanok",
    "thanawat",
    "nattapong",
    "siriporn",
    "wiphawee",
    "jirayu",
    "ploypailin",
    "anucha",
    "kittipat",
    "supaporn",
    "chanida",
    "weerachai",
    "orawan",
    "pornthip",
]
LAST = [
    "jaidee",
    "srisuk",
    "kaewmanee",
    "boonmee",
    "thongdee",
    "phetkaew",
    "sukjai",
    "rungrueang",
    "wongsawat",
    "chaiyaphum",
    "intarasuk",
    "meesap",
]
FREE = ["gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "hotmail.co.th", "icloud.com", "live.com"]


def email_forms(k: int) -> str:
    f, last = rng.choice(FIRST), rng.choice(LAST)
    nick = rng.choice(["nong", "ploy", "ton", "mai", "bee", "fah", "pond", "mild", "beam", "ice"])
    year = rng.choice(["1999", "2001", "88", "_th", "123", "2k"])
    free = rng.choice(FREE)
    stud = "6" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    forms = [
        lambda: f"{f}.{last}@{free}",
        lambda: f"{nick}{year}@{free}",
        lambda: f"{f}.{last}@pcru.ac.th",
        lambda: f"{stud}@pcru.ac.th",
        lambda: f"{nick}.{f} [at] gmail [dot] com",
        lambda: f"{f}{year}(at)hotmail(dot)com",
        lambda: f"{nick}_{last} @ gmail . com",
        lambda: f"{f} แอท gmail ดอท com",
        lambda: f"{nick}{year} at hotmail dot com",
        lambda: f"{f}_{last}＠{free}",
        lambda: f"{f}.{last}{ZWSP}@{free}",
        lambda: f"{nick}.{last} [at] yahoo [.] com",
        lambda: f"{f}{last}@{free}",
        lambda: f"{nick}{year} {{at}} gmail {{dot}} com",
        lambda: f"{f}.{last} at gmail dot com",
    ]
    return forms[k % len(forms)]()
