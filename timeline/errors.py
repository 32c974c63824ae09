"""Typed errors. Each message is one line that names the file (and line) and says the fix.

The library raises these; the CLI turns any ``TimelineError`` into ``Error: <message>`` on
stderr and exit status 1, in one place (``cli._Group``).
"""

from __future__ import annotations

import errno


class TimelineError(Exception):
    """Base class of every error the tool reports to a user."""


class InputError(TimelineError):
    """Something wrong with one input file; ``line`` is set for a JSONL line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(_one_line(f"{where}: {problem}"))


class MissingPath(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "no such file or folder; check the path")


class UnreadableFile(InputError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, f"cannot read it ({reason}); check that it exists and that you may read it")


class BinaryFile(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "is a binary file, not text; give a UTF-8 .txt/.md article or a .jsonl corpus")


class BadEncoding(InputError):
    def __init__(self, path: str, offset: int, line: int | None = None) -> None:
        super().__init__(path, f"is not valid UTF-8 (bad byte at offset {offset}); re-save it as UTF-8", line)


class EmptyText(InputError):
    def __init__(self, path: str, line: int | None = None) -> None:
        super().__init__(path, "the article text is empty; add its text or leave the file out", line)


class MissingPublishedDate(InputError):
    def __init__(self, path: str, line: int | None = None) -> None:
        if line is None:
            fix = 'add "published: YYYY-MM-DD" to its front matter or to the folder\'s manifest, or pass --published YYYY-MM-DD'
        else:
            fix = 'add "published": "YYYY-MM-DD" to the line, or pass --published YYYY-MM-DD'
        super().__init__(path, f"no publication date; {fix}", line)


class BadPublishedDate(InputError):
    def __init__(self, path: str, raw: str, line: int | None = None, why: str = "is not a date") -> None:
        super().__init__(path, f"publication date {raw!r} {why}; write it as YYYY-MM-DD", line)


class BadJsonLine(InputError):
    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(path, f"not a valid JSON object ({reason}); write one JSON object per line", line)


class MissingField(InputError):
    def __init__(self, path: str, line: int, field: str) -> None:
        super().__init__(path, f'missing "{field}"; each line needs "id", "published" (or "time") and "text"', line)


class BadField(InputError):
    def __init__(self, path: str, line: int | None, field: str, expected: str) -> None:
        super().__init__(path, f'"{field}" must be {expected}; fix that field', line)


class DuplicateId(InputError):
    def __init__(self, path: str, article_id: str, other: str, line: int | None = None) -> None:
        super().__init__(path, f'article id "{article_id}" is already used by {other}; give each article a unique id', line)


class UnsupportedFile(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "unsupported file type; give .txt or .md articles, or a .jsonl / .jsonl.gz corpus")


class BadManifest(InputError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, f"bad manifest ({reason}); see README, 'Input formats'")


class NoArticles(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "no articles found (.txt, .md, .jsonl, .jsonl.gz); check the path")


_OUTPUT_FIXES = {  # errno → what to do about it
    errno.ENOSPC: "free some disk space, or write it elsewhere",
    errno.EDQUOT: "free some of your disk quota, or write it elsewhere",
    errno.EROFS: "the disk is read-only; write it elsewhere",
    errno.EACCES: "you may not write there; write it to a folder of yours",
    errno.EPERM: "you may not write there; write it to a folder of yours",
    errno.ENOTDIR: "part of the path is a file, not a folder; check the path",
    errno.ENAMETOOLONG: "the path is too long; give a shorter one",
}


class OutputError(TimelineError):
    """An output file could not be written; ``code`` (an errno) picks the fix to suggest."""

    def __init__(self, path: str, reason: str, code: int | None = None) -> None:
        self.path = path
        fix = _OUTPUT_FIXES.get(code or 0, "check the folder exists and is writable")
        super().__init__(f"{path}: cannot write it ({reason}); {fix}")


class NotRegularFile(InputError):
    def __init__(self, path: str, kind: str) -> None:
        super().__init__(path, f"is {kind}, not a regular file; give a .txt/.md article or a .jsonl corpus saved as a file")


class TooLarge(InputError):
    def __init__(self, path: str, cap: int, line: int | None = None) -> None:
        what = "the line is longer than" if line is not None else "is larger than"
        size = f"{cap // 2**20} MiB" if cap % 2**20 == 0 else f"{cap:,} bytes"
        super().__init__(path, f"{what} {size}, the most one article may take; split it into smaller articles", line)


class WrongEncoding(InputError):
    def __init__(self, path: str, encoding: str, line: int | None = None) -> None:
        super().__init__(path, f"is {encoding}, not UTF-8; re-save it as UTF-8", line)


class LoneSurrogate(InputError):
    def __init__(self, path: str, line: int | None, field: str) -> None:
        super().__init__(
            path, f'"{field}" holds a lone surrogate (a \\ud800-\\udfff escape that is half of a pair, not a character); fix or remove it', line
        )


class StdinProblem(InputError):
    def __init__(self, problem: str) -> None:
        super().__init__("<stdin>", f"standard input {problem}; pipe a JSONL corpus into it (one article per line), or name a file instead of -")


def _one_line(message: str) -> str:
    """A message as one line: what an input put in it (a file name, an id) may hold line breaks."""
    return message.replace("\r", "\\r").replace("\n", "\\n")
