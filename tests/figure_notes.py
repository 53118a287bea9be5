"""Generated dense notes for the figure tests: every date form the reader knows, clustered."""

from __future__ import annotations

import random

from studypress.model import Note
from studypress.reader import read_text

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WORDS = ("treaty", "war", "Senate", "reform", "council", "envoy", "revolt", "embassy",
         "trade", "pact", "congress", "election", "strike", "famine", "army", "fleet")


def _date(rng: random.Random, year: int) -> str:
    """One date written in one of the forms notes use."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    era = " BCE" if year < 0 else ""
    y = abs(year)
    forms = [
        f"{MONTHS[month - 1]} {day}, {y}{era}",
        f"{day} {MONTHS[month - 1]} {y}{era}",
        f"{MONTHS[month - 1][:3]}. {day}, {y}{era}",
        f"{MONTHS[month - 1]} {y}{era}",
        f"{y}{era}",
        f"c. {y}{era}",
        f"{rng.choice(('Spring', 'Summer', 'Autumn', 'Winter'))} {y}{era}",
        f"{y - y % 10}s{era}" if y >= 10 else f"{y}{era}",
        f"{rng.choice(('Early', 'Mid', 'Late'))} {y - y % 10}s" if y >= 10 and not era
        else f"{y}{era}",
        f"{y}–{y + rng.randint(1, 12)}" if not era else f"{y}–{max(1, y - 5)} BCE",
    ]
    if year > 0:
        forms.append(f"{y:04d}-{month:02d}-{day:02d}")
    return rng.choice(forms)


def dense_markdown(n: int, seed: int = 7, people: int = 12, *, bce: bool = True) -> str:
    """A note of ``n`` timeline events in clusters (with a few undated ones) and ``people``
    people of the cast, some mentioned in many events."""
    rng = random.Random(seed)
    centres = [-220, 1450, 1789, 1917, 1933] if bce else [1450, 1789, 1917, 1933]
    names = [f"Person{k} Name{k}" for k in range(people)]
    lines = ["# Dense history", "", "## Timeline", ""]
    groups = ("Founding", "Crisis years", "Late era")
    for i in range(n):
        if i % (max(1, n // len(groups))) == 0:
            lines += ["", f"### {groups[min(len(groups) - 1, i * len(groups) // n)]}", ""]
        centre = rng.choice(centres)
        year = centre + int(rng.gauss(0, 6))
        if year == 0:
            year = 1
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
        who = f" with {names[rng.randrange(len(names))] if rng.random() < 0.5 else names[0]}" \
            if names else ""
        if i % 53 == 52:
            lines.append(f"- The {words} happens{who}.")
        else:
            lines.append(f"- **{_date(rng, year)}:** The {words}{who} (event {i}).")
    if names:
        lines += ["", "## Cast of Characters", ""]
        for k, name in enumerate(names):
            born = rng.choice(centres[1:]) + rng.randint(-40, 10)
            lines.append(f"- **{name}** (statesman, {born}–{born + rng.randint(20, 80)}): "
                         f"took part in the {rng.choice(WORDS)} {k}.")
    return "\n".join(lines) + "\n"


def dense_note(n: int, seed: int = 7, people: int = 12, **kw) -> Note:
    """``dense_markdown`` read by the reader, as a build would read it."""
    return read_text(dense_markdown(n, seed, people, **kw), "dense.md", "dense")


def spread_markdown(n: int, seed: int = 5, start: int = 1900) -> str:
    """A note of ``n`` events a few months to a few years apart, with wordings from two words
    to a long sentence: dense enough to need many label lanes, spread enough for labels."""
    rng = random.Random(seed)
    lines = ["# Spread history", "", "## Timeline", ""]
    year, month = start, 1
    for i in range(n):
        month += rng.randint(2, 30)
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 14)))
        when = rng.choice((f"{MONTHS[month - 1]} {year}", f"{year}",
                           f"{MONTHS[month - 1]} {rng.randint(1, 28)}, {year}"))
        lines.append(f"- **{when}:** The {words} (event {i}).")
    return "\n".join(lines) + "\n"


def spread_note(n: int, seed: int = 5) -> Note:
    """``spread_markdown`` read by the reader."""
    return read_text(spread_markdown(n, seed), "spread.md", "spread")


SUBJECTS = ("Railway Boom", "Printing Guilds", "Harbour Strikes", "River Treaty",
            "Coastal Leagues", "Mountain Frontier", "Northern Provinces", "Grain Tariffs",
            "Canal Building", "Census Reform")


def overlapping_notes(n: int, seed: int = 3) -> dict[str, str]:
    """``n`` short notes (file name → Markdown) whose stretches of time overlap, as the notes
    of one course often do: a course book's timeline draws each as a band."""
    rng = random.Random(seed)
    out: dict[str, str] = {}
    for i in range(n):
        start = 1900 + rng.randint(0, 40)
        lines = [f"# {SUBJECTS[i % len(SUBJECTS)]}: notes {i + 1}", "", "## Timeline", ""]
        for k in range(rng.randint(3, 8)):
            lines.append(f"- **{start + rng.randint(0, 20)}:** The council meets about matter "
                         f"{k} of note {i}.")
        out[f"note-{i:02d}.md"] = "\n".join(lines) + "\n"
    return out
