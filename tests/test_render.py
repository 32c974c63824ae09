from __future__ import annotations

import datetime as dt
import json
import re

from timeline import render
from timeline.model import Article, Event, Mention, Timeline, When

HOSTILE = '<script>alert("x")</script>'


def hostile_timeline() -> Timeline:
    sentence = f'Talks ended {HOSTILE} on Friday <img src=x onerror=alert(1)>.'
    start = sentence.index("Friday")
    mention = Mention(
        article="a1", sentence=sentence, sentence_start=0, expression="Friday", start=start, end=start + 6, value="2016-07-15"
    )
    event = Event(
        id="e1",
        when=When("2016-07-15", dt.date(2016, 7, 15), dt.date(2016, 7, 15), "day", "Fri 15 Jul 2016"),
        title=f"Talks {HOSTILE}",
        mentions=(mention,),
        actors=("<b>Kerry</b>",),
    )
    month = Event(
        id="e2",
        when=When("2016-05", dt.date(2016, 5, 1), dt.date(2016, 5, 31), "month", "May 2016"),
        title="Proposal",
        mentions=(mention,),
    )
    article = Article(
        id="a1",
        text=sentence,
        published=dt.date(2016, 7, 18),
        title=HOSTILE,
        source="<img src=x onerror=alert(2)>",
        url="javascript:alert(3)",
    )
    return Timeline(articles=(article,), events=(event, month), title=f"My {HOSTILE} timeline")


def test_hostile_strings_render_as_text() -> None:
    page = render.to_html(hostile_timeline(), cdn=True)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b>Kerry" not in page
    assert "javascript:" not in page  # a non-http(s) url is not linked, and not written at all
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # shown as text in the list


def test_hover_text_is_escaped_for_plotly() -> None:
    page = render.to_html(hostile_timeline(), cdn=True)
    figure = re.search(r'<script type="application/json" id="figure-data">(.*?)</script>', page, re.S)
    assert figure is not None
    assert "<" not in figure.group(1)  # nothing in the JSON can close the script element
    hover = json.loads(figure.group(1))["data"][0]["hovertext"][0]
    assert hover.startswith("<b>Talks &lt;script&gt;")  # article strings are HTML-escaped for plotly.js


def test_http_urls_are_linked() -> None:
    timeline = hostile_timeline()
    article = timeline.articles[0]
    safe = Timeline(articles=(Article(**{**article.__dict__, "url": "https://example.org/a?b=1&c=2"}),), events=timeline.events)
    page = render.to_html(safe, cdn=True)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page


def test_page_works_offline() -> None:
    page = render.to_html(hostile_timeline())
    assert "<script src=" not in page  # plotly.js is embedded, nothing is fetched
    assert "Plotly.newPlot" in page


def test_coarse_events_are_spans_not_points() -> None:
    page = render.to_html(hostile_timeline(), cdn=True)
    assert '"x":["2016-05-01","2016-05-31"]' in page


def test_render_is_deterministic() -> None:
    assert render.to_html(hostile_timeline()) == render.to_html(hostile_timeline())
