"""The --timelinejs export opened in TimelineJS 3 itself, in headless Chromium, network off.

Needs Chromium (scripts/setup-browser.sh) and TimelineJS 3 (scripts/setup-timelinejs.sh puts
the npm package in .venv/timelinejs/); without either the test is skipped. A small page loads
timeline.js from the package, builds ``new TL.Timeline`` from our JSON, and writes what it
rendered into the DOM, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM, _chromium
from test_export_readers import timeline

from timeline import export

DIST = Path(__file__).resolve().parents[1] / ".venv" / "timelinejs" / "3.9.11" / "package" / "dist"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or not (DIST / "js" / "timeline.js").exists(),
    reason="needs headless Chromium and TimelineJS 3 (scripts/setup-browser.sh, scripts/setup-timelinejs.sh)",
)

# font: null, script_path: TimelineJS would fetch its web fonts' CSS from its CDN otherwise.
_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + (e.message || (e.type + " " + ((e.target && (e.target.src || e.target.href)) || "")))); }, true);
</script>
<link rel="stylesheet" href="@CSS@">
<script src="@JS@"></script>
</head><body>
<div id="timeline-embed" style="width: 1000px; height: 700px"></div>
<script>
var data = @DATA@;
var result = {};
try { window.timeline = new TL.Timeline("timeline-embed", data, { language: "en", font: null, script_path: "@JSDIR@" }); } catch (err) { window.__errors.push("new: " + err); }
setTimeout(function () {
  var slides = Array.from(document.querySelectorAll(".tl-slide"));
  result.errors = window.__errors;
  result.slides = slides.length;
  result.headlines = Array.from(document.querySelectorAll(".tl-slide .tl-headline")).map(function (h) { return h.textContent; });
  result.cites = Array.from(document.querySelectorAll(".tl-slide cite")).map(function (c) { return c.textContent; });
  result.links = Array.from(document.querySelectorAll(".tl-slide cite a")).map(function (a) { return a.getAttribute("href"); });
  result.injected = document.querySelectorAll(".tl-slide script, .tl-slide img[src='x']").length;
  result.message = (document.querySelector(".tl-message-full") || { textContent: "" }).textContent;
  var pre = document.createElement("pre"); pre.id = "harness"; pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}, 4000);
</script>
</body></html>
"""


def _render(tmp_path: Path, document: str) -> dict[str, Any]:
    page = tmp_path / "tl.html"
    data = document.replace("</", "<\\/")  # the JSON inside a <script>: no </script> can end it
    page.write_text(
        _PAGE.replace("@CSS@", (DIST / "css" / "timeline.css").as_uri()).replace("@JS@", (DIST / "js" / "timeline.js").as_uri())
        .replace("@JSDIR@", (DIST / "js").as_uri() + "/")
        .replace("@DATA@", data),
        encoding="utf-8",
    )
    dom = _chromium(tmp_path, page.as_uri(), "--dump-dom", "--allow-file-access-from-files")
    match = re.search(r'<pre id="harness">(.*?)</pre>', dom, re.DOTALL)
    assert match, dom[-2000:]
    return json.loads(match[1].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def test_timelinejs_3_renders_every_event_with_its_citations(tmp_path: Path) -> None:
    tl = timeline()
    hostile = dataclasses.replace(tl.events[3], title='<img src="x" onerror="document.title=1">Talks')
    tl = dataclasses.replace(tl, events=(*tl.events[:3], hostile, *tl.events[4:]))
    result = _render(tmp_path, export.to_timelinejs(tl))
    assert result["errors"] == [] and result["message"] == ""
    assert result["slides"] == len(tl.events) + 1  # the title slide, then one per event
    assert '<img src="x" onerror="document.title=1">Talks' in result["headlines"] and result["injected"] == 0  # shown as text
    # TimelineJS shows a link without its scheme
    assert "Reuters, “Kerry in Moscow”, 14 Jul 2016, example.org/kerry?a=1&b=2; Wire, Two, 15 Jul 2016" in result["cites"]
    assert set(result["links"]) == {"https://example.org/kerry?a=1&b=2"}
