"""Read articles and their metadata from text files, folders and JSONL corpora.

Needs: paths. Adds: Article (text, publication date, outlet, title, url).

The publication date is the anchor of every relative date, so it comes from the article's
own metadata, else its folder's manifest, else the ``published`` fallback; never the clock.
Every problem with an input raises an ``InputError`` that names the file and the fix.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from timeline import errors
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
MAX_BYTES = 64 * 2**20  # the most a text article, a manifest or one JSONL line may take
_MAX_INT_DIGITS = 1000  # an integer longer than this in a JSONL line is no id (Python refuses 4,300)
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
    files = _walk(folder)
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


def _walk(folder: Path) -> list[Path]:
    """Every entry under ``folder`` but folders and hidden ones, sorted. A subfolder that
    cannot be read is an error, not skipped; a symlinked folder is followed once."""
    found: list[Path] = []
    pending, seen = [folder], set()
    while pending:  # a loop, not recursion: a folder may be nested a thousand deep
        current = pending.pop()
        try:
            info = current.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen:
                continue
            seen.add(key)
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    (pending if entry.is_dir() else found).append(Path(entry.path))
        except OSError as err:
            raise errors.UnreadableFile(str(current), err.strerror or str(err)) from None
    return sorted(found)


def _read_file(path: Path, published: dt.date | None, manifest: dict[str, dict[str, str]]) -> Iterator[tuple[Article, str]]:
    if _suffix(path) in CORPUS_SUFFIXES:
        count = 0
        with _open_regular(path) as handle:
            stream: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb") if path.name.endswith(".gz") else handle  # type: ignore[assignment]
            with stream:
                for item in _read_jsonl(str(path), stream, published):
                    count += 1
                    yield item
        if count == 0:
            raise errors.InputError(str(path), "holds no articles (it is empty or blank); add one JSON object per line, or leave it out")
        return
    text = _decode(str(path), _read_bytes(path))
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
        for number, raw in enumerate(_lines(name, stream), start=1):
            if number == 1 and (encoding := _other_encoding(raw)):
                raise errors.WrongEncoding(name, encoding)
            if b"\x00" in raw:
                raise errors.BinaryFile(name)
            if raw.strip():
                yield _parse_line(name, number, raw, published), f"{name}:{number}"
    except (gzip.BadGzipFile, EOFError, zlib.error):
        raise errors.InputError(name, "is not a valid gzip file; give a .jsonl file or a complete .jsonl.gz") from None
    except OSError as err:
        raise errors.UnreadableFile(name, err.strerror or str(err)) from None


def _lines(name: str, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``stream``, none longer than ``MAX_BYTES`` (no line is ever read whole
    past that: a gzip bomb or /dev/zero ends here)."""
    number = 0
    while raw := stream.readline(MAX_BYTES + 1):
        number += 1
        if len(raw) > MAX_BYTES:
            raise errors.TooLarge(name, MAX_BYTES, number)
        yield raw



def _parse_line(name: str, number: int, raw: bytes, published: dt.date | None) -> Article:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise errors.BadEncoding(name, err.start, number) from None
    record = _json(line.rstrip("\r\n"), lambda reason: errors.BadJsonLine(name, number, reason))
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
            text = _decode(str(path), _read_bytes(path))
            rows = _manifest_rows(str(path), text)
            return {row["file"]: row for row in rows}
    return {}


def _manifest_rows(path: str, text: str) -> list[dict[str, str]]:
    if path.endswith(".json"):
        data = _json(text, lambda reason: errors.BadManifest(path, f"invalid JSON: {reason}"), by_line=True)
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


class _LongInteger(ValueError):
    pass


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        raise _LongInteger(f"an integer of {len(digits.lstrip('-'))} digits, longer than any id; write ids as strings")
    return int(digits)


def _json(text: str, error: Callable[[str], errors.InputError], by_line: bool = False) -> object:
    """``text`` parsed as JSON; what is wrong with it as ``error(reason)``, placed by line
    (a file) or by column (a JSONL line)."""
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as err:
        raise error(f"{err.msg} at line {err.lineno}" if by_line else f"{err.msg} at column {err.colno}") from None
    except _LongInteger as err:
        raise error(str(err)) from None
    except RecursionError:
        raise error("nested too deeply; flatten it") from None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _decode(path: str, data: bytes) -> str:
    """Text from bytes: UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so for sure.
    UTF-32, and UTF-16 without a BOM, are named and refused; a NUL byte anywhere is binary."""
    encoding = _other_encoding(data)
    if encoding == "UTF-16":
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            why = f"an odd number of bytes, {len(data)}" if len(data) % 2 else f"{err.reason} at byte {err.start}"
            raise errors.InputError(
                path, f"starts with a UTF-16 byte-order mark but is not valid UTF-16 ({why}); re-save it as UTF-8"
            ) from None
        if "\x00" in text:
            raise errors.BinaryFile(path)
        log.warning("%s: read as UTF-16 (it starts with a UTF-16 byte-order mark)", path)
        return _normalize_newlines(text)
    if encoding:
        raise errors.WrongEncoding(path, encoding)
    if b"\x00" in data:
        raise errors.BinaryFile(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise errors.BadEncoding(path, err.start) from None
    return _normalize_newlines(text)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _other_encoding(data: bytes) -> str | None:
    """"UTF-16" for a UTF-16 byte-order mark; a name for UTF-32, or for UTF-16 without a
    mark (every other byte of ASCII text NUL); None for anything else."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = data[:4096].rstrip(b"\n\r")
    if len(head) >= 8 and b"\x00" in head:
        if not any(head[1::4] + head[2::4] + head[3::4]) or not any(head[0::4] + head[1::4] + head[2::4]):
            return "UTF-32 (without a byte-order mark)"
        if not any(head[1::2]) or not any(head[0::2]):
            return "UTF-16 without a byte-order mark"
    return None


def _read_bytes(path: Path) -> bytes:
    """The whole file, if it is a regular file of at most ``MAX_BYTES``."""
    with _open_regular(path) as handle:
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as err:
            raise errors.UnreadableFile(str(path), err.strerror or str(err)) from None
    if len(data) > MAX_BYTES:
        raise errors.TooLarge(str(path), MAX_BYTES)
    return data


def _open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading if it is a regular file. A FIFO or a device is refused
    before a byte is read: a FIFO would block, /dev/zero never ends."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens at once, to be refused
    except OSError as err:
        raise errors.UnreadableFile(str(path), err.strerror or str(err)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise errors.NotRegularFile(str(path), _kind(mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in (*CORPUS_SUFFIXES, *TEXT_SUFFIXES) if name.endswith(s)), "")


