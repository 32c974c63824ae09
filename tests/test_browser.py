"""The page in a real browser: headless Chromium opens it from a file:// URL with the network off.

Needs Debian's ``chromium`` (``scripts/setup-browser.sh`` installs it where it can); without
it these tests are skipped. No Python dependency: Chromium's own command line loads the page
(``--dump-dom``, ``--screenshot``). The test writes the page with a small harness around it:
one script before everything that records errors, one after the page's own script that waits
for the chart, clicks a marker the way a mouse would, switches lanes, filters, and writes what
it saw into the DOM, which ``--dump-dom`` then prints. Screenshots go to ``output/``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_render import sample_timeline

from timeline import render

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
OUTPUT = Path(__file__).resolve().parents[1] / "output"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs a headless browser: install Debian's chromium (scripts/setup-browser.sh does, as root)"
)

_FIRST = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + (e.message || e.type)); }, true);
window.addEventListener("unhandledrejection", function (e) { window.__errors.push("rejection: " + e.reason); });
document.addEventListener("securitypolicyviolation", function (e) { window.__errors.push("csp: " + e.violatedDirective + " " + e.blockedURI); });
(function (error) {
  console.error = function () { window.__errors.push("console: " + Array.from(arguments).join(" ")); error.apply(console, arguments); };
})(console.error);
</script>"""

_LAST = """<script>
(function () {
  "use strict";
  const chart = document.getElementById("timeline");
  const result = { errors: window.__errors };
  function done() {
    const pre = document.createElement("pre");
    pre.id = "harness";
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  }
  function until(test, then, tries) {
    tries = tries === undefined ? 200 : tries;
    if (test()) { then(); } else if (tries <= 0) { result.timeout = true; done(); } else { setTimeout(function () { until(test, then, tries - 1); }, 50); }
  }
  function rendered() { return chart.hasAttribute("data-rendered-events"); }
  function again(action, then) { chart.removeAttribute("data-rendered-events"); action(); until(rendered, then); }
  function mouse(target, type, x, y) {
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, buttons: type === "mousedown" ? 1 : 0 }));
  }
  until(function () { return rendered() && document.readyState === "complete"; }, function () {
    setTimeout(function () { try { check(); } catch (err) { result.errors.push("harness: " + err); done(); } }, 1000);
  });
  function check() {
    result.rendered = Number(chart.getAttribute("data-rendered-events"));
    result.initiallyOpen = document.getElementById("details").getAttribute("data-event");
    result.types = chart.data.map(function (t) { return t.type; });
    chart.scrollIntoView({ block: "center" }); // a permalink may have scrolled to the list
    const markers = chart.data.find(function (t) { return t.mode === "markers"; });
    const xa = chart._fullLayout.xaxis, ya = chart._fullLayout.yaxis, box = chart.getBoundingClientRect();
    const x = box.left + xa._offset + xa.l2p(xa.d2l(markers.x[0]));
    const y = box.top + ya._offset + ya.l2p(ya.d2l(markers.y[0]));
    const target = document.elementFromPoint(x, y);
    ["mousemove", "mousedown", "mouseup", "click"].forEach(function (type) { mouse(target, type, x, y); });
    result.hovered = chart._hoverdata && chart._hoverdata[0] && chart._hoverdata[0].customdata;
    const hover = chart.querySelector(".hoverlayer .hovertext");
    result.hoverText = hover ? hover.textContent : null;
    setTimeout(function () {
      const panel = document.getElementById("details");
      result.opened = panel.getAttribute("data-event");
      const title = panel.querySelector("h3 .title");
      result.panelTitle = title ? title.textContent : null;
      result.panelMentions = panel.querySelectorAll("li.mention").length;
      result.hash = location.hash;
      if (window.__clickOnly) { done(); return; }
      again(function () { document.querySelector("input[name=lanes][value=actor]").click(); }, function () {
        result.actorLanes = chart.getAttribute("data-lanes");
        result.actorTicks = Array.from(chart.querySelectorAll(".ytick text")).map(function (t) { return t.textContent; });
        result.actorRendered = Number(chart.getAttribute("data-rendered-events"));
        const select = document.getElementById("filter-kind");
        again(function () { select.value = "meeting"; select.dispatchEvent(new Event("change")); }, function () {
          result.filteredRendered = Number(chart.getAttribute("data-rendered-events"));
          result.filteredItems = document.querySelectorAll("#events > li.event:not([hidden])").length;
          again(function () { document.getElementById("reset").click(); }, function () {
            const search = document.getElementById("search");
            again(function () { search.value = "Lavrov  ASSAD"; search.dispatchEvent(new Event("input")); }, function () {
              result.searchRendered = Number(chart.getAttribute("data-rendered-events"));
              result.searchItems = document.querySelectorAll("#events > li.event:not([hidden])").length;
              result.errors = window.__errors;
              done();
            });
          });
        });
      });
    }, 300);
  }
})();
</script>"""

_NO_NETWORK = ("--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND")


def _chromium(tmp_path: Path, url: str, *args: str, size: str = "1280,1000") -> str:
    """Run headless Chromium on ``url`` with the network off; its standard output."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size}",
        "--virtual-time-budget=15000", *_NO_NETWORK, *args, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _harnessed(page: str, click_only: bool = False) -> str:
    """The page with the harness's scripts, which its Content-Security-Policy is told to allow."""
    first = _FIRST + ("<script>window.__clickOnly = true;</script>" if click_only else "")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", first + _LAST, re.DOTALL)
    )
    page, allowed = re.subn(r"(Content-Security-Policy\" content=\"[^\"]*script-src )", rf"\g<1>{hashes} ", page, count=1)
    assert allowed == 1, "the page has no Content-Security-Policy"
    head = page.index("<head>") + len("<head>")
    page = page[:head] + first + page[head:]
    end = page.rindex("</body>")
    return page[:end] + _LAST + page[end:]


def _result(dom: str) -> dict[str, Any]:
    found = re.search(r'<pre id="harness">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the harness wrote no result: the page's script never finished rendering"
    return json.loads(html.unescape(found.group(1)))


def test_page_renders_and_a_click_opens_the_details(tmp_path: Path) -> None:
    timeline = sample_timeline(40, hostile=True)
    page = tmp_path / "page.html"
    page.write_text(_harnessed(render.to_html(timeline)), encoding="utf-8")
    result = _result(_chromium(tmp_path, page.as_uri(), "--dump-dom"))

    assert result["errors"] == []
    assert "timeout" not in result
    assert result["rendered"] == len(timeline.events)
    assert result["hovered"] and result["opened"] == result["hovered"]  # the marker under the mouse opened
    event = next(e for e in timeline.events if e.id == result["opened"])
    assert result["panelTitle"] == event.title  # shown as text, <script> and all
    assert result["panelMentions"] == len(event.mentions)
    assert result["hash"] == f"#event-{event.id}"
    assert result["hoverText"].startswith(event.title[:20])
    assert result["actorLanes"] == "actor" and result["actorRendered"] == len(timeline.events)
    assert "no actor" in result["actorTicks"]
    assert any(t.startswith("<b>Assad</b><script>") for t in result["actorTicks"])  # drawn as text
    meetings = sum(e.kind == "meeting" for e in timeline.events)
    assert result["filteredRendered"] == result["filteredItems"] == meetings
    with_assad = sum(any("Assad" in a for a in e.actors) for e in timeline.events)
    assert result["searchRendered"] == result["searchItems"] == with_assad


def test_permalink_opens_its_event(tmp_path: Path) -> None:
    timeline = sample_timeline(12)
    event = timeline.events[5]
    page = tmp_path / "page.html"
    page.write_text(_harnessed(render.to_html(timeline)), encoding="utf-8")
    result = _result(_chromium(tmp_path, page.as_uri() + f"#event-{event.id}", "--dump-dom"))
    assert result["errors"] == []
    assert result["initiallyOpen"] == event.id
    assert result["rendered"] == len(timeline.events)


def test_thousands_of_events_render(tmp_path: Path) -> None:
    timeline = sample_timeline(3000)
    page = tmp_path / "page.html"
    page.write_text(_harnessed(render.to_html(timeline)), encoding="utf-8")
    result = _result(_chromium(tmp_path, page.as_uri(), "--dump-dom"))
    assert result["errors"] == []
    assert result["rendered"] == len(timeline.events)
    assert "scattergl" in result["types"] or "scatter" in result["types"]  # WebGL where the browser has it
    assert result["opened"] == result["hovered"]


def test_screenshots(tmp_path: Path) -> None:
    """Screenshots to look at: a laptop after a click on the chart, and a phone after a permalink.

    Headless Chromium's window is at least 500 px wide, so the phone is an iframe 390 px wide.
    """
    OUTPUT.mkdir(exist_ok=True)
    timeline = sample_timeline(40)
    page = tmp_path / "page.html"
    page.write_text(_harnessed(render.to_html(timeline), click_only=True), encoding="utf-8")
    (tmp_path / "plain.html").write_text(render.to_html(timeline), encoding="utf-8")
    phone = tmp_path / "phone.html"
    link = f"plain.html#event-{timeline.events[8].id}"
    phone.write_text(f'<!DOCTYPE html><body style="margin:0"><iframe src="{link}" width="390" height="844" style="border:0"></iframe>')
    shots = {"laptop": (page, "1366,900"), "phone": (phone, "500,844")}
    for name, (source, size) in shots.items():
        shot = OUTPUT / f"browser-{name}.png"
        shot.unlink(missing_ok=True)
        _chromium(tmp_path, source.as_uri(), f"--screenshot={shot}", size=size)
        assert shot.stat().st_size > 20_000, f"{shot} looks blank"
