from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path

import pytest

from timeline import corpus, errors


def test_folder_reads_front_matter_and_manifest_recursively(fixtures: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="timeline"):
        articles = corpus.read_articles([str(fixtures / "folder")])
    assert [a.id for a in articles] == ["alpha", "beta"]
    alpha, beta = articles
    assert alpha.published == dt.date(2019, 3, 7)
    assert alpha.source == "Example Wire"
    assert alpha.title == "Envoys to meet in Geneva"
    assert alpha.url == "https://example.org/news/alpha"
    assert alpha.text.startswith("Foreign ministers of Norway")  # body after the front matter, stripped
    assert beta.published == dt.date(2019, 3, 11)  # from manifest.csv
    assert beta.title == "Accord signed, ministry says"
    assert "notes.rtf" in caplog.text  # the skipped file is named once


def test_front_matter_wins_over_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\npublished: 2020-01-02\n---\nTalks resumed.\n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"a.txt": {"published": "2019-12-31", "source": "Wire"}}', encoding="utf-8")
    (article,) = corpus.read_articles([str(tmp_path)])
    assert article.published == dt.date(2020, 1, 2)
    assert article.source == "Wire"  # fields the front matter lacks still come from the manifest


def test_manifest_json_list_form(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks resumed.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('[{"file": "a.txt", "published": "2019-12-31"}]', encoding="utf-8")
    (article,) = corpus.read_articles([str(tmp_path)])
    assert article.published == dt.date(2019, 12, 31)


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_jsonl_corpus(fixtures: Path, name: str) -> None:
    j1, j2 = corpus.read_articles([str(fixtures / name)])
    assert (j1.id, j1.published, j1.title, j1.url) == ("j1", dt.date(2019, 3, 7), "Meeting", None)
    assert (j2.id, j2.published, j2.source) == ("j2", dt.date(2019, 3, 11), "Example Herald")  # "time" and a datetime


def test_jsonl_from_stdin() -> None:
    stream = io.BytesIO(b'{"id": "s1", "published": "2016-07-14", "text": "Talks on Friday."}\n')
    (article,) = corpus.read_articles(["-"], stdin=stream)
    assert article.id == "s1" and article.path is None


def test_published_fallback_only_when_metadata_has_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks resumed.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\npublished: 2001-02-03\n---\nTalks ended.", encoding="utf-8")
    a, b = corpus.read_articles([str(tmp_path)], published=dt.date(2016, 7, 14))
    assert a.published == dt.date(2016, 7, 14)
    assert b.published == dt.date(2001, 2, 3)


def test_crlf_and_utf8_bom_are_normalized(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf---\r\npublished: 2016-07-14\r\n---\r\nLine one.\r\nLine two.\r\n")
    (article,) = corpus.read_articles([str(path)])
    assert article.text == "Line one.\nLine two."


def test_utf16_with_bom_is_read_and_said(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("---\npublished: 2016-07-14\n---\nTalks in Genève.".encode("utf-16"))
    with caplog.at_level(logging.WARNING, logger="timeline"):
        (article,) = corpus.read_articles([str(path)])
    assert article.text == "Talks in Genève."
    assert "UTF-16" in caplog.text


def test_readme_in_a_folder_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# My corpus", encoding="utf-8")
    (tmp_path / "a.txt").write_text("---\npublished: 2016-07-14\n---\nTalks.", encoding="utf-8")
    assert [a.id for a in corpus.read_articles([str(tmp_path)])] == ["a"]


def test_hidden_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text("no date here", encoding="utf-8")
    (tmp_path / "a.txt").write_text("---\npublished: 2016-07-14\n---\nTalks.", encoding="utf-8")
    assert [a.id for a in corpus.read_articles([str(tmp_path)])] == ["a"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-07-14", dt.date(2016, 7, 14)),
        ("2016-07-14T23:10:00+02:00", dt.date(2016, 7, 14)),
        (" 2016-07-14 ", dt.date(2016, 7, 14)),
        ("July 14, 2016", dt.date(2016, 7, 14)),
        ("14 Jul 2016", dt.date(2016, 7, 14)),
        ("Thu, 14 Jul 2016 23:10:00 +0200", dt.date(2016, 7, 14)),  # the date where it was written
        ("Sept. 5, 2016", dt.date(2016, 9, 5)),
    ],
)
def test_parse_published(raw: str, expected: dt.date) -> None:
    assert corpus.parse_published(raw, "x") == expected


@pytest.mark.parametrize(
    "raw", ["14/07/2016", "07/08/2016", "2016-13-01", "2016-02-30", "yesterday", "", "2016-07-14Tnonsense", "July 2016", "May the fourth", "March 40, 2016"]
)
def test_parse_published_rejects(raw: str) -> None:
    with pytest.raises(errors.BadPublishedDate):
        corpus.parse_published(raw, "x")


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "1600-05-01"])
def test_parse_published_rejects_absurd_years(raw: str) -> None:
    with pytest.raises(errors.BadPublishedDate, match="out of range"):
        corpus.parse_published(raw, "x")
