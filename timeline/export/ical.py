"""iCalendar (RFC 5545): one all-day VEVENT per event, spanning its interval."""

from __future__ import annotations

import datetime as dt

from timeline import __version__
from timeline.model import Event, Timeline

_MAX_OCTETS = 75


def to_ics(timeline: Timeline) -> str:
    """The timeline as a calendar; DTSTAMP is the newest publication date, so output is stable."""
    stamp = max((a.published for a in timeline.articles), default=dt.date(1970, 1, 1))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//timeline//timeline {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(timeline.title)}",
    ]
    for event in timeline.events:
        lines += _vevent(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vevent(event: Event, stamp: dt.date) -> list[str]:
    end = event.when.end + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
    description = [f"{event.when.label}. Status: {event.status or 'unknown'}. Kind: {event.kind or 'unknown'}."]
    if event.actors:
        description.append("Actors: " + ", ".join(event.actors) + ".")
    if event.conflicts:
        description.append("Reports disagree on the date: " + ", ".join(event.conflicts) + ".")
    description += [f"[{m.article}] {m.sentence}" for m in event.mentions]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@timeline",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{event.when.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{_text(event.title)}",
        f"DESCRIPTION:{_text(chr(10).join(description))}",
    ]
    if event.places:
        lines.append(f"LOCATION:{_text(', '.join(event.places))}")
    if event.kind:
        lines.append(f"CATEGORIES:{_text(event.kind)}")
    lines.append("END:VEVENT")
    return lines


def _text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _MAX_OCTETS if not parts else _MAX_OCTETS - 1  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
