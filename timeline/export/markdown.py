"""A chronology document in Markdown, every event with its sources as footnotes.

The first line is an HTML comment, ``<!-- generator: timeline … -->``: invisible when the
document is rendered or pasted, and the mark that makes a folder read again as input skip
it. Events are in date order; within a day, one known only to the day comes before one
placed in a part of it ("Thu 14 Jul 2016 evening"), and those follow the clock. Each
distinct sentence is one footnote, cited by outlet, date and link, and reused by every
event it reports. Every string from an article is escaped, so it cannot become a link,
markup or HTML.
"""

from __future__ import annotations

import re
from itertools import groupby

from timeline import __version__
from timeline.export.sources import Source, clean, quotes
from timeline.model import Event, Timeline

GENERATOR_MARK = "<!-- generator: timeline"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")
# When in a day a part of it falls (TIMEX3 TMO, TAF, ...), or a clock time ("T15:30").
_PARTS_OF_DAY = {"MO": 9.0, "MI": 12.0, "DT": 12.5, "AF": 15.0, "EV": 19.0, "NI": 22.0}


def to_markdown(timeline: Timeline) -> str:
    """Events grouped by year; each line's sources are footnotes quoting the sentence."""
    articles = {a.id: a for a in timeline.articles}
    events = sorted(timeline.events, key=_order)
    lines = [f"{GENERATOR_MARK} {__version__} -->", f"# {_escape(timeline.title)}", "",
             f"{len(events)} events from {len(timeline.articles)} articles.", ""]
    notes: dict[str, int] = {}  # footnote text → its number
    for year, in_year in groupby(events, key=lambda e: e.when.start.year):
        lines += [f"## {year}", ""]
        for event in in_year:
            marks = []
            for sentence, sources in quotes(event, articles):
                note = f"{'; '.join(_source(s) for s in sources)}: “{_escape(sentence)}”"
                number = notes.setdefault(note, len(notes) + 1)
                if f"[^{number}]" not in marks:
                    marks.append(f"[^{number}]")
            extra = f" ({_escape(event.status)})" if event.status and event.status != "occurred" else ""
            conflict = f" — *reports disagree on the date: {_escape(', '.join(event.conflicts))}*" if event.conflicts else ""
            lines.append(f"- **{_escape(event.when.label)}** — {_escape(event.title)}{extra}{conflict} {''.join(marks)}".rstrip())
        lines.append("")
    lines += [f"[^{number}]: {note}" for note, number in notes.items()]
    return "\n".join(lines) + "\n"


def _order(event: Event) -> tuple[object, ...]:
    """Date order; in a day, the whole day first, then its parts by the clock."""
    when = event.when
    return (when.start, when.end, _time_of_day(when.value) if when.granularity == "day" else -1.0)


def _time_of_day(value: str) -> float:
    _, sep, time = value.partition("T")
    if not sep:
        return -1.0
    if time in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[time]
    if match := re.match(r"(\d{2})(?::(\d{2}))?", time):
        return int(match[1]) + int(match[2] or 0) / 60
    return 24.0


def _source(source: Source) -> str:
    text = ", ".join(_escape(part) for part in source.parts())
    return f"{text} <{source.url}>" if source.url else text


def _escape(text: str) -> str:
    """Markdown's special characters as literals, so article text cannot inject markup."""
    return _SPECIAL.sub(r"\\\1", clean(text))
