"""Write output files atomically, so a failed run never leaves a half-written file, and
check that no output would land on something the user needs.

Each output is first written in full to a temporary file beside it
(``.NAME.<pid>.<random>.tmp``) and then renamed over ``NAME``. With several outputs, every
temporary file is written before the first rename, so a full disk or a missing folder
changes none of them. A run killed while writing leaves its temporary files behind; the
next run that writes ``NAME`` removes those whose process is gone. An output whose file
already holds exactly its bytes is left alone (not rewritten, its time not changed), so a
rebuild that changes nothing writes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import platformdirs

from timeline.corpus import MANIFESTS
from timeline.errors import OutputError, TimelineError
from timeline.model import Article


def user_cache_dir() -> Path:
    """The tool's folder under the user's cache directory (``$XDG_CACHE_HOME/timeline``,
    ``~/.cache/timeline``, or the platform's equivalent)."""
    return Path(platformdirs.user_cache_dir("timeline", appauthor=False))


def write_atomic(path: str | Path, content: str) -> None:
    """Write ``content`` (UTF-8) to a temporary file beside ``path``, then rename it over ``path``."""
    write_all({str(path): content})


def write_all(outputs: Mapping[str, str]) -> None:
    """Write every output, or (when one cannot be written) none of them."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in outputs.items():
            if _holds(Path(path), content):
                _remove_stale(Path(path))
            else:
                staged.append((_stage(Path(path), content), Path(path)))
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as err:
                raise OutputError(str(target), err.strerror or str(err), err.errno) from None
    finally:
        for tmp, _ in staged:
            _remove(tmp)


def check_targets(outputs: Iterable[str | Path], articles: Iterable[Article], cache: Path | None = None) -> None:
    """Refuse outputs that would replace an input (an article, a corpus, a folder's manifest)
    or the cache, a cache that is an input, and two outputs that name one file."""
    inputs: dict[Path, str] = {}
    for article_path in dict.fromkeys(a.path for a in articles if a.path):  # each file once: a corpus's thousands of articles share one
        source = Path(article_path).resolve()
        inputs[source] = "one of the input articles"
        for name in MANIFESTS:
            inputs.setdefault(source.parent / name, "the manifest of an input folder")
    if cache is not None:
        if cache.resolve() in inputs:
            raise TimelineError(f"{cache}: is {inputs[cache.resolve()]}; give --cache another file")
        inputs[cache.resolve()] = "the cache (--cache)"
    seen: set[Path] = set()
    for path in outputs:
        target = Path(path).resolve()
        if target in inputs:
            raise TimelineError(f"{path}: is {inputs[target]}; write the output to another file")
        if target.is_dir():
            raise TimelineError(f"{path}: is a folder; give the output a file name")
        if target in seen:
            raise TimelineError(f"{path}: is given for two outputs; give each output its own file")
        seen.add(target)


def _holds(target: Path, content: str) -> bool:
    """Whether ``target`` is a file that already holds ``content``, byte for byte."""
    try:
        data = content.encode("utf-8")
        if not target.is_file() or target.stat().st_size != len(data):  # the size first: most changed files differ in it
            return False
        with target.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except (OSError, UnicodeError):
        return False


def _stage(target: Path, content: str) -> str:
    """``content`` in a complete, synced temporary file beside ``target``; its path."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(str(target), err.strerror or str(err), err.errno) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
    except OSError as err:
        _remove(tmp)
        raise OutputError(str(target), err.strerror or str(err), err.errno) from None
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove_stale(target: Path) -> None:
    """Remove ``.NAME.<pid>.*.tmp`` files that a killed run left beside ``target``."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.\w+\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match and not _alive(int(match[1])):
            _remove(str(target.parent / name))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid we can ask about: leave its file
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
