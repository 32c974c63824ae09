"""Turn matched words into parts of a TIMEX3 value: table look-ups and a few functions.

Tables live in ``rules/<lang>/norm.toml``; what cannot be a finite table (any number,
any year, a clock time) is a function here, named in templates the same way
(``{count:1}``). Every function takes the group's text (``None`` if the group did not
take part) and returns a string.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_KEY_DROP = re.compile(r"[.'\u2019]")
_KEY_SPACE = re.compile(r"[\s\-]+")


def table_key(text: str | None) -> str:
    """The key a word is looked up by: lower case, no dots or apostrophes, single spaces."""
    if text is None:
        return ""
    return _KEY_SPACE.sub(" ", _KEY_DROP.sub("", text.lower())).strip()


_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "couple": 2, "hundred": 100, "thousand": 1000,
}
_FILLER = {"a", "an", "of", "and"}


def number(text: str | None) -> str:
    """'twenty-one' -> '21', '1,000' -> '1000', '2.5' -> '2.5', 'half a' -> '0.5'."""
    key = table_key(text)
    if not key:
        return "X"
    if "half" in key.split():
        return "0.5"
    digits = " ".join((text or "").replace(",", "").split())  # table_key would drop the "." of "1.5"
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", digits):
        return digits
    if m := re.fullmatch(r"([0-9]+) ([13])/([24])", digits):  # "2 1/2"
        return f"{int(m[1]) + int(m[2]) / int(m[3]):g}"
    words = key.split()
    if all(w in _FILLER for w in words):
        return "1"
    total = 0
    for word in words:
        if word in _FILLER:
            continue
        if word not in _UNITS:
            return "X"  # "several", "a few": a vague amount
        n = _UNITS[word]
        total = total * n if n in (100, 1000) and total else total + n
    return str(total or 1)


def count(text: str | None) -> str:
    """A number, or X for vague amounts ("several", "a few", "many")."""
    return number(text)


def halfmore(text: str | None) -> str:
    """'two' (and a half) -> '2.5'."""
    n = number(text)
    return n if n == "X" else f"{float(n) + 0.5:g}"


def year(text: str | None) -> str:
    """A four-digit year; two digits are read as 19xx (before 30: 20xx)."""
    digits = re.sub(r"[^0-9]", "", text or "")
    if not digits:
        return ""  # the group did not take part
    if len(digits) == 2:
        return ("20" if int(digits) < 30 else "19") + digits
    return digits.zfill(4)


def yearwords(text: str | None) -> str:
    """A year read out: 'nineteen ninety-six' -> '1996', 'two thousand and one' -> '2001'."""
    key = table_key(text)
    if not key:
        return ""
    if key.startswith("two thousand"):
        rest = key.removeprefix("two thousand").replace("and", "").strip()
        return str(2000 + (int(number(rest)) if rest else 0))
    rest = key.removeprefix("nineteen").strip()
    return "1900" if rest == "hundred" else str(1900 + int(number(rest)))


def pad2(text: str | None) -> str:
    return re.sub(r"[^0-9]", "", text or "").zfill(2)


def monthday(text: str | None) -> str:
    """A month or day number padded to two digits; nothing if the group did not take part
    (for rules with one alternative per way of writing: "8/7/98" or "12-25-2001")."""
    return pad2(text) if text else ""


def day(text: str | None) -> str:
    """'7th' -> '07'."""
    return pad2(re.sub(r"(?i)st|nd|rd|th", "", text or ""))


def decade(text: str | None) -> str:
    """'1990' -> '199' and "'90" -> '199' (the twentieth century unless '00'-'20')."""
    digits = re.sub(r"[^0-9]", "", text or "")
    if len(digits) == 2:
        return ("20" if digits in ("00", "10", "20") else "19") + digits[0]
    return digits[:3]


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty first": 21,
}


def century(text: str | None) -> str:
    """'20th' -> '19' (the TIMEX3 value of a century is its first two digits)."""
    key = table_key(text)
    if not key:
        return ""  # the group did not take part
    n = _ORDINAL_WORDS.get(key) or int(re.sub(r"[^0-9]", "", key) or 1)
    return f"{n - 1:02d}"


def ordinal2(text: str | None) -> str:
    """'eighth' -> '08', 'twenty-first' -> '21'."""
    return f"{_ORDINAL_WORDS.get(table_key(text), 0) or _ORDINAL_WORDS_HIGH.get(table_key(text), 0):02d}"


_ORDINAL_WORDS_HIGH = {
    "twenty second": 22, "twenty third": 23, "twenty fourth": 24, "twenty fifth": 25, "twenty sixth": 26,
    "twenty seventh": 27, "twenty eighth": 28, "twenty ninth": 29, "thirtieth": 30, "thirty first": 31,
}


def yearanchor(text: str | None) -> str:
    """A year qualifier: '1998' -> 'Y1998', "last year's" -> 'YLAST', "that year", "the same
    year" -> 'YREF', the year the story last named (resolved later)."""
    key = table_key(text)
    if re.fullmatch(r"[0-9]{4}", key):
        return "Y" + key
    if re.fullmatch(r"[0-9]{2}", key):  # '16 (the apostrophe is dropped by table_key)
        return "Y" + year(key)
    if not key:
        return ""  # no year given: the caller's template supplies another anchor
    return {"this": "YTHIS", "last": "YLAST", "next": "YNEXT", "that": "YREF", "the": "YREF"}.get(key.split()[0], "YTHIS")


def year2anchor(text: str | None) -> str:
    """Two digits glued to a code ('3Q16') as a year anchor; nothing if absent."""
    return "Y" + year(text) if text else ""


_HOUR_WORDS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}


def clock(text: str | None) -> str:
    """'10 p.m.' -> 'T22:00', '7:15' and '07.15' -> 'T07:15', 'noon' -> 'T12:00', '1430 hours' -> 'T14:30',
    "four o'clock" -> 'T04:00'."""
    key = (text or "").lower()
    if "noon" in key:
        return "T12:00"
    if "midnight" in key:
        return "T24:00"
    if (word := key.split(" ", 1)[0]) in _HOUR_WORDS:  # "four o'clock"
        key = f"{_HOUR_WORDS[word]}{key[len(word):]}"
    m = re.match(r"([0-2][0-9])([0-5][0-9]) ", key + " ") or re.match(r"([0-9]{1,2})(?:[:.]([0-9]{2})(?::([0-5][0-9]))?)?", key)  # "1400 hours"
    if not m:
        return ""
    hour, minute = int(m[1]), m[2] or "00"
    if re.search(r"p\.?m", key) and hour < 12:
        hour += 12
    elif re.search(r"a\.?m", key) and hour == 12:
        hour = 0
    seconds = f":{m[3]}" if m.lastindex == 3 and m[3] else ""  # "16:00:00 ET" keeps its seconds
    return f"T{hour:02d}:{minute}{seconds}"


def elapsed(text: str | None) -> str:
    """A race's time as a duration: '2:06:20' -> 'PT2H6M20S'."""
    hours, minutes, seconds = (int(part) for part in (text or "0:0:0").split(":"))
    return f"PT{hours}H{minutes}M{seconds}S"


def clockpm(text: str | None) -> str:
    """A clock time of the evening or afternoon: a bare hour before noon is after it ('7:30' ->
    'T19:30', '9' -> 'T21:00'); one with a.m. or p.m. is as written."""
    value = clock(text)
    key = (text or "").lower()
    if value and not re.search(r"[ap]\.?m|noon|midnight", key) and int(value[1:3]) < 12:
        value = f"T{int(value[1:3]) + 12:02d}{value[3:]}"
    return value


def clockhalf(text: str | None) -> str:
    """A clock time with the half of the day it says: "5 o'clock in the afternoon" -> 'T17:00',
    "2 in the morning" -> 'T02:00', "11 at night" -> 'T23:00'."""
    hour, _, half = (text or "").lower().replace(" at night", " in the night").partition(" in the ")
    return clockpm(hour) if half in ("afternoon", "evening", "night") else clock(hour)


FUNCTIONS: dict[str, Callable[[str | None], str]] = {
    "number": number,
    "count": count,
    "halfmore": halfmore,
    "year": year,
    "yearwords": yearwords,
    "pad2": pad2,
    "monthday": monthday,
    "day": day,
    "decade": decade,
    "century": century,
    "yearanchor": yearanchor,
    "year2anchor": year2anchor,
    "ordinal2": ordinal2,
    "clock": clock,
    "clockpm": clockpm,
    "clockhalf": clockhalf,
    "elapsed": elapsed,
}
