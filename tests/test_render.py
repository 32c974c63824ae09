"""The page: hand-made timelines in, escaped and deterministic HTML out (no browser here)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import html
import json
import re
from pathlib import Path

from timeline import render
from timeline.model import Article, Event, Mention, Timeline, When

HOSTILE = '<script>alert("x")</script>'
_WHEN = {
    "day": lambda d: When(d.isoformat(), d, d, "day", f"{d:%a} {d.day} {d:%b %Y}"),
    "week": lambda d: When(
        f"{d:%G-W%V}", d - dt.timedelta(days=d.weekday()), d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=6), "week", f"week of {d:%d %b %Y}"
    ),
    "month": lambda d: When(f"{d:%Y-%m}", d.replace(day=1), _month_end(d), "month", f"{d:%B %Y}"),
    "year": lambda d: When(f"{d:%Y}", d.replace(month=1, day=1), d.replace(month=12, day=31), "year", f"{d:%Y}"),
}


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def make_event(
    eid: str, day: dt.date, granularity: str = "day", title: str = "Talks", articles: tuple[Article, ...] = (), **fields
) -> Event:
    """An event reported once by each of ``articles``, each mention quoting the article's text."""
    mentions = []
    for article in articles:
        expression = "on Friday"
        start = article.text.index(expression)
        mentions.append(
            Mention(
                article=article.id, sentence=article.text, sentence_start=0, expression=expression, start=start,
                end=start + len(expression), value=_WHEN[granularity](day).value, rule="weekday",
                anchor=article.published.isoformat(),
            )
        )
    return Event(when=_WHEN[granularity](day), title=title, mentions=tuple(mentions), id=eid, **fields)


def sample_timeline(n: int = 12, hostile: bool = False) -> Timeline:
    """``n`` events over a year, of every granularity, some classified and some not."""
    bad = HOSTILE if hostile else ""
    outlets = ("Reuters", "AP", None, f"Al <i>Monitor</i>{bad}")
    articles = tuple(
        Article(
            id=f"a{i}", text=f"Kerry and Lavrov met on Friday in Geneva{bad}.", published=dt.date(2016, 1, 4) + dt.timedelta(days=30 * i),
            title=f"Report {i} {bad}", source=outlets[i % len(outlets)], url=f"https://example.org/{i}?a=1&b=2" if i % 2 else "javascript:alert(3)",
        )
        for i in range(6)
    )
    kinds = ("meeting", None, "proposal", "ceasefire")
    statuses = ("occurred", None, "scheduled", "denied")
    actors = (("Kerry", "Lavrov"), (), (f"<b>Assad</b>{bad}",), ("Kerry",))
    granularities = ("day", "day", "month", "week", "day", "year")
    events = tuple(
        make_event(
            f"e{i:03d}", dt.date(2016, 1, 11) + dt.timedelta(days=(29 * i) % 360), granularities[i % len(granularities)],
            f"Event {i} {bad}", articles[i % 6 : i % 6 + 1 + i % 3], kind=kinds[i % 4], status=statuses[i % 4],
            actors=actors[i % 4], places=("Geneva",) if i % 2 else (), conflicts=("2016-07-16",) if i % 5 == 0 else (),
        )
        for i in range(n)
    )
    events = tuple(sorted(events, key=lambda e: (e.when.start, e.when.end, e.id)))
    return Timeline(articles=articles, events=events, title=f"Syria talks {bad}".strip())


def _data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    assert not set("<>&") & set(found.group(1))  # nothing in the JSON can close the script element
    data = json.loads(found.group(1))
    fields = data.pop("fields")  # the events are rows under one list of field names: make the records again
    # a row leaves out its trailing nulls, so it may be shorter than the fields
    data["events"] = [{f: v for f, v in zip(fields, row, strict=False) if v is not None} for row in data["events"]]
    return data


def test_events_are_rows_under_one_list_of_fields() -> None:
    page = render.to_html(sample_timeline(12), cdn=True)
    found = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    raw = json.loads(found.group(1))
    assert raw["fields"] == sorted(raw["fields"]) and {"id", "start", "title", "m"} <= set(raw["fields"])
    assert all(isinstance(row, list) and len(row) <= len(raw["fields"]) and row[-1] is not None for row in raw["events"])


def test_hostile_strings_render_as_text() -> None:
    page = render.to_html(sample_timeline(12, hostile=True), cdn=True)
    for raw in ("<script>alert", "<img", "<b>Assad", "<i>Monitor", "javascript:", "onerror=alert"):
        assert raw not in page
    assert "Syria talks &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</h1>" in page
    assert "Al &lt;i&gt;Monitor&lt;/i&gt;" in page  # an outlet, in the list and the source filter
    assert '<option value="&lt;b&gt;Assad&lt;/b&gt;&lt;script&gt;' in page  # an actor, in the actor filter


def test_onerror_in_an_attribute_value_stays_inside_it() -> None:
    timeline = sample_timeline(3)
    event = dataclasses.replace(timeline.events[0], id='x" onerror="alert(1)', kind='k" onmouseover="alert(2)')
    page = render.to_html(dataclasses.replace(timeline, events=(event,)), cdn=True)
    assert 'onerror="alert' not in page and 'onmouseover="alert' not in page
    assert 'id="event-x&#34; onerror=&#34;alert(1)"' in page


def test_chart_strings_are_escaped_for_plotly() -> None:
    data = _data(render.to_html(sample_timeline(12, hostile=True), cdn=True))
    label = data["events"][0]["label"]  # a key event's label on the chart
    assert label.startswith("2016 · Event ") and "&lt;script&gt;" in label and "<" not in label
    labels = data["lanes"]["actor"]["labels"] + data["lanes"]["source"]["labels"]
    assert '&lt;b&gt;Assad&lt;/b&gt;&lt;script&gt;alert("…' in labels  # cut to fit, escaped after cutting
    assert not any("<" in label for label in labels)
    assert data["events"][0]["title"] == "Event 5 " + HOSTILE  # plain text, which the script sets as text


def test_the_json_island_cannot_be_closed_by_an_article() -> None:
    timeline = sample_timeline(6)
    bad = "</script><!-- <script>alert(1)</script> &amp; \u2028"
    articles = tuple(dataclasses.replace(a, title=bad, text=a.text + bad) for a in timeline.articles)
    events = tuple(dataclasses.replace(e, title=bad, mentions=tuple(dataclasses.replace(m, sentence=m.sentence + bad) for m in e.mentions))
                   for e in timeline.events)  # fmt: skip
    page = render.to_html(dataclasses.replace(timeline, articles=articles, events=events), cdn=True)
    island = page.index('<script type="application/json" id="timeline-data">')
    assert page.index("</script>", island) == page.index("</script>", island + 1) and "<!--" not in page[island : page.index("</script>", island)]
    data = _data(page)
    assert data["events"][0]["title"] == bad and all(bad in s for s in data["sentences"])
    assert [a[3] for a in data["articles"]] == [bad] * len(articles)


def test_mentions_point_into_the_sentences_table() -> None:
    timeline = sample_timeline(12)
    data = _data(render.to_html(timeline, cdn=True))
    for event, record in zip(timeline.events, data["events"], strict=True):
        assert len(record["m"]) == len(event.mentions)
        for mention, m in zip(event.mentions, record["m"], strict=True):
            article, sentence, start, end, expression, value, rule = m[:7]
            assert data["articles"][article][0] == mention.article
            assert data["sentences"][sentence][start:end] == expression == mention.expression
            assert (value, rule) == (mention.value, mention.rule)


def test_stray_dates_do_not_stretch_the_view() -> None:
    timeline = sample_timeline(40)
    far = (make_event("x1", dt.date(6, 6, 1), "year", "Two thousand years ago"), make_event("x2", dt.date(2039, 1, 2), "day", "A plan"))
    page = render.to_html(dataclasses.replace(timeline, events=far[:1] + timeline.events + far[1:]), cdn=True)
    assert '<span id="range-text">1 Jan 2016 – 29 Dec 2016 (and 2 events outside it, 6–2039)</span>' in page
    low, high = _data(page)["layout"]["xaxis"]["range"]
    assert "2015-11" < low < "2016-01-01" and "2016-12-31" < high < "2017-02"


def test_only_http_urls_are_linked() -> None:
    timeline = sample_timeline(12)
    urls = ("https://example.org/a?b=1&c=2", "javascript:alert(3)", " JavaScript:alert(4)", "data:text/html,x", "http:/no-host", "ftp://x.org/")
    articles = tuple(dataclasses.replace(a, url=u) for a, u in zip(timeline.articles, urls, strict=True))
    page = render.to_html(dataclasses.replace(timeline, articles=articles), cdn=True)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    links = re.findall(r'<a [^>]*href="([^"#][^"]*)"', page)
    assert links and all(link == "https://example.org/a?b=1&amp;c=2" for link in links)


def test_page_works_offline() -> None:
    page = render.to_html(sample_timeline(3))
    assert "<script src=" not in page and "<link rel=\"stylesheet\"" not in page  # nothing is fetched
    assert re.search(r"plotly\.js v\d+\.\d+", page[:200_000])  # the library itself is in the page
    cdn = render.to_html(sample_timeline(3), cdn=True)
    assert re.search(r'<script src="https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js"', cdn)
    assert len(cdn) < len(page) // 10


def test_render_is_deterministic() -> None:
    assert render.to_html(sample_timeline(40, hostile=True)) == render.to_html(sample_timeline(40, hostile=True))


def test_coarse_events_are_spans_and_day_events_points() -> None:
    timeline = sample_timeline(12)
    records = {r["id"]: r for r in _data(render.to_html(timeline, cdn=True))["events"]}
    for event in timeline.events:
        record = records[event.id]
        assert record["start"] == event.when.start.isoformat()
        if event.when.granularity == "day":
            assert "end" not in record
        else:  # drawn over its whole interval, not on an invented day
            assert record["end"] == (event.when.end + dt.timedelta(days=1)).isoformat()


def test_markers_grow_with_the_number_of_sources() -> None:
    timeline = sample_timeline(12)
    records = {r["id"]: r for r in _data(render.to_html(timeline, cdn=True))["events"]}
    by_sources = sorted((len({m.article for m in e.mentions}), records[e.id]["size"]) for e in timeline.events)
    assert [size for _, size in by_sources] == sorted(size for _, size in by_sources)
    assert by_sources[0][1] < by_sources[-1][1]


def test_lanes_for_each_view_and_empty_fields() -> None:
    timeline = sample_timeline(12)
    data = _data(render.to_html(timeline, cdn=True))
    assert data["lanes"]["kind"]["labels"] == ["ceasefire", "meeting", "proposal", "unclassified"]
    assert data["lanes"]["actor"]["labels"][-1] == "no actor"
    assert data["lanes"]["source"]["labels"][0] == "2016-01-04 Reuters"  # articles in order of publication
    unclassified = next(e for e in timeline.events if e.kind is None and not e.actors)
    record = next(r for r in data["events"] if r["id"] == unclassified.id)
    assert record["lanes"]["kind"] == [3] and record["lanes"]["actor"] == [len(data["lanes"]["actor"]["labels"]) - 1]
    assert record["kind"] == record["status"] == record["actors"][0] == "__none__"


def test_many_actors_share_an_other_lane() -> None:
    timeline = sample_timeline(60)
    events = tuple(dataclasses.replace(e, actors=(f"actor {i:02d}",)) for i, e in enumerate(timeline.events))
    data = _data(render.to_html(dataclasses.replace(timeline, events=events), cdn=True))
    labels = data["lanes"]["actor"]["labels"]
    assert len(labels) == 30 and labels[-1] == "other actors"
    assert all(len(r["lanes"]["actor"]) == 1 for r in data["events"])


def test_list_has_permalinks_details_and_conflicts() -> None:
    timeline = sample_timeline(12)
    page = render.to_html(timeline, cdn=True)
    for event in timeline.events:
        assert f'<li class="event key" id="event-{event.id}" data-id="{event.id}">' in page
        assert f'href="#event-{event.id}"' in page
    assert page.count("<mark>on Friday</mark>") == sum(len(e.mentions) for e in timeline.events)
    assert "by rule <code>weekday</code>, anchored at 2016-01-04 (the publication date)" in page
    assert "some mentions date it 2016-07-16" in page


def test_the_page_opens_on_the_key_events() -> None:
    timeline = sample_timeline(12)
    events = tuple(dataclasses.replace(e, significance=float(i)) for i, e in enumerate(timeline.events))
    page = render.to_html(dataclasses.replace(timeline, events=events), cdn=True, key=3)
    data = _data(page)
    assert [r.get("key", False) for r in data["events"]] == [False] * 9 + [True] * 3
    assert [bool(r.get("label")) for r in data["events"]] == [False] * 9 + [True] * 3  # labelled on the chart
    assert page.count('<li class="event key"') == 3  # as HTML too, for a reader without the script
    assert 'data-id="e000"' not in page and len(data["events"]) == 12  # the others are one click away
    assert "key events (3)" in page and "show all 12 events" in page


def test_header_counts_and_date_range() -> None:
    page = render.to_html(sample_timeline(12), cdn=True)
    assert "<span>6 articles from 4 sources</span>" in page
    assert "<span>12 events</span>" in page
    assert '<span id="range-text">1 Jan 2016 – 27 Oct 2016</span>' in page  # a year-level event counts by its first day


def test_filter_choices_count_events() -> None:
    page = render.to_html(sample_timeline(12), cdn=True)
    assert '<option value="Kerry">Kerry (6)</option>' in page
    assert '<option value="__none__">unclassified (3)</option>' in page
    assert '<option value="__none__">status unknown (3)</option>' in page


def test_expression_found_by_text_when_offsets_are_off() -> None:
    timeline = sample_timeline(1)
    event = timeline.events[0]
    moved = tuple(dataclasses.replace(m, start=m.start + 3, end=m.end + 3) for m in event.mentions)
    missing = tuple(dataclasses.replace(m, expression="tomorrow") for m in event.mentions)
    for mentions, marks in ((moved, 1), (missing, 0)):
        page = render.to_html(dataclasses.replace(timeline, events=(dataclasses.replace(event, mentions=mentions),)), cdn=True)
        assert page.count("<mark>") == marks


def test_roles_kind_code_and_disagreeing_mentions_are_shown() -> None:
    timeline = sample_timeline(1)
    event = timeline.events[0]
    mentions = (event.mentions[0], dataclasses.replace(event.mentions[0], value="2016-07-16"))
    event = dataclasses.replace(
        event, actors=("John Kerry", "Lavrov"), roles=(("John Kerry", "Secretary of State"),), kind="meet", cameo="04",
        mentions=mentions, conflicts=("2016-07-16",),
    )
    page = render.to_html(dataclasses.replace(timeline, events=(event,)), cdn=True)
    assert "<dd>John Kerry (Secretary of State), Lavrov</dd>" in page
    assert "meet <span class=\"muted\">(CAMEO 04)</span>" in page
    assert page.count("— disagrees with 2016-01-11") == 1


def test_events_without_ids_get_permalinks_all_the_same() -> None:
    timeline = sample_timeline(3)
    events = tuple(dataclasses.replace(e, id="") for e in timeline.events)
    page = render.to_html(dataclasses.replace(timeline, events=events), cdn=True)
    assert [r["id"] for r in _data(page)["events"]] == ["n0", "n1", "n2"]
    assert 'id="event-n2"' in page


def test_an_empty_timeline_renders() -> None:
    page = render.to_html(Timeline(articles=(), events=(), title="Nothing yet"), cdn=True)
    assert "no dated events" in page and "<span>0 events</span>" in page
    assert _data(page)["events"] == []


def test_only_render_imports_plotly() -> None:
    package = Path(render.__file__).resolve().parents[1]
    importers = {p.relative_to(package).parts[0] for p in package.rglob("*.py") if re.search(r"^\s*(from|import) plotly", p.read_text(), re.MULTILINE)}
    assert importers <= {"render"}


def test_content_security_policy_allows_exactly_the_page_scripts() -> None:
    for cdn in (False, True):
        page = render.to_html(sample_timeline(3, hostile=True), cdn=cdn)
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert policy is not None and page.index(policy.group(0)) < page.index("<script")
        scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
        assert len(scripts) == (1 if cdn else 2)
        allowed = set(re.findall(r"'sha256-([^']+)'", html.unescape(policy.group(1))))
        assert allowed == {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
        assert "connect-src &#39;none&#39;" in policy.group(1) and "default-src &#39;none&#39;" in policy.group(1)
        assert ("https://cdn.plot.ly" in policy.group(1)) == cdn
        assert "unsafe-eval" not in policy.group(1)  # no WebGL: plotly.js compiles no code at page time
