"""iCalendar (RFC 5545): one all-day VEVENT per event, as calendar programs expect.

- An event dated to the day is an all-day event: ``DTSTART;VALUE=DATE`` and an exclusive
  ``DTEND`` (the next day).
- An event known only to the week, month, season, year or decade is not drawn as a banner
  over that whole period (a trip "this year" did not last 366 days): it is a one-day entry on
  the period's first day, its summary prefixed with the period ("[July 2016] ...").
- Scheduled, proposed and conditional events are ``STATUS:TENTATIVE``; events that
  occurred or are ongoing ``CONFIRMED``.
- The description cites every source by outlet, publication date and link, and ``URL`` is
  the link of the first source that has one.
- An event whose dates cannot be written with a four-digit year (before 1000 or in 9999) is
  left out, and ``skipped`` says how many.
"""

from __future__ import annotations

import datetime as dt
import logging

from timeline import __version__
from timeline.export.sources import clean, first_url, quotes, unique_ids
from timeline.model import Article, Event, Timeline

log = logging.getLogger("timeline")

_MAX_OCTETS = 75
_TENTATIVE = frozenset({"scheduled", "proposed", "conditional"})
_CONFIRMED = frozenset({"occurred", "ongoing"})
_FIRST_YEAR, _LAST_DAY = 1000, dt.date(9999, 12, 30)  # DTEND is the day after: it must still be a date


def to_ics(timeline: Timeline) -> str:
    """The timeline as a calendar; DTSTAMP is the newest publication date, so output is stable."""
    stamp = max((a.published for a in timeline.articles), default=dt.date(1970, 1, 1))
    articles = {a.id: a for a in timeline.articles}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//timeline//timeline {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(timeline.title)}",
    ]
    left_out = []
    for event, uid in zip(timeline.events, unique_ids(timeline.events), strict=True):
        if _writable(event):
            lines += _vevent(event, uid, stamp, articles)
        else:
            left_out.append(uid)
    lines.append("END:VCALENDAR")
    if left_out:
        log.warning(
            "the calendar leaves out %d event(s) dated before the year %d or after 9999, which iCalendar cannot write: %s",
            len(left_out), _FIRST_YEAR, ", ".join(left_out[:5]) + (" …" if len(left_out) > 5 else ""),
        )
    return "".join(_fold(line) + "\r\n" for line in lines)


def skipped(timeline: Timeline) -> tuple[str, ...]:
    """The ids of the events the calendar leaves out: dates with no four-digit year."""
    return tuple(e.id for e in timeline.events if not _writable(e))


def _writable(event: Event) -> bool:
    return event.when.start.year >= _FIRST_YEAR and event.when.end <= _LAST_DAY


def _vevent(event: Event, uid: str, stamp: dt.date, articles: dict[str, Article]) -> list[str]:
    when = event.when
    vague = when.granularity != "day"
    start = when.start
    summary = f"[{when.label}] {clean(event.title)}" if vague else clean(event.title)
    facts = [f"{when.label}." + (f" Dated only to the {when.granularity}: shown on its first day." if vague else "")]
    facts.append(f"Status: {event.status or 'unknown'}. Kind: {event.kind or 'unknown'}.")
    if event.actors:
        facts.append("Actors: " + ", ".join(clean(a) for a in event.actors) + ".")
    if event.conflicts:
        facts.append("Reports disagree on the date: " + ", ".join(event.conflicts) + ".")
    for sentence, sources in quotes(event, articles):
        facts.append("")
        facts.append(f"“{sentence}”")
        facts += [f"— {source.text()}" for source in sources]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(uid)}@timeline",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{_date(start)}",
        f"DTEND;VALUE=DATE:{_date(start + dt.timedelta(days=1) if vague else when.end + dt.timedelta(days=1))}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(chr(10).join(facts))}",
        "TRANSP:TRANSPARENT",  # a past event does not make anyone busy
    ]
    if event.status in _TENTATIVE:
        lines.append("STATUS:TENTATIVE")
    elif event.status in _CONFIRMED:
        lines.append("STATUS:CONFIRMED")
    if url := first_url(event.mentions, articles):
        lines.append(f"URL:{url}")  # a URI, not TEXT: safe_url let nothing through that needs escaping
    if event.places:
        lines.append(f"LOCATION:{_text(', '.join(event.places))}")
    if event.kind:
        lines.append(f"CATEGORIES:{_text(event.kind)}")
    lines.append("END:VEVENT")
    return lines


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime's %Y does not pad years < 1000


def _text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines; control characters,
    which TEXT may not hold, become spaces."""
    value = "\n".join(clean(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


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
