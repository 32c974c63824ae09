"""Read articles and their metadata from text files, folders and JSONL corpora.

Needs: paths. Adds: Article (text, publication date, outlet, title, url).

The publication date is the anchor of every relative date, so it comes from the article's
own metadata, else its folder's manifest, else the ``published`` fallback; never the clock.
Every problem with an input raises an ``InputError`` that names the file and the fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from timeline import errors, inputs
from timeline.model import Article

log = logging.getLogger("timeline")

TEXT_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz")
MANIFESTS = ("manifest.json", "manifest.csv")
_SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.IGNORECASE)

# Front matter keys, with the names people also use for them.
_KEYS = {
    "id": "id",
    "published": "published",
    "date": "published",
    "time": "published",
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "url": "url",
    "link": "url",
    "generator": "generator",
}
_EARLIEST, _LATEST = 1800, 2199  # a year outside these is a typo, not news
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_articles(
    paths: Sequence[str], published: dt.date | None = None, stdin: BinaryIO | None = None
) -> tuple[Article, ...]:
    """Every article under ``paths``, in input order (folders walked in sorted order).

    paths: files, folders (recursive) or "-" for a JSONL corpus on ``stdin``.
    published: the date for articles whose metadata has none.
    """
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for raw in paths:
        for article, where in _read_path(raw, published, stdin):
            if article.id in seen:
                path, _, line = where.partition(":")
                raise errors.DuplicateId(path, article.id, seen[article.id], int(line) if line else None)
            seen[article.id] = where
            articles.append(article)
    if not articles:
        raise errors.NoArticles(", ".join(paths))
    return tuple(articles)


def parse_published(raw: object, path: str, line: int | None = None) -> dt.date:
    """A publication date: ``YYYY-MM-DD``, an ISO 8601 date-time (its date part), or a date
    written out with a month name and a four-digit year ("July 14, 2016", "Thu, 14 Jul 2016
    10:30:00 GMT"), as feeds and scrapers give them. Numeric forms such as 07/08/2016 are
    refused: whether that is July or August cannot be known."""
    if not isinstance(raw, str):
        raise errors.BadPublishedDate(path, str(raw), line)
    text = raw.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            day = dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise errors.BadPublishedDate(path, text, line) from None
    elif _WRITTEN_DATE.search(text) and re.search(r"\b\d{4}\b", text):
        day = _written_date(text, path, line)
    else:
        raise errors.BadPublishedDate(path, text, line)
    if not _EARLIEST <= day.year <= _LATEST:
        raise errors.BadPublishedDate(path, text, line, why=f"is out of range ({_EARLIEST}-{_LATEST})")
    return day


_WRITTEN_DATE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.IGNORECASE,
)


def _written_date(text: str, path: str, line: int | None) -> dt.date:
    """dateparser reads written-out dates; it must find a day, a month and a year."""
    import dateparser  # only for metadata that is not ISO: it takes a while to import

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": True,  # the date as written, in the writer's time zone
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never the clock; relative words are refused anyway
        "PREFER_DATES_FROM": "current_period",
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        raise errors.BadPublishedDate(path, text, line)
    return parsed.date()


def _read_path(raw: str, published: dt.date | None, stdin: BinaryIO | None) -> Iterator[tuple[Article, str]]:
    if raw == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:  # started with standard input closed (`timeline dates - <&-`)
            raise errors.StdinProblem("is closed")
        count = 0
        for item in _read_jsonl("<stdin>", stream, published):
            count += 1
            yield item
        if count == 0:
            raise errors.StdinProblem("is empty (or only blank lines)")
        return
    path = Path(raw)
    if path.is_dir():
        yield from _read_folder(path, published)
    elif path.exists():
        if not _suffix(path):
            raise errors.UnsupportedFile(str(path))
        yield from _read_file(path, published, manifest={})
    else:
        raise errors.MissingPath(str(path))


def _read_folder(folder: Path, published: dt.date | None) -> Iterator[tuple[Article, str]]:
    files = inputs.walk(folder)
    skipped = [p for p in files if not _suffix(p) and p.name not in MANIFESTS]
    skipped += [p for p in files if _suffix(p) in TEXT_SUFFIXES and _SKIPPED_NAMES.match(p.name)]
    if skipped:
        names = ", ".join(str(p) for p in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        log.warning("skipped %d file(s) that are not articles: %s", len(skipped), names)
    wanted = [p for p in files if _suffix(p) and p not in skipped]
    if not wanted:
        raise errors.NoArticles(str(folder))
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    for file in wanted:
        if file.parent not in manifests:
            manifests[file.parent] = _read_manifest(file.parent)
        yield from _read_file(file, published, manifests[file.parent])


def _read_file(path: Path, published: dt.date | None, manifest: dict[str, dict[str, str]]) -> Iterator[tuple[Article, str]]:
    if _suffix(path) in CORPUS_SUFFIXES:
        count = 0
        with inputs.open_regular(path) as handle:
            stream: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb") if path.name.endswith(".gz") else handle  # type: ignore[assignment]
            with stream:
                for item in _read_jsonl(str(path), stream, published):
                    count += 1
                    yield item
        if count == 0:
            raise errors.InputError(str(path), "holds no articles (it is empty or blank); add one JSON object per line, or leave it out")
        return
    text = inputs.decode(str(path), inputs.read_bytes(path))
    meta, body = _split_front_matter(str(path), text)
    # A Markdown chronology of ours starts with this comment (older ones with front matter).
    if text.startswith("<!-- generator: timeline") or meta.get("generator", "").startswith("timeline"):
        log.warning("skipped %s: a chronology this tool wrote, not an article", path)
        return
    fields = {**manifest.get(path.name, {}), **meta}  # the article's own metadata wins
    body = body.strip()
    if not body:
        raise errors.EmptyText(str(path))
    if "published" in fields:
        day = parse_published(fields["published"], str(path))
    elif published is not None:
        day = published
    else:
        raise errors.MissingPublishedDate(str(path))
    article = Article(
        id=fields.get("id") or path.name.split(".")[0],
        text=body,
        published=day,
        title=fields.get("title") or None,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        path=str(path),
    )
    yield article, str(path)


def _read_jsonl(name: str, stream: BinaryIO, published: dt.date | None) -> Iterator[tuple[Article, str]]:
    try:
        for number, raw in enumerate(inputs.lines(name, stream), start=1):
            if number == 1 and (encoding := inputs.other_encoding(raw)):
                raise errors.WrongEncoding(name, encoding)
            if b"\x00" in raw:
                raise errors.BinaryFile(name)
            if raw.strip():
                yield _parse_line(name, number, raw, published), f"{name}:{number}"
    except (gzip.BadGzipFile, EOFError, zlib.error):
        raise errors.InputError(name, "is not a valid gzip file; give a .jsonl file or a complete .jsonl.gz") from None
    except OSError as err:
        raise errors.UnreadableFile(name, err.strerror or str(err)) from None


def _parse_line(name: str, number: int, raw: bytes, published: dt.date | None) -> Article:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise errors.BadEncoding(name, err.start, number) from None
    record = inputs.parse_json(line.rstrip("\r\n"), lambda reason: errors.BadJsonLine(name, number, reason))
    if not isinstance(record, dict):
        raise errors.BadJsonLine(name, number, f"found a JSON {type(record).__name__}")
    for field in ("id", "text"):
        if record.get(field) is None:
            raise errors.MissingField(name, number, field)
    for field in ("id", "text", "title", "source", "url", "published", "time"):
        if isinstance(record.get(field), str) and _SURROGATE.search(record[field]):
            raise errors.LoneSurrogate(name, number, field)
    if not isinstance(record["id"], (str, int)) or isinstance(record["id"], bool) or str(record["id"]) == "":
        raise errors.BadField(name, number, "id", "a non-empty string")
    if not isinstance(record["text"], str):
        raise errors.BadField(name, number, "text", "a string")
    if not record["text"].strip():
        raise errors.EmptyText(name, number)
    for field in ("title", "source", "url"):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise errors.BadField(name, number, field, "a string or null")
    raw_date = record.get("published", record.get("time"))
    if raw_date is not None:
        day = parse_published(raw_date, name, number)
    elif published is not None:
        day = published
    else:
        raise errors.MissingPublishedDate(name, number)
    return Article(
        id=str(record["id"]),
        text=record["text"],
        published=day,
        title=record.get("title") or None,
        source=record.get("source") or None,
        url=record.get("url") or None,
        path=None if name == "<stdin>" else name,
    )


def _read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Metadata by file name from the folder's manifest.json or manifest.csv, if any."""
    for name in MANIFESTS:
        path = folder / name
        if path.is_file():
            text = inputs.decode(str(path), inputs.read_bytes(path))
            rows = _manifest_rows(str(path), text)
            return {row["file"]: row for row in rows}
    return {}


def _manifest_rows(path: str, text: str) -> list[dict[str, str]]:
    if path.endswith(".json"):
        data = inputs.parse_json(text, lambda reason: errors.BadManifest(path, f"invalid JSON: {reason}"), by_line=True)
        if _SURROGATE.search(json.dumps(data, ensure_ascii=False)):
            raise errors.BadManifest(path, "it holds a lone surrogate, a \\ud800-\\udfff escape that is half of a pair")
        if isinstance(data, dict):  # {"file.txt": {"published": ...}, ...}
            data = [{"file": key, **value} for key, value in data.items() if isinstance(value, dict)]
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise errors.BadManifest(path, "expected an object keyed by file name, or a list of objects")
        records = data
    else:
        records = list(csv.DictReader(io.StringIO(text)))
    rows = []
    for number, record in enumerate(records, start=1):
        row = {_KEYS.get(str(k).strip().lower(), str(k).strip().lower()): str(v).strip() for k, v in record.items() if k and v}
        if not row.get("file"):
            raise errors.BadManifest(path, f'entry {number} has no "file" column')
        rows.append(row)
    return rows


def _split_front_matter(path: str, text: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``: a ``---`` block of ``key: value`` lines at the top, if present."""
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise errors.InputError(path, "front matter opened with --- is never closed; end it with a line ---")
    meta: dict[str, str] = {}
    for number, line in enumerate(text[4 : 4 + end.start()].splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise errors.InputError(path, f'front matter line {number} is not "key: value"; fix or remove it')
        key = _KEYS.get(name.strip().lower())
        if key:
            meta[key] = _unquote(value.strip())
    return meta, text[4 + end.end() :]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in (*CORPUS_SUFFIXES, *TEXT_SUFFIXES) if name.endswith(s)), "")


