"""Fitting a label's text: the answer is the one measuring every try afresh would give, also
where a try is exactly as wide as the room."""

from __future__ import annotations

import random

from studypress.figure.text import FontSet, _cut, clean, fit
from studypress.fonts import family

WORDS = ("treaty", "signed", "Senate", "reform", "envoy", "famine", "Nov. 15, 1933", "—",
         "Ærø", "Łódź", "Δήλος", "Москва", "naïve", "…", "x", "1917–1921")


def test_a_fitted_text_is_what_measuring_every_try_gives():
    rng = random.Random(5)
    fs = FontSet(family("sans"))
    fresh = FontSet(family("sans"))
    for _ in range(120):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
        size, bold = rng.choice((6.5, 7.0, 7.5, 8.25)), rng.random() < 0.3
        whole = clean(text)
        rooms = [fresh.width(_cut(whole, m), size, bold) for m in range(1, len(whole) + 1)]
        for room in [*rooms, fresh.width(whole, size, bold) * rng.random(), 0.0]:
            assert fs.fit(text, room, size, bold) == fit(text, room, fresh.width, size, bold)
