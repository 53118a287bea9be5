"""Items matched against the last build's, so a card follows its item (renames.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.renderers.deck import naming
from studypress.renderers.deck.renames import SIMILAR, Current, Known, assign, similarity

EV = "studypress Event"
PE = "studypress Person"
QU = "studypress Question"


def known(key: str, text: str, date: str = "", kind: str = EV) -> Known:
    return Known(naming.guid(key), key, kind, text, date)


def test_unchanged_items_keep_their_guid() -> None:
    then = [known("n/event/1933#1", "A.", "1933"), known("n/person/ann", "Poet.", kind=PE)]
    now = [Current("n/event/1933#1", EV, "A.", "1933"), Current("n/person/ann", PE, "Poet.", "")]
    assert assign(now, then) == [k.guid for k in then]


def test_reordered_same_date_events_keep_their_own_cards() -> None:
    then = [known("n/event/1920s#1", "Commercial links.", "192X"),
            known("n/event/1920s#2", "Non-recognition.", "192X")]
    now = [Current("n/event/1920s#1", EV, "Non-recognition.", "192X"),
           Current("n/event/1920s#2", EV, "Commercial links.", "192X")]
    assert assign(now, then) == [then[1].guid, then[0].guid]


def test_a_redated_event_keeps_its_card() -> None:
    then = [known("n/event/1933-12#1", "Bullitt arrives.", "1933-12")]
    now = [Current("n/event/1934-01#1", EV, "Bullitt arrives.", "1934-01")]
    assert assign(now, then) == [then[0].guid]


def test_renamed_person_renumbered_questions_and_a_reworded_sole_event() -> None:
    then = [known("n/person/ann-lee", "Wrote the poem.", kind=PE),
            known("n/question/1", "Who?", kind=QU), known("n/question/2", "Why?", kind=QU),
            known("n/event/1933-12#1", "Bullitt becomes the first ambassador.", "1933-12")]
    now = [Current("n/person/anne-lee", PE, "Wrote the poem.", ""),
           Current("n/question/1", QU, "Why?", ""), Current("n/question/2", QU, "Who?", ""),
           Current("n/event/1933-12#1", EV, "Something else entirely, said anew.", "1933-12")]
    assert assign(now, then) == [then[0].guid, then[2].guid, then[1].guid, then[3].guid]


def test_close_text_under_the_same_date_is_the_same_event() -> None:
    then = [known("n/event/1933#1", "Roosevelt writes to Kalinin offering talks.", "1933"),
            known("n/event/1933#2", "Litvinov sails for Washington.", "1933")]
    now = [Current("n/event/1933#1", EV, "Litvinov sails to Washington.", "1933"),
           Current("n/event/1933#2", EV, "Roosevelt writes to Kalinin, offering talks.", "1933")]
    assert assign(now, then) == [then[1].guid, then[0].guid]


def test_a_different_text_under_a_shared_date_is_a_new_item_with_a_fresh_guid() -> None:
    then = [known("n/event/1933#1", "Roosevelt writes to Kalinin.", "1933"),
            known("n/event/1933#2", "Litvinov sails for Washington.", "1933")]
    now = [Current("n/event/1933#1", EV, "Litvinov sails for Washington.", "1933"),
           Current("n/event/1933#2", EV, "The Great Purge begins in earnest.", "1933")]
    guids = assign(now, then)
    assert guids[0] == then[1].guid
    # The new event's natural GUID belongs to the removed one's card: never reuse it.
    assert guids[1] not in {k.guid for k in then}
    assert guids[1] == naming.guid("n/event/1933#2~2")


def test_kinds_never_match_across_note_types() -> None:
    then = [known("n/term/x", "Same words.", kind="studypress Term")]
    assert assign([Current("n/person/x", PE, "Same words.", "")], then) == [
        naming.guid("n/person/x")]


@pytest.mark.parametrize(("a", "b", "close"), [
    ("William C. Bullitt becomes the first U.S. ambassador to the Soviet Union.",
     "William C. Bullitt takes up his post as the first American ambassador in Moscow.", True),
    ("Roosevelt and Litvinov reach a gentleman's agreement.",
     "Roosevelt and Litvinov reached a gentlemen's agreement.", True),
    ("The Soviet Union signs the Molotov-Ribbentrop Pact.",
     "Debt negotiations stall over Tsarist obligations.", False),
    ("Yalta Conference", "Potsdam Conference", True),
    ("Berlin Blockade begins", "North Atlantic Treaty signed", False),
])
def test_similarity_threshold(a: str, b: str, close: bool) -> None:
    assert (similarity(a, b) >= SIMILAR) is close
    assert similarity(a, a) == 1.0


def _pairwise(now: list[Current], then: list[Known]) -> list[str]:
    """The matching as the module states it, trying every pair of item and entry in order."""
    rank = re.compile(r"#\d+(?:\+\d+)?$")

    def sole(key: str, keys: list[str]) -> bool:
        bases = [rank.sub("", k) for k in keys]
        return rank.search(key) is None or bases.count(rank.sub("", key)) == 1

    got: dict[int, str] = {}
    taken: set[int] = set()

    def pair(i: int, j: int) -> None:
        if i not in got and j not in taken:
            got[i] = then[j].guid
            taken.add(j)

    def open_pairs() -> list[tuple[int, Current, int, Known]]:
        return [(i, c, j, k) for i, c in enumerate(now) for j, k in enumerate(then)
                if i not in got and j not in taken and c.kind == k.kind]

    for same in (lambda c, k: c.key == k.key and c.text == k.text,
                 lambda c, k: bool(c.text) and c.text == k.text,
                 lambda c, k: c.key == k.key and sole(c.key, [x.key for x in now])
                 and sole(k.key, [x.key for x in then])):
        for i, c, j, k in open_pairs():
            if same(c, k):
                pair(i, j)
    scored = sorted((-similarity(c.text, k.text), i, j)
                    for i, c, j, k in open_pairs() if c.date and c.date == k.date)
    for score, i, j in scored:
        if -score >= SIMILAR:
            pair(i, j)
    return [got.get(i, "") for i in range(len(now))]


_item = st.tuples(st.sampled_from(["n/event/1933#1", "n/event/1933#2", "n/event/1934#1",
                                   "n/person/ann", "n/question/1"]),
                  st.sampled_from([EV, PE]),
                  st.sampled_from(["", "Ann writes.", "Ann wrote.", "Bo sails.", "Poet."]),
                  st.sampled_from(["", "1933", "1934"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_item, max_size=8), st.lists(_item, max_size=8))
def test_matching_by_groups_pairs_as_trying_every_pair_does(now, then) -> None:
    current = [Current(*t) for t in now]
    known_ = [Known(naming.guid(f"{t[0]}~{n}"), *t) for n, t in enumerate(then)]
    want = _pairwise(current, known_)
    got = assign(current, known_)
    assert [g if w else "" for g, w in zip(got, want, strict=True)] == want
    assert not {g for g, w in zip(got, want, strict=True) if not w} & {k.guid for k in known_}
