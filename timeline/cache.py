"""Per-article results in an embedded SQLite database, so a rebuild redoes only what changed.

The key is a hash of the article (text and metadata) and of the tool itself (its code and
rules), so an edit to either invalidates exactly what it should. A cache written by another
format version, or a damaged file, is detected, reported and rebuilt: never trusted.
Events are stored as JSON, not pickles, so a tampered cache file cannot run code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from timeline import __version__
from timeline.errors import OutputError
from timeline.model import Article, Event, Mention, When

log = logging.getLogger("timeline")

FORMAT = 2  # bump when the stored record's shape changes


def article_key(article: Article) -> str:
    """What an article's cached events depend on: the article and the tool."""
    fields = [_fingerprint(), article.id, article.published.isoformat(), article.title, article.source, article.url, article.text]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


class Cache:
    """An open cache file."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Cache:
        """Open ``path``, creating it, or rebuilding it if it is damaged or of another version."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(str(path), err.strerror or str(err)) from None
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as err:
            log.warning("cache %s is damaged (%s); rebuilding it", path, err)
        path.unlink(missing_ok=True)
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as err:
            raise OutputError(str(path), f"cannot create the cache: {err}") from None

    def get_many(self, keys: list[str]) -> dict[str, tuple[Event, ...]]:
        found: dict[str, tuple[Event, ...]] = {}
        wanted = sorted(set(keys))
        try:
            for i in range(0, len(wanted), 500):
                batch = wanted[i : i + 500]
                rows = self._db.execute(f"SELECT key, events FROM articles WHERE key IN ({','.join('?' * len(batch))})", batch)
                for key, blob in rows:
                    found[key] = tuple(_decode(r) for r in json.loads(blob))
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as err:
            log.warning("cache %s has unreadable entries (%s); redoing every article", self.path, err)
            return {}
        return found

    def put_many(self, entries: dict[str, tuple[Event, ...]]) -> None:
        rows = [(key, json.dumps([_encode(e) for e in events], ensure_ascii=False)) for key, events in entries.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO articles (key, events) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as err:
            log.warning("could not write the cache %s (%s); results are still correct", self.path, err)

    def close(self) -> None:
        self._db.close()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("integrity check failed")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        if row is not None and row[0] != str(FORMAT):
            log.warning("cache %s was written by another version; rebuilding it", path)
            db.execute("DROP TABLE IF EXISTS articles")
        db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, events TEXT NOT NULL)")
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('format', ?)", (str(FORMAT),))
        db.commit()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


@cache
def _fingerprint() -> str:
    """A hash of the code and rule files that make per-article results: changing them changes it."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("timeline")
    for path in sorted(_files(Path(str(root)))):
        digest.update(path.relative_to(Path(str(root))).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# What the cached per-article results depend on; merge, render and the CLI are not cached.
_INPUTS = ("timex", "events", "rules", "model.py", "text.py", "cache.py", "runner.py")


def _files(root: Path) -> list[Path]:
    paths = [p for name in _INPUTS for p in ([root / name] if (root / name).is_file() else (root / name).rglob("*"))]
    return [p for p in paths if p.is_file() and p.suffix in (".py", ".toml", ".txt")]


def _encode(event: Event) -> dict[str, Any]:
    return {
        "when": [event.when.value, event.when.start.isoformat(), event.when.end.isoformat(), event.when.granularity, event.when.label],
        "title": event.title,
        "mentions": [[getattr(m, f) for f in _MENTION_FIELDS] for m in event.mentions],
        "kind": event.kind,
        "cameo": event.cameo,
        "status": event.status,
        "actors": list(event.actors),
        "roles": [list(r) for r in event.roles],
        "affiliations": [list(a) for a in event.affiliations],
        "places": list(event.places),
    }


def _decode(record: dict[str, Any]) -> Event:
    value, start, end, granularity, label = record["when"]
    return Event(
        when=When(value, dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity, label),
        title=record["title"],
        mentions=tuple(Mention(**dict(zip(_MENTION_FIELDS, m, strict=True))) for m in record["mentions"]),
        kind=record["kind"],
        cameo=record["cameo"],
        status=record["status"],
        actors=tuple(record["actors"]),
        roles=tuple((a, r) for a, r in record["roles"]),
        affiliations=tuple((a, c) for a, c in record["affiliations"]),
        places=tuple(record["places"]),
    )


_MENTION_FIELDS = ("article", "sentence", "sentence_start", "expression", "start", "end", "value", "rule", "anchor", "trigger", "lemma")
