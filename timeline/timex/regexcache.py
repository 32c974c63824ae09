"""Compiled regular expressions kept between runs, the way Python keeps ``.pyc`` files.

Compiling the grammar's few hundred alternations costs more than tagging a thousand
articles. Python's ``re`` cannot save a compiled pattern, but what it compiles a pattern
to is plain data: a list of integers and the group names. ``re.compile`` ends by handing
that data to ``_sre.compile``; this module keeps the data in a file under the user's cache
folder (``files.user_cache_dir``: ``$XDG_CACHE_HOME/timeline``, else ``~/.cache/timeline``), named after the Python
version and a hash of the patterns, and on the next run hands it to ``_sre.compile``
itself. ``_sre`` checks the code it is given, and the file carries a checksum; anything
unexpected (another Python, a damaged or missing file, a read-only folder) falls back to
``re.compile``, which gives the same patterns. ``TIMELINE_REGEX_CACHE=0`` turns it off.
``remember`` keeps other derived data the same way (the grammar index's plan: which rules
start with which words, worked out from the rules' regexes).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("timeline")

try:  # CPython's internals; elsewhere everything compiles the ordinary way
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _sre = None


def compile_many(sources: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    """``re.compile(pattern, flags)`` for each source, from the cache file where it can."""
    folder = _folder()
    if folder is None or _sre is None:
        return [re.compile(p, f) for p, f in sources]
    digest = hashlib.sha256("\0".join(f"{f}:{p}" for p, f in sources).encode("utf-8")).hexdigest()
    path = folder / f"regex-{sys.implementation.cache_tag}-{digest[:24]}.json"
    patterns = _load(path, sources)
    if patterns is not None:
        return patterns
    entries, patterns = [], []
    for pattern, flags in sources:
        entry = _entry(pattern, flags)
        patterns.append(_build(pattern, entry) if entry else re.compile(pattern, flags))
        entries.append(entry)
    if all(entries):
        _save(path, entries)
    return patterns


def remember(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, a JSON value that depends on ``key`` alone, kept in the same folder (a
    file named after ``kind`` and a hash of ``key``) and read from there on the next run;
    recomputed when the file is missing, damaged or turned off."""
    folder = _folder()
    if folder is None:
        return compute()
    path = folder / f"{kind}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.json"
    try:
        return _read(path, "value")
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: compute it again
        pass
    value = compute()
    _write(path, "value", value)
    return value


def _folder() -> Path | None:
    if os.environ.get("TIMELINE_REGEX_CACHE", "1") == "0":
        return None
    from timeline.files import user_cache_dir

    return user_cache_dir()


def _entry(pattern: str, flags: int) -> dict[str, Any] | None:
    """What ``re.compile`` would hand to ``_sre.compile``, as JSON-ready data."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        return {
            "flags": flags | state.flags,
            "code": base64.b64encode(array("I", code).tobytes()).decode("ascii"),
            "groups": state.groups - 1,
            "groupindex": dict(state.groupdict),
            "indexgroup": indexgroup,
        }
    except Exception:  # noqa: BLE001 - a changed internal API: compile the ordinary way
        return None


def _build(pattern: str, entry: dict[str, Any]) -> re.Pattern[str]:
    code = array("I")
    code.frombytes(base64.b64decode(entry["code"]))
    return _sre.compile(  # type: ignore[no-any-return]
        pattern, entry["flags"], code.tolist(), entry["groups"], entry["groupindex"], tuple(entry["indexgroup"])
    )


def _load(path: Path, sources: list[tuple[str, int]]) -> list[re.Pattern[str]] | None:
    if not path.exists():
        return None
    try:
        entries = _read(path, "entries")
        if len(entries) != len(sources):
            raise ValueError("not these patterns")
        return [_build(pattern, entry) for (pattern, _), entry in zip(sources, entries, strict=True)]
    except Exception as err:  # noqa: BLE001 - damaged or foreign: rebuild it
        log.info("regex cache %s unusable (%s); compiling afresh", path, err)
        return None


def _save(path: Path, entries: list[dict[str, Any] | None]) -> None:
    _write(path, "entries", entries)


def _read(path: Path, field: str) -> Any:
    """``field`` of a file ``_write`` wrote; an error if it is missing, damaged or foreign."""
    document = json.loads(path.read_text(encoding="utf-8"))
    body = json.dumps(document[field], sort_keys=True)
    if hashlib.sha256(body.encode("utf-8")).hexdigest() != document["checksum"]:
        raise ValueError("checksum mismatch")
    return document[field]


def _write(path: Path, field: str, value: Any) -> None:
    """``value`` as ``field`` of a JSON file with its checksum, written whole or not at all."""
    from timeline.files import write_atomic

    body = json.dumps(value, sort_keys=True)
    checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
    try:
        write_atomic(path, f'{{"checksum": "{checksum}", "{field}": {body}}}')
    except Exception as err:  # noqa: BLE001 - a read-only home is no reason to fail
        log.info("could not keep %s (%s)", path, err)
