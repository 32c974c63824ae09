"""Per-article results in an embedded SQLite database, so a rebuild redoes only what changed.

The key is a hash of the article (text and metadata) and of the tool itself (its code and
rules), so an edit to either invalidates exactly what it should. A cache written by another
format version, or a damaged file, is detected, reported and rebuilt (a damaged file is
renamed aside first): never trusted. A file that is not this tool's cache is never touched.
Events are stored as JSON, not pickles, so a tampered cache file cannot run code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import logging
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from timeline import __version__
from timeline.errors import OutputError, TimelineError
from timeline.files import user_cache_dir
from timeline.memory import without_cycle_collection
from timeline.model import Article, Event, Granularity, Mention, Reading, Status, When

log = logging.getLogger("timeline")

FORMAT = 4  # bump when the stored record's shape changes


def article_key(article: Article) -> str:
    """What an article's cached events depend on: the article and the tool."""
    fields = [_fingerprint(), article.id, article.published.isoformat(), article.title, article.source, article.url, article.text]
    return hashlib.sha256(json.dumps(fields).encode("ascii")).hexdigest()  # ASCII: any str hashes, a lone surrogate too


class NotACache(TimelineError):
    """The file named as the cache holds something else: it is the user's, never touched."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path}: {what}, not a timeline cache; give --cache a new file name, or --no-cache")


def default_path() -> Path:
    """Where the cache lives unless ``--cache`` says otherwise: the user's cache folder."""
    return user_cache_dir() / "articles.sqlite"


class Cache:
    """An open cache file."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Cache | None:
        """Open ``path``, creating it; None (with a warning) when it cannot be used now.

        Nothing that is not this tool's cache is ever changed: another file or database
        raises ``NotACache``. A cache of another format version is emptied; a damaged one
        is renamed aside (``NAME.damaged``), not deleted. A cache that is locked by another
        build, read-only or on a full disk is left as it is and the run goes on without it.
        """
        if path.is_dir():
            raise NotACache(path, "is a folder")
        _check_header(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            log.warning("cannot create the cache folder %s (%s); running without a cache", path.parent, err.strerror or err)
            return None
        try:
            return cls(_connect(path), path)
        except _Damaged as err:
            aside = _set_aside(path)
            log.warning("cache %s is damaged (%s); moved it to %s and starting a new one", path, err, aside)
        except sqlite3.DatabaseError as err:  # locked, read-only, disk full: not damage
            log.warning("cannot use the cache %s now (%s); running without it", path, err)
            return None
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as err:
            log.warning("cannot create the cache %s (%s); running without it", path, err)
            return None

    def known(self, keys: list[str]) -> set[str]:
        """The keys that have an entry (read or not), without decoding any."""
        found: set[str] = set()
        wanted = sorted(set(keys))
        try:
            for i in range(0, len(wanted), 500):
                batch = wanted[i : i + 500]
                found.update(key for (key,) in self._db.execute(f"SELECT key FROM articles WHERE key IN ({','.join('?' * len(batch))})", batch))
        except sqlite3.DatabaseError as err:
            log.warning("cannot read the cache %s (%s); redoing every article", self.path, err)
            return set()
        return found

    @without_cycle_collection()  # decoding makes ~20 objects per mention and no cycles (see timeline.memory)
    def get_many(self, keys: list[str]) -> dict[str, Reading]:
        """The cached readings of the keys that have them; a bad entry counts as missing."""
        found: dict[str, Reading] = {}
        wanted = sorted(set(keys))
        bad = 0
        try:
            for i in range(0, len(wanted), 500):
                batch = wanted[i : i + 500]
                rows = self._db.execute(f"SELECT key, events FROM articles WHERE key IN ({','.join('?' * len(batch))})", batch)
                for key, blob in rows:
                    try:
                        found[key] = _decode_reading(json.loads(blob))
                    except (ValueError, KeyError, TypeError, AttributeError):
                        bad += 1
        except sqlite3.DatabaseError as err:
            log.warning("cannot read the cache %s (%s); redoing every article", self.path, err)
            return {}
        if bad:
            log.warning("cache %s has %d unreadable entries; redoing those articles", self.path, bad)
        return found

    def put_many(self, entries: dict[str, Reading]) -> None:
        rows = [(key, json.dumps({"events": [_encode(e) for e in r.events], "dates": list(r.dates), "terms": dict(r.terms)})) for key, r in entries.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO articles (key, events) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as err:
            log.warning("could not write the cache %s (%s); results are still correct", self.path, err)

    def close(self) -> None:
        self._db.close()


class _Damaged(sqlite3.DatabaseError):
    """This tool's cache, or an SQLite file that cannot be read at all: safe to set aside."""


_SQLITE_HEADER = b"SQLite format 3\x00"
_LOCK_TIMEOUT = 10.0  # seconds to wait for another build that holds the cache
_TABLES = {"meta": ["name", "value"], "articles": ["key", "events"]}


def _check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database: an article, a page, anything of the user's."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as err:
        raise NotACache(path, f"cannot be read ({err.strerror or err})") from None
    if head and head != _SQLITE_HEADER:
        raise NotACache(path, "is not an SQLite database")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=_LOCK_TIMEOUT)
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables - set(_TABLES):
            raise NotACache(path, f"is an SQLite database with other tables ({', '.join(sorted(tables - set(_TABLES)))})")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Damaged(f"integrity check: {check}")
        for table, columns in _TABLES.items():
            found = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            if found and found != columns:
                log.warning("cache %s has an unexpected %s table; rebuilding it", path, table)
                db.execute(f"DROP TABLE {table}")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone() if "meta" in tables else None
        if row is None or row[0] != str(FORMAT) or "articles" not in tables:  # only then write: a read-only cache still reads
            if row is not None and row[0] != str(FORMAT):
                log.warning("cache %s was written by another version; rebuilding it", path)
                db.execute("DROP TABLE IF EXISTS articles")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, events TEXT NOT NULL)")
            db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('format', ?)", (str(FORMAT),))
            db.commit()
    except sqlite3.DatabaseError as err:
        db.close()
        if isinstance(err, _Damaged) or "malformed" in str(err) or "not a database" in str(err):
            raise _Damaged(str(err)) from None
        raise
    except BaseException:
        db.close()
        raise
    return db


def _set_aside(path: Path) -> Path:
    """Rename a damaged cache to ``NAME.damaged`` (``NAME.damaged-2``, ...): never delete it."""
    for n in range(1, 1000):
        aside = path.with_name(f"{path.name}.damaged" + (f"-{n}" if n > 1 else ""))
        if not aside.exists():
            try:
                path.rename(aside)
            except OSError as err:
                raise OutputError(str(path), f"the cache is damaged and cannot be moved aside: {err.strerror or err}") from None
            return aside
    raise OutputError(str(path), "the cache is damaged and too many damaged copies lie beside it; remove them")


# What only reads the finished timeline: no per-article result depends on it, so a change
# to the page or an export does not make every article be read again.
_DOWNSTREAM = ("render", "templates", "export")


@cache
def _fingerprint() -> str:
    """A hash of every code and rule file of the installed package but the page and the
    exports (``_DOWNSTREAM``): changing any other changes it."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(str(resources.files("timeline")))
    files = (p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".toml", ".txt", ".j2"))
    for path in sorted(p for p in files if p.relative_to(root).parts[0] not in _DOWNSTREAM):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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


def _decode_reading(record: Any) -> Reading:
    if not isinstance(record, dict):
        raise TypeError("expected an object")
    return Reading(tuple(_decode(e) for e in _list(record["events"])), _strings(record["dates"]), _terms(record["terms"]))


def _terms(record: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(record, dict) or not all(type(n) is int for n in record.values()):
        raise TypeError("expected an object of counts")
    return tuple(record.items())


def _decode(record: dict[str, Any]) -> Event:
    """An event from its stored form; any field of the wrong shape raises TypeError or ValueError."""
    value, start, end, granularity, label = _strings(record["when"], 5)
    mentions = tuple(map(_mention, _list(record["mentions"])))
    if not mentions:
        raise ValueError("an event without mentions")
    return Event(
        when=When(value, dt.date.fromisoformat(start), dt.date.fromisoformat(end), Granularity(granularity), label),
        title=_string(record["title"]),
        mentions=mentions,
        kind=_optional(record["kind"]),
        cameo=_optional(record["cameo"]),
        status=Status(status) if (status := _optional(record["status"])) is not None else None,
        actors=_strings(record["actors"]),
        roles=tuple((a, r) for a, r in (_strings(pair, 2) for pair in _list(record["roles"]))),
        affiliations=tuple((a, c) for a, c in (_strings(pair, 2) for pair in _list(record["affiliations"]))),
        places=_strings(record["places"]),
    )


def _mention(stored: Any) -> Mention:
    """A mention from its stored list of fields, each of its type (``_MENTION_TYPES``); a
    pile's cache holds ~10k, so they are checked in one look-up and made without ``__init__``
    (``evolve``'s way: the same record)."""
    if type(stored) is not list or len(stored) != len(_MENTION_FIELDS):
        raise TypeError("a mention is a list of its fields")
    if tuple(map(type, stored)) not in _MENTION_TYPES:
        raise TypeError("a mention field of the wrong type")
    mention = object.__new__(Mention)
    mention.__dict__.update(zip(_MENTION_FIELDS, stored, strict=True))
    return mention


_STR = frozenset((str,))


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _string(value)


def _strings(value: Any, length: int | None = None) -> tuple[str, ...]:
    if not _STR.issuperset(map(type, _list(value))):  # what JSON gives: str itself, never a subclass
        raise TypeError("expected strings")
    items = tuple(value)
    if length is not None and len(items) != length:
        raise ValueError(f"expected {length} strings")
    return items


_MENTION_FIELDS = ("article", "sentence", "sentence_start", "expression", "start", "end", "value", "rule", "anchor", "trigger", "lemma", "correction",
                   "year_inferred")
_MENTION_BOOLS = ("year_inferred",)
_MENTION_INTS = ("sentence_start", "start", "end")
_MENTION_REQUIRED = ("article", "sentence", "expression", "value", "rule")
_MENTION_TYPES = frozenset(itertools.product(*(  # each field's types: strings, optional strings (None), integers, true or false
    (int,) if name in _MENTION_INTS else (bool,) if name in _MENTION_BOOLS else (str,) if name in _MENTION_REQUIRED else (str, type(None))
    for name in _MENTION_FIELDS)))
