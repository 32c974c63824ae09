"""The records' own helpers."""

import dataclasses
import datetime as dt

import pytest

from timeline.model import Event, Evidence, Granularity, Mention, When, evolve

_WHEN = When("2016-07-14", dt.date(2016, 7, 14), dt.date(2016, 7, 14), Granularity.DAY, "Thu 14 Jul 2016")
_MENTION = Mention("a1", "Kerry met Lavrov on Thursday.", 0, "Thursday", 20, 28, "2016-07-14")
_EVENT = Event(_WHEN, "Kerry meets Lavrov", (_MENTION,), kind="meet", actors=("John Kerry",))


@pytest.mark.parametrize("record, changes", [
    (_EVENT, {"id": "abc", "significance": 1.5, "evidence": Evidence(1, 1, 2, 1, 3, 2.5, 1.0, 1.0, 1)}),
    (_EVENT, {}),
    (_MENTION, {"value": "2015-07-14", "correction": "pile"}),
])
def test_evolve_gives_what_replace_gives(record, changes):
    new = evolve(record, **changes)
    expected = dataclasses.replace(record, **changes)
    assert new == expected and hash(new) == hash(expected) and type(new) is type(expected)
    assert vars(new) == vars(expected) and list(vars(new)) == list(vars(expected))
    assert new is not record


def test_evolve_leaves_the_record_unchanged_and_frozen():
    new = evolve(_EVENT, title="Kerry and Lavrov meet")
    assert _EVENT.title == "Kerry meets Lavrov" and new.title == "Kerry and Lavrov meet"
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.title = "x"  # type: ignore[misc]


def test_evolve_rejects_an_unknown_field():
    with pytest.raises(TypeError, match="no field 'titel'"):
        evolve(_EVENT, titel="x")
