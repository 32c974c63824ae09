"""The page in a real browser: headless Chromium (Debian's, driven by Playwright from PyPI; never
Playwright's own browser download) opens it from a file:// URL with every other request refused.

Without ``/usr/bin/chromium`` (``scripts/setup-browser.sh`` installs it) or Playwright these
tests are skipped. They run on the seeds (built by the pipeline) and on a generated timeline of
10,000 events (``bigtimeline.py``), click where a reader would, and assert what the page shows;
no assertion is on time (``benchmarks/page_speed.py`` measures that). Screenshots go to ``output/``.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bigtimeline import big_timeline
from test_render import sample_timeline

from timeline import render
from timeline.model import Timeline
from timeline.render import views

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
OUTPUT = Path(__file__).resolve().parents[1] / "output"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Debian's chromium (scripts/setup-browser.sh) and Playwright (the test extra)",
)

_WATCH = """
window.__errors = [];
window.addEventListener("error", e => window.__errors.push("error: " + (e.message || e.type)), true);
window.addEventListener("unhandledrejection", e => window.__errors.push("rejection: " + e.reason));
document.addEventListener("securitypolicyviolation", e => window.__errors.push("csp: " + e.violatedDirective + " " + e.blockedURI));
window.alert = m => window.__errors.push("alert ran: " + m);
// the page's events as records (the island holds them as rows under one list of field names)
window.__events = () => {
  const d = JSON.parse(document.getElementById("timeline-data").textContent);
  return d.events.map(row => Object.fromEntries(row.map((v, k) => [d.fields[k], v]).filter(p => p[1] !== null)));
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds page, built by the pipeline as ``make run`` does."""
    from click.testing import CliRunner

    from timeline.cli import main

    out = tmp_path_factory.mktemp("seeds") / "seeds.html"
    result = CliRunner().invoke(main, ["-q", "build", str(SEEDS), "-o", str(out), "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big") / "big.html"
    out.write_text(render.to_html(big_timeline(10_000), key=100), encoding="utf-8")
    return out


_NO_NETWORK = ("--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND")


def _chromium(tmp_path: Path, url: str, *args: str, size: str = "1280,1000") -> str:
    """Run headless Chromium's own command line on ``url`` with the network off; its standard
    output (``--dump-dom``). For pages that need no clicking: test_timelinejs_browser.py."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size}",
        "--virtual-time-budget=15000", *_NO_NETWORK, *args, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _write(tmp_path: Path, timeline: Timeline, **options: Any) -> Path:
    path = tmp_path / "page.html"
    path.write_text(render.to_html(timeline, **options), encoding="utf-8")
    return path


def _open(browser: Browser, path: Path, fragment: str = "", width: int = 1280, height: int = 1100) -> Page:
    """The page loaded and its chart drawn, offline."""
    phone = width < 500
    page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.add_init_script(_WATCH)
    page.set_default_timeout(90_000)
    page.goto(path.as_uri() + fragment)
    _drawn(page)
    return page


def _drawn(page: Page) -> None:
    # a selector, not wait_for_function: that evaluates its text, which the page's policy forbids
    page.wait_for_selector("#timeline[data-rendered-events]", state="attached")
    page.wait_for_timeout(150)


def _errors(page: Page) -> list[str]:
    return page.evaluate("window.__errors")


def _show_all(page: Page) -> None:
    if page.query_selector("input[name=scope][value=all]"):
        page.check("input[name=scope][value=all]")
        _drawn(page)


_ITEMS = """() => {
  // every drawn dot and bar in the plot area: its event and where its centre is on the screen
  const chart = document.getElementById("timeline");
  const xa = chart._fullLayout.xaxis, box = chart.getBoundingClientRect();
  return chart.timelineItems().filter(it => it.x >= box.left + xa._offset && it.x <= box.left + xa._offset + xa._length);
}"""

_INK = """(points) => {
  // the opacity (0-255) of the page's canvas of dots and bars at each point on the screen
  const c = document.querySelector("#timeline canvas.dots");
  if (!c) { return points.map(() => 0); }
  const r = c.getBoundingClientRect(), g = c.getContext("2d"), sx = c.width / r.width, sy = c.height / r.height;
  return points.map(p => g.getImageData(Math.floor((p.x - r.left) * sx), Math.floor((p.y - r.top) * sy), 1, 1).data[3]);
}"""

_INKED = """() => {
  // how many pixels of the canvas of dots and bars have any ink
  const c = document.querySelector("#timeline canvas.dots");
  if (!c) { return 0; }
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i]) { n++; } }
  return n;
}"""


def _painted(page: Page, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items whose centre has no paint on the canvas: what the page says it drew where it
    did not (none, if the canvas and the hit-testing agree)."""
    inks = page.evaluate(_INK, items)
    return [it for it, ink in zip(items, inks, strict=True) if ink == 0]


def _click_each(page: Page, items: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """Click the centre of each item; the clicks that opened another event than the one drawn
    there (one whose centre is within a pixel of it, at a zoom where days are that close, is
    the same spot to a reader and counts as right)."""
    wrong = []
    for it in items:
        page.mouse.click(it["x"], it["y"])
        page.wait_for_timeout(20)
        opened = page.get_attribute("#details", "data-event")
        if opened != it["id"] and not any(o["id"] == opened and math.dist((o["x"], o["y"]), (it["x"], it["y"])) <= 1.5 for o in items):
            wrong.append((it["id"], opened))
    return wrong


def test_hostile_page_renders_as_text_and_a_click_opens_the_event_under_it(browser: Browser, tmp_path: Path) -> None:
    timeline = sample_timeline(40, hostile=True)
    page = _open(browser, _write(tmp_path, timeline))
    items = page.evaluate(_ITEMS)
    assert len({it["id"] for it in items}) == len(timeline.events)
    assert _painted(page, items) == []
    assert _click_each(page, items) == []
    event = next(e for e in timeline.events if e.id == items[0]["id"])
    page.mouse.click(items[0]["x"], items[0]["y"])
    assert page.inner_text("#details h3 .title") == event.title  # <script> and all, as text
    assert page.eval_on_selector_all("#details li.mention", "m => m.length") == len(event.mentions)
    page.mouse.move(items[0]["x"] + 1, items[0]["y"])
    page.mouse.move(items[0]["x"], items[0]["y"])
    page.wait_for_selector(".tip:not([hidden])")
    assert page.get_attribute(".tip", "data-id") == event.id
    assert page.evaluate("document.querySelector('.tip').textContent").startswith(event.title[:20])
    assert page.eval_on_selector_all(".tip *", "nodes => nodes.map(n => n.tagName).filter(t => t !== 'B' && t !== 'BR')") == []
    assert page.evaluate("location.hash") == f"#event-{event.id}"
    page.check("input[name=lanes][value=actor]")
    _drawn(page)
    ticks = page.eval_on_selector_all("#timeline .ytick text", "ts => ts.map(t => t.textContent)")
    assert "no actor" in ticks and any(t.startswith("<b>Assad</b><script>") for t in ticks)  # drawn as text
    page.select_option("#filter-kind", "meeting")
    _drawn(page)
    meetings = sum(e.kind == "meeting" for e in timeline.events)
    assert page.get_attribute("#timeline", "data-rendered-events") == str(meetings)
    assert page.get_attribute("#events", "data-count") == str(meetings)
    page.click("#reset")
    page.fill("#search", "Lavrov  ASSAD")
    _drawn(page)
    with_assad = sum(any("Assad" in a for a in e.actors) for e in timeline.events)
    assert page.get_attribute("#events", "data-count") == page.get_attribute("#timeline", "data-rendered-events") == str(with_assad)
    assert _errors(page) == []


def test_a_page_with_no_events_draws_an_empty_chart(browser: Browser, tmp_path: Path) -> None:
    """A filter that keeps nothing still builds a page: its chart has no range to fit, and draws."""
    page = _open(browser, _write(tmp_path, dataclasses.replace(sample_timeline(3), events=())))
    assert page.get_attribute("#timeline", "data-rendered-events") == "0"
    assert page.inner_text("#count") == "0 of 0 events" and page.evaluate(_INKED) == 0
    assert _errors(page) == []


def test_seeds_every_event_is_visible_and_a_click_opens_it(browser: Browser, seeds: Path) -> None:
    """Nothing hides another: same-day events of a lane are spread, and each opens on a click."""
    page = _open(browser, seeds)
    _show_all(page)
    for view in ("kind", "actor", "source"):
        page.check(f"input[name=lanes][value={view}]")
        _drawn(page)
        page.click("button[data-range=all]")
        _drawn(page)
        items = page.evaluate(_ITEMS)
        dots = [it for it in items if it["type"] != "bar"]
        for a, b in ((a, b) for i, a in enumerate(dots) for b in dots[i + 1 :]):
            assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= 1 or a["id"] == b["id"], (view, a, b)  # none on another
        assert _painted(page, items) == [], view
        assert _click_each(page, items) == [], view
        page.click("button[data-range='1m']")
        _drawn(page)
        assert _click_each(page, page.evaluate(_ITEMS)) == [], view
    # the three statements of 14 July: one day, one lane, three dots one above another
    page.check("input[name=lanes][value=kind]")
    _drawn(page)
    ids = page.evaluate("__events()"
                        ".filter(e => e.start === '2016-07-14' && e.kind === 'statement' && !e.end).map(e => e.id)")  # fmt: skip
    page.evaluate("Plotly.relayout('timeline', {'xaxis.range': ['2016-07-10', '2016-07-22']})")  # as the issue zoomed
    page.wait_for_timeout(300)
    spots = [it for it in page.evaluate(_ITEMS) if it["id"] in ids]
    if len(ids) > 1:
        assert len({(round(it["x"]), round(it["y"])) for it in spots}) == len(ids)
        assert _painted(page, spots) == []  # the canvas follows the zoom
        assert _click_each(page, spots) == []
    assert _errors(page) == []


def test_big_page_a_busy_day_zoomed_in_opens_each_event(browser: Browser, big: Path) -> None:
    page = _open(browser, big)
    assert int(page.get_attribute("#timeline", "data-rendered-events")) == 100  # the key events first
    assert page.eval_on_selector_all("#events > li", "rows => rows.length") <= 100
    _show_all(page)
    assert page.get_attribute("#timeline", "data-rendered-events") == "10000"
    assert page.get_attribute("#events", "data-count") == "10000"
    assert page.eval_on_selector_all("#events > li", "rows => rows.length") < 120  # only what is on screen
    assert page.evaluate("document.getElementsByTagName('*').length") < 5_000
    # the busiest day of one lane, zoomed in by dragging over it
    day = page.evaluate("""() => {
      const events = __events().filter(e => !e.end);
      const n = new Map(); events.forEach(e => { const k = e.start + "|" + e.lanes.kind[0]; n.set(k, (n.get(k) || 0) + 1); });
      return Array.from(n.entries()).sort((a, b) => b[1] - a[1])[0];
    }""")
    assert day[1] >= 5
    start = day[0].split("|")[0]
    page.evaluate(f"Plotly.relayout('timeline', {{'xaxis.range': ['{start} 00:00', '{start} 23:59']}})")
    page.wait_for_timeout(300)
    items = page.evaluate(_ITEMS)
    lane = int(day[0].split("|")[1])
    on_day = page.evaluate(f"__events().filter(e => !e.end && e.start === '{start}' && e.lanes.kind[0] === {lane}).map(e => e.id)")
    spots = [it for it in items if it["id"] in on_day]
    assert len({it["id"] for it in spots}) == len(on_day)
    assert _painted(page, spots) == []
    assert _click_each(page, spots) == []
    assert _errors(page) == []


def _labels(page: Page) -> list[dict[str, float]]:
    return page.eval_on_selector_all(
        "#timeline .annotation", "ls => ls.map(l => { const r = l.querySelector('rect').getBoundingClientRect(); "
        "return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: l.textContent }; })",
    )  # fmt: skip


@pytest.mark.parametrize("which", ["seeds", "big"])
def test_key_events_are_labelled_without_collisions(browser: Browser, which: str, request: pytest.FixtureRequest) -> None:
    page = _open(browser, request.getfixturevalue(which))
    labels = _labels(page)
    assert len(labels) >= 3
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            assert apart, (a, b)
    keys = page.evaluate("__events().filter(e => e.key).map(e => e.title)")
    assert all(" · " in label["text"] and any(label["text"].split(" · ", 1)[1].rstrip("…")[:20] in t for t in keys) for label in labels)
    # a label is one click from its event
    first = labels[0]
    page.mouse.click((first["left"] + first["right"]) / 2, (first["top"] + first["bottom"]) / 2)
    page.wait_for_timeout(100)
    opened = page.get_attribute("#details", "data-event")
    assert opened and page.inner_text("#details h3 .title")[:15] in first["text"]
    # zooming in places more of them
    page.click("button[data-range='1m']")
    _drawn(page)
    assert _errors(page) == []


def test_the_view_fits_the_events_not_the_stray_dates(browser: Browser, big: Path) -> None:
    page = _open(browser, big)
    header = page.inner_text("#range-text")
    first, last = header.split(" (")[0].split(" – ")
    assert first[-4:] in ("2014", "2015") and last[-4:] in ("2016", "2017"), header
    assert header.endswith("(and 6 events outside it, 6–2039)")
    span = "(() => { const xa = document.getElementById('timeline')._fullLayout.xaxis; return xa.range.map(r => xa.r2l(r)); })()"
    low, high = page.evaluate(span)
    assert low > page.evaluate("Date.parse('2014-10-01')") and high < page.evaluate("Date.parse('2017-03-01')")
    _show_all(page)
    low, high = page.evaluate(span)
    assert low > page.evaluate("Date.parse('2014-10-01')") and high < page.evaluate("Date.parse('2017-03-01')")
    page.click("button[data-range=all]")  # the stray dates, when asked for
    _drawn(page)
    low, high = page.evaluate(span)
    assert low < page.evaluate("Date.parse('0100-01-01')") and high > page.evaluate("Date.parse('2039-01-01')")
    page.click("button[data-range='7d']")  # counts back from the last event, not from 2039
    _drawn(page)
    low, high = page.evaluate(span)
    last = page.evaluate("""Math.max(...__events()
        .filter(e => e.start < '2030').map(e => Date.parse(e.end || e.start)))""")
    assert 6 * 86_400_000 < high - low < 8 * 86_400_000 and abs(high - last) < 5 * 86_400_000
    page.fill("#search", "talks 123")  # a few events: the chart re-fits to them
    _drawn(page)
    low, high = page.evaluate(span)
    starts = page.evaluate("""__events()
        .filter(e => e.title.toLowerCase().includes('talks 123')).map(e => Date.parse(e.start))""")
    assert low <= min(starts) and max(starts) <= high
    assert _errors(page) == []


def test_seeds_open_on_the_key_events_with_the_others_one_click_away(browser: Browser, seeds: Path) -> None:
    page = _open(browser, seeds)
    events = page.evaluate("__events()")
    keys = [e for e in events if e.get("key")]
    assert 0 < len(keys) < len(events)
    assert page.inner_text("#count") == f"{len(keys)} of {len(events)} events"
    assert page.get_attribute("#timeline", "data-rendered-events") == page.get_attribute("#events", "data-count") == str(len(keys))
    assert page.inner_text("label:has(input[name=scope][value=all])").strip() == f"show all {len(events)} events"
    _show_all(page)
    assert page.get_attribute("#timeline", "data-rendered-events") == page.get_attribute("#events", "data-count") == str(len(events))
    assert _errors(page) == []


_SPAN = "(() => { const xa = document.getElementById('timeline')._fullLayout.xaxis; return xa.range.map(r => xa.r2l(r)); })()"


def test_seeds_view_fits_the_events_not_a_year_level_one(browser: Browser, seeds: Path) -> None:
    """'Kerry's trip' (2016, a year) does not stretch the view or the header to 31 December."""
    page = _open(browser, seeds)
    header = page.inner_text("#range-text")
    assert "31 Dec 2016" not in header and header.endswith("2016"), header
    _show_all(page)
    last = page.evaluate("Math.max(...__events().map(e => Date.parse(e.gran === 'day' || e.gran === 'week' ? (e.end || e.start) : e.start)))")
    low, high = page.evaluate(_SPAN)
    assert high < page.evaluate("Date.parse('2016-12-01')") and high >= last
    for button, days in (("7d", 7), ("1m", 31)):  # count back from the last event, not from 31 December
        page.click(f"button[data-range='{button}']")
        _drawn(page)
        low, high = page.evaluate(_SPAN)
        assert abs(high - last) < 3 * 86_400_000 and (days - 4) * 86_400_000 < high - low < (days + 2) * 86_400_000, button
        assert page.get_attribute(f"button[data-range='{button}']", "aria-pressed") == "true"
    page.fill("#search", "lavrov")  # the chart re-fits to what a search leaves
    _drawn(page)
    shown = page.evaluate("""(() => { const ids = new Set(document.getElementById('timeline').timelineItems().map(it => it.id));
        return __events().filter(e => ids.has(e.id)).map(e => Date.parse(e.start)); })()""")
    assert len(shown) == int(page.get_attribute("#events", "data-count")) >= 3
    low, high = page.evaluate(_SPAN)
    assert shown and low <= min(shown) and max(shown) <= high
    assert page.get_attribute("button[data-range='fit']", "aria-pressed") == "true"
    assert _errors(page) == []


def test_big_page_filter_changes_update_chart_and_list(browser: Browser, big: Path) -> None:
    """A filter, a search that matches nothing and back to all: chart and list agree each time,
    the canvas shows what the chart says it drew (blank for no match), and plotly draws no
    trace of its own (no WebGL, no SVG points: the canvas paints them)."""
    page = _open(browser, big)
    _show_all(page)
    own = "document.querySelectorAll('#timeline .gl-canvas, #timeline .scatterlayer .point, #timeline .barlayer .point').length"
    assert page.query_selector("#timeline .modebar-btn[data-title*='png']") is None  # plotly's PNG would lack the painted events
    kinds = page.evaluate("Array.from(document.querySelectorAll('#filter-kind option')).map(o => o.value).filter(Boolean)")
    for kind in (kinds[0], kinds[1], ""):
        page.select_option("#filter-kind", kind)
        _drawn(page)
        n = page.evaluate(f"__events().filter(e => !{kind!r} || e.kind === {kind!r}).length")
        assert page.get_attribute("#timeline", "data-rendered-events") == page.get_attribute("#events", "data-count") == str(n), kind
        assert len({it["id"] for it in page.evaluate("document.getElementById('timeline').timelineItems()")}) == n, kind
        assert page.evaluate(own) == 0
    items = page.evaluate(_ITEMS)
    assert len(items) > 5_000 and _painted(page, items[::50]) == []
    page.fill("#search", "kerryzq")
    _drawn(page)
    assert page.get_attribute("#timeline", "data-rendered-events") == "0" and page.evaluate(_INKED) == 0
    page.fill("#search", "")
    _drawn(page)
    assert page.get_attribute("#timeline", "data-rendered-events") == "10000" and page.evaluate(_INKED) > 10_000
    page.click("#timeline")  # the chart still answers clicks after all that
    assert _errors(page) == []


def test_search_with_no_match_and_back_on_the_big_page(browser: Browser, big: Path) -> None:
    page = _open(browser, big)
    _show_all(page)
    page.fill("#search", "kerryzq")
    _drawn(page)
    assert page.inner_text("#count") == "0 of 10000 events" and page.is_visible("#empty")
    assert page.eval_on_selector_all("#events > li", "rows => rows.length") == 0
    page.fill("#search", "")
    _drawn(page)
    assert page.inner_text("#count") == "10000 of 10000 events"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the list renders as it scrolls
    page.wait_for_timeout(200)
    last = page.evaluate("__events().at(-1).id")
    assert page.query_selector(f'#events > li[data-id="{last}"]') is not None
    assert _errors(page) == []


def test_permalink_opens_an_event_beyond_the_key_ones(browser: Browser, big: Path) -> None:
    page = _open(browser, big)
    target = page.evaluate("__events().filter(e => !e.key)[5000].id")
    page.close()
    page = _open(browser, big, f"#event-{target}")
    page_id = page.get_attribute("#details", "data-event")
    assert page_id == target
    assert page.is_checked("input[name=scope][value=all]")
    event = next(e for e in big_timeline(10_000).events if e.id == target)
    assert views.why(event) in page.inner_text("#details")  # the script words the evidence as Python does
    assert page.inner_text("#details h3 .title") == event.title
    assert _errors(page) == []


def test_permalink_on_the_seeds_and_a_malformed_one(browser: Browser, seeds: Path) -> None:
    page = _open(browser, seeds)
    some = page.evaluate("__events()[3].id")
    page.close()
    page = _open(browser, seeds, f"#event-{some}")
    assert page.get_attribute("#details", "data-event") == some
    page.close()
    page = _open(browser, seeds, "#event-%E0%A4%A")
    assert page.get_attribute("#details", "data-event") is None and _errors(page) == []


@pytest.mark.parametrize("which", ["seeds", "big"])
def test_keyboard_steps_opens_and_closes(browser: Browser, which: str, request: pytest.FixtureRequest) -> None:
    page = _open(browser, request.getfixturevalue(which))
    order = page.evaluate("__events().filter(e => e.key).map(e => e.id)")
    page.focus("#timeline")
    page.keyboard.press("Enter")
    first = page.get_attribute("#details", "data-event")
    assert first in order
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#details", "data-event") == order[order.index(first) + 1]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute("#details", "data-event") == order[order.index(first) + 1]
    page.keyboard.press("Escape")
    assert page.get_attribute("#details", "data-event") is None
    # every control is reached with Tab
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    page.click("header h1")  # Tab starts from the top (a long list of links is reached later)
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("(() => { const a = document.activeElement; return a.id || a.dataset.range || a.name || a.tagName; })()"))
    for control in ("search", "filter-actor", "filter-kind", "filter-status", "filter-source", "reset", "scope", "7d", "1m", "fit", "all", "lanes", "timeline", "show-how"):
        assert control in reached, control
    assert _errors(page) == []


@pytest.mark.parametrize("which", ["seeds", "big"])
def test_how_it_was_dated_is_hidden_until_asked_for(browser: Browser, which: str, request: pytest.FixtureRequest) -> None:
    page = _open(browser, request.getfixturevalue(which))
    page.click("#events > li:first-child h3 .title")
    assert page.is_visible("#details blockquote mark")  # the expression is highlighted in every mention
    assert not page.is_visible("#details p.how") and "rule" not in page.inner_text("#details")
    page.check("#show-how")
    assert page.is_visible("#details p.how") and "by rule" in page.inner_text("#details")
    assert _errors(page) == []


@pytest.mark.parametrize("which", ["seeds", "big"])
def test_phone_first_event_on_the_first_screen_and_details_as_a_sheet(browser: Browser, which: str, request: pytest.FixtureRequest) -> None:
    page = _open(browser, request.getfixturevalue(which), width=390, height=844)
    row = page.query_selector("#events > li")
    assert row is not None
    box = row.bounding_box()
    assert box is not None and box["y"] + 30 < 844, box
    row.click()
    panel = page.query_selector("#details").bounding_box()
    chart = page.query_selector("#timeline").bounding_box()
    assert panel is not None and chart is not None
    assert panel["y"] >= 844 * 0.45 and panel["y"] + panel["height"] <= 845  # a sheet at the bottom
    page.evaluate("window.scrollTo(0, 0)")
    chart = page.query_selector("#timeline").bounding_box()
    assert chart["y"] + 150 < page.query_selector("#details").bounding_box()["y"]  # the chart stays in view above it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert _errors(page) == []


@pytest.mark.parametrize("which", ["seeds", "big"])
def test_print_gives_the_chronology(browser: Browser, which: str, request: pytest.FixtureRequest) -> None:
    """What is shown is printed: every event on the seeds, a search's matches on the big page."""
    page = _open(browser, request.getfixturevalue(which))
    _show_all(page)
    if which == "big":
        page.select_option("#filter-actor", "John Kerry")
        _drawn(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    n = page.evaluate("__events().filter(e => " + ("true" if which == "seeds" else "(e.actors || []).includes('John Kerry')") + ").length")
    assert n == int(page.get_attribute("#events", "data-count")) > 10
    assert page.eval_on_selector_all("#print-list > li.event", "rows => rows.length") == n
    for hidden in (".controls", ".chart-box", "#details", "#events"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible("#print-list blockquote mark")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector_all("#print-list > li", "rows => rows.length") == 0


def test_json_island_cannot_be_broken_out_of(browser: Browser, tmp_path: Path) -> None:
    timeline = sample_timeline(6, hostile=True)
    bad = '</script><!-- <script>alert(1)</script>'
    articles = tuple(dataclasses.replace(a, title=bad, source=bad) for a in timeline.articles)
    events = tuple(dataclasses.replace(e, title=e.title + bad) for e in timeline.events)
    page = _open(browser, _write(tmp_path, dataclasses.replace(timeline, articles=articles, events=events)))
    page.click("#events > li:first-child h3 .title")
    assert bad in page.inner_text("#details")
    assert page.get_attribute("#timeline", "data-rendered-events") == "6"
    assert _errors(page) == []


def test_screenshots(browser: Browser, seeds: Path, big: Path) -> None:
    """Screenshots to look at: the seeds on a laptop, a phone, an opened event; the big page."""
    OUTPUT.mkdir(exist_ok=True)
    shots = {}
    page = _open(browser, seeds)
    shots["desktop"] = page
    page.screenshot(path=str(OUTPUT / "browser-desktop.png"))
    page.click("#events > li:nth-child(6) h3 .title")
    page.check("#show-how")
    page.wait_for_timeout(200)
    page.screenshot(path=str(OUTPUT / "browser-opened.png"))
    phone = _open(browser, seeds, width=390, height=844)
    phone.screenshot(path=str(OUTPUT / "browser-phone.png"))
    phone.click("#events > li:nth-child(2)")
    phone.evaluate("window.scrollTo(0, 0)")
    phone.wait_for_timeout(200)
    phone.screenshot(path=str(OUTPUT / "browser-phone-opened.png"))
    large = _open(browser, big)
    large.screenshot(path=str(OUTPUT / "browser-big.png"))
    _show_all(large)
    large.screenshot(path=str(OUTPUT / "browser-big-all.png"))
    for name in ("desktop", "opened", "phone", "phone-opened", "big", "big-all"):
        assert (OUTPUT / f"browser-{name}.png").stat().st_size > 20_000
