"""Bytes and text from the user's input files, read safely.

Needs: paths and streams. Adds: bytes, text and JSON, or an ``InputError`` naming the file.

Only regular files are opened (a FIFO would block, ``/dev/zero`` never ends), none is read
past ``MAX_BYTES``, and no JSONL line either; folders are walked with a loop (they may be
nested deeper than Python recurses) and a folder that cannot be read is an error. UTF-32,
and UTF-16 without a byte-order mark, are named when refused; JSON nested too deep or with
an integer no id could be is refused with the reason.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from timeline import errors

log = logging.getLogger("timeline")

MAX_BYTES = 64 * 2**20  # the most a text article, a manifest or one JSONL line may take
_MAX_INT_DIGITS = 1000  # an integer longer than this in a JSONL line is no id (Python refuses 4,300)


def walk(folder: Path) -> list[Path]:
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


def lines(name: str, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``stream``, none longer than ``MAX_BYTES`` (no line is ever read whole
    past that: a gzip bomb or /dev/zero ends here)."""
    number = 0
    while raw := stream.readline(MAX_BYTES + 1):
        number += 1
        if len(raw) > MAX_BYTES:
            raise errors.TooLarge(name, MAX_BYTES, number)
        yield raw



class _LongInteger(ValueError):
    pass


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        raise _LongInteger(f"an integer of {len(digits.lstrip('-'))} digits, longer than any id; write ids as strings")
    return int(digits)


def parse_json(text: str, error: Callable[[str], errors.InputError], by_line: bool = False) -> object:
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


def decode(path: str, data: bytes) -> str:
    """Text from bytes: UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so for sure.
    UTF-32, and UTF-16 without a BOM, are named and refused; a NUL byte anywhere is binary."""
    encoding = other_encoding(data)
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


def other_encoding(data: bytes) -> str | None:
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


def read_bytes(path: Path) -> bytes:
    """The whole file, if it is a regular file of at most ``MAX_BYTES``."""
    with open_regular(path) as handle:
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as err:
            raise errors.UnreadableFile(str(path), err.strerror or str(err)) from None
    if len(data) > MAX_BYTES:
        raise errors.TooLarge(str(path), MAX_BYTES)
    return data


def open_regular(path: Path) -> BinaryIO:
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
