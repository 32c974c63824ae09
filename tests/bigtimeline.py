"""A big timeline made from the model in Python (no spaCy, a second or two): for the browser
tests and ``benchmarks/page_speed.py``.

It looks like a news pile of two years: 2,500 articles from 40 outlets, events on busy days
(a dozen in one lane on one day), every granularity, about 300 actors, a few stray dates far
off ("2,000 years ago" is the year 6, a plan for 2039), and hostile strings in some articles.
"""

from __future__ import annotations

import datetime as dt
import random

from timeline.model import Article, Event, Evidence, Mention, Timeline, When

HOSTILE = '</script><!-- <script>alert("x")</script> & <img src=x onerror=alert(1)>'
KINDS = ("meeting", "statement", "agreement", "ceasefire", "proposal", "criticism", "military action", "aid", "threat", "travel", None)
STATUSES = ("occurred", "occurred", "occurred", "scheduled", "proposed", "denied", "ongoing", None)
START = dt.date(2015, 1, 1)


def _when(day: dt.date, granularity: str) -> When:
    if granularity == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return When(f"{monday:%G-W%V}", monday, monday + dt.timedelta(days=6), "week", f"week of {monday.day} {monday:%b %Y}")
    if granularity == "month":
        end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return When(f"{day:%Y-%m}", day.replace(day=1), end, "month", f"{day:%B %Y}")
    if granularity == "year":
        return When(f"{day.year:04d}", day.replace(month=1, day=1), day.replace(month=12, day=31), "year", f"{day.year}")
    return When(day.isoformat(), day, day, "day", f"{day:%a} {day.day} {day:%b} {day.year}")


def big_timeline(n: int = 10_000, seed: int = 12) -> Timeline:
    """``n`` events (at least 20), sorted by date, with unique ids and significance."""
    rng = random.Random(seed)
    outlets = [f"Outlet {i}" for i in range(39)] + ["Al <i>Monitor</i>"]
    actors = [f"Actor {i}" for i in range(300)] + ["John Kerry", "Sergei Lavrov", "<b>Assad</b>"]
    articles = []
    for i in range(max(1, n // 4)):
        published = START + dt.timedelta(days=rng.randrange(730))
        bad = HOSTILE if i % 97 == 0 else ""
        text = f"Officials met on Friday in Geneva{bad}, and the talks went on for hours while envoys waited outside the hall."
        articles.append(
            Article(
                id=f"art{i:05d}", text=text, published=published, title=f"Report {i}{bad}", source=outlets[i % len(outlets)],
                url=f"https://example.org/{i}?a=1&b=2" if i % 3 else "javascript:alert(3)",
            )
        )
    busy = [START + dt.timedelta(days=rng.randrange(730)) for _ in range(40)]  # days with many events
    events = []
    for i in range(n):
        if i < 6:
            day = dt.date(6, 1, 1) if i < 4 else dt.date(2039, 6, 1)  # stray dates far off
        elif i % 7 == 0:
            day = busy[i % len(busy)]
        else:
            day = START + dt.timedelta(days=rng.randrange(730))
        roll = rng.random()
        granularity = "day" if roll < 0.82 else "week" if roll < 0.9 else "month" if roll < 0.97 else "year"
        if i < 4:
            granularity = "year"
        when = _when(day, granularity)
        reports = rng.sample(articles, k=min(len(articles), 1 + int(rng.random() ** 3 * 4)))
        mentions = tuple(
            Mention(
                article=a.id, sentence=a.text, sentence_start=0, expression="on Friday", start=a.text.index("on Friday"),
                end=a.text.index("on Friday") + len("on Friday"), value=when.value, rule="rel_weekday", anchor=a.published.isoformat(),
                trigger="met",
            )
            for a in reports
        )
        kind = KINDS[rng.randrange(len(KINDS))]
        named = tuple(sorted(rng.sample(actors, k=rng.randrange(3))))
        sources = len(reports)
        evidence = Evidence(sources=sources, outlets=sources, referring=sources, later=0, days_in_news=rng.randrange(20),
                            attention=0.01, kind_weight=1.0, status_weight=1.0, rank_in_date=1)  # fmt: skip
        title = f"{named[0] if named else 'Officials'} {rng.choice(('meets', 'says', 'agrees on', 'rejects', 'visits'))} talks {i}"
        if i % 501 == 0:
            title += HOSTILE
        events.append(
            Event(
                when=when, title=title, mentions=mentions, id=f"ev{i:05d}", kind=kind, status=STATUSES[rng.randrange(len(STATUSES))],
                actors=named, places=("Geneva",) if i % 3 else (), conflicts=("2016-07-16",) if i % 53 == 0 else (),
                significance=round(sources + rng.random() * 2, 4), evidence=evidence,
            )
        )
    events.sort(key=lambda e: (e.when.start, e.when.end, e.id))
    return Timeline(articles=tuple(articles), events=tuple(events), title="A generated pile of 10,000 events")
