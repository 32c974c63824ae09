#!/bin/sh
# Fetch TimelineJS 3 (the npm package @knight-lab/timelinejs) into .venv/timelinejs/ for
# tests/test_timelinejs_browser.py, which opens our --timelinejs export in it with headless
# Chromium. Idempotent; never fails the build: without npm or the registry, the test skips.
VERSION=3.9.11
DEST=.venv/timelinejs
if [ -f "$DEST/$VERSION/package/dist/js/timeline.js" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "note: no npm; the TimelineJS browser test will be skipped" >&2
    exit 0
fi
mkdir -p "$DEST/$VERSION"
if ! (cd "$DEST/$VERSION" && npm pack --silent "@knight-lab/timelinejs@$VERSION" >/dev/null 2>&1 && tar xzf knight-lab-timelinejs-$VERSION.tgz package/dist && rm -f knight-lab-timelinejs-$VERSION.tgz); then
    echo "note: could not fetch TimelineJS $VERSION with npm; the TimelineJS browser test will be skipped" >&2
fi
exit 0
