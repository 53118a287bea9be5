"""A deterministic vault of study notes for benchmarks: ``python bench/make_vault.py N DIR``.

Every note mixes the shapes the reader understands: a timeline of 10 to 300 events in every
date form (bold, plain and table dates, group lines, sub-bullets, struck-out items, fuzzy and
BCE dates, ranges), a cast of 0 to 60 people in the cast variants, and, by turns, a quiz with
its answer key and essay questions, a glossary, a briefing with quotes and tables, an FAQ, and
Obsidian syntax (wikilinks, embeds, callouts, highlights, footnotes, inline tags, citations).

Note ``i`` depends only on ``i`` and the seed, not on N, so a small vault is the start of a
big one. ``make_vault`` returns what it planted per note (events, people, questions, terms).
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import zlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SHORT_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.",
                "Oct.", "Nov.", "Dec.")
SEASONS = ("Spring", "Summer", "Autumn", "Winter", "Fall")

# Plain words only: no heading words (timeline, quiz, glossary ...) and no month names, so
# generated prose never reads as structure it was not meant to be.
_WORDS = (
    "council assembly treaty harbour province river frontier army fleet merchants grain "
    "taxes reform envoy delegation rebellion alliance senate court palace village road "
    "bridge garrison treasury coinage harvest famine drought trade caravan mission school "
    "library archive charter decree election faction party union strike factory railway "
    "canal port market guild monastery temple fortress siege retreat victory defeat truce "
    "border census survey expedition settlement colony governor minister officials clerks "
    "soldiers sailors farmers workers students scholars judges bankers printers poets"
)
WORDS = _WORDS.split()
VERBS = ("signs", "rejects", "opens", "closes", "builds", "abandons", "reforms", "defends",
         "besieges", "negotiates", "announces", "publishes", "founds", "dissolves", "captures")
_FIRST = ("Anna Boris Clara Dmitri Elena Felix Greta Hugo Irina Jonas Karla Lev Mira Nikolai "
         "Olga Pavel Rosa Stefan Tamara Viktor Yuri Zoe Marek Ilse Tomas Vera Oskar Lidia")
FIRST = _FIRST.split()
LAST_A = ("Vor Kal Mar Tes Bel Dun Hal Kor Lin Mes Nor Pal Rav Sol Tar Ulm Var Wen Zel Bram")
LAST_B = ("ovsky enko ström ardi elli anov ich mann berg holm quist etti ac inov ez ova")
ROLES = ("Ambassador", "Chancellor", "General", "Minister of Trade", "Governor", "Envoy",
         "Treasurer", "Admiral", "Judge", "Archbishop", "Party Secretary", "Consul")
TOPICS = ("the Northern Provinces", "the Grain Reforms", "the River Treaty", "the Coastal Leagues",
          "the Mountain Frontier", "the Printing Guilds", "the Railway Boom", "the Harbour Strikes")
LEVELS = ("low", "moderate", "high", "rising", "falling")
TAGS = ("history", "diplomacy", "economics", "war", "reform", "trade", "empire", "revolution")


@dataclass(frozen=True)
class Planted:
    """What one generated note holds, for checking what the reader found."""

    file: str
    events: int
    people: int
    questions: int
    terms: int


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _sentence(rng: random.Random, low: int = 6, high: int = 18) -> str:
    text = f"The {rng.choice(WORDS)} {rng.choice(VERBS)} the {_words(rng, low, high)}"
    return text[0].upper() + text[1:] + "."


def _era(year: int) -> str:
    return f"{-year} BCE" if year < 0 else str(year)


def _century(year: int) -> str:
    number = (abs(year) - 1) // 100 + 1
    last = number % 10 if number % 100 not in (11, 12, 13) else 0
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(last, "th")
    qualifier = ("", "early ", "mid-", "Late ")[number % 4]
    return f"{qualifier}{number}{suffix} century{' BCE' if year < 0 else ''}"


def _date(rng: random.Random, year: int) -> str:
    """One date near ``year`` in one of the forms the date parser reads."""
    month, day = rng.randrange(12), rng.randint(1, 28)
    if year < 0:
        forms = (
            lambda: f"{-year} BCE", lambda: f"c. {-year} BCE",
            lambda: f"{-year}–{max(1, -year - rng.randint(2, 20))} BCE",
            lambda: f"{MONTHS[month]} {day}, {-year} BCE", lambda: f"{MONTHS[month]} {-year} BCE",
            lambda: _century(year),
        )
    else:
        forms = (
            lambda: f"{MONTHS[month]} {day}, {year}", lambda: f"{day} {MONTHS[month]} {year}",
            lambda: f"{year}-{month + 1:02d}-{day:02d}",
            lambda: f"{SHORT_MONTHS[month]} {day}, {year}",
            lambda: f"{MONTHS[month]} {year}", lambda: f"early {MONTHS[month]} {year}",
            lambda: f"{rng.choice(SEASONS)} {year}", lambda: str(year), lambda: f"c. {year}",
            lambda: f"{year}?", lambda: f"Early {year}", lambda: f"mid-{year}",
            lambda: f"{year // 10 * 10}s", lambda: f"Early {year // 10 * 10}s",
            lambda: f"Late {year // 10 * 10}s", lambda: _century(year),
            lambda: f"{year}–{year + rng.randint(1, 9)}",
            lambda: f"{MONTHS[month]} {day} – {MONTHS[(month + 1) % 12]} {day}, {year}"
            if month < 11 else f"{MONTHS[month]} {day}, {year}",
            lambda: f"{MONTHS[month]} {min(day, 20)}–{min(day, 20) + 5}, {year}",
        )
    return rng.choice(forms)()


def _people(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    names: dict[str, tuple[str, str, int]] = {}
    last_a, last_b = LAST_A.split(), LAST_B.split()
    while len(names) < count:
        first = rng.choice(FIRST)
        last = rng.choice(last_a) + rng.choice(last_b)
        if last in {n.split()[-1] for n in names}:
            continue  # one person per surname, so an event names whom it means
        names[f"{first} {last}"] = (f"{first} {last}", rng.choice(ROLES), rng.randint(0, 60))
    return list(names.values())


def _cast(rng: random.Random, people: list[tuple[str, str, int]], base: int) -> list[str]:
    if not people:
        return []
    lines = [f"## {rng.choice(('Cast of Characters', 'Key Figures', 'Key People'))}", ""]
    as_list = rng.random() < 0.5
    for name, role, offset in people:
        born = base + offset - 40
        span = f"{_era(born)}–{_era(born + 55)}" if born > 0 else f"{-born}–{-born - 55} BCE"
        form = rng.randrange(4)
        if form == 0:
            entry = f"**{name} ({role}, {span}):** {_sentence(rng)}"
        elif form == 1:
            entry = f"**{name} ({role}):** {_sentence(rng)}"
        elif form == 2:
            entry = f"**{name}** ({span}): {role} of the {rng.choice(WORDS)}. {_sentence(rng)}"
        else:
            entry = f"**{name}** – {role.lower()} of the {rng.choice(WORDS)}. {_sentence(rng)}"
        lines += ([f"- {entry}"] if as_list else [entry, ""])
    return [*lines, ""]


def _event_text(rng: random.Random, people: list[tuple[str, str, int]]) -> str:
    text = _sentence(rng)
    roll = rng.random()
    if people and roll < 0.35:
        text = f"{rng.choice(people)[0]} {rng.choice(VERBS)} the {_words(rng, 3, 8)}. {text}"
    elif roll < 0.45:
        text += f" See [[{rng.choice(WORDS)} {rng.choice(WORDS)}]]."
    elif roll < 0.55:
        text += f" The ==key {rng.choice(WORDS)}== is {_words(rng, 2, 4)} [{rng.randint(1, 6)}]."
    return text


def _timeline(rng: random.Random, count: int, people: list[tuple[str, str, int]],
              base: int) -> tuple[list[str], int]:
    """A timeline of ``count`` events in mixed shapes; returns its lines and events planted."""
    heading = rng.choice(("## Timeline of Events: " + rng.choice(TOPICS), "## Chronology",
                          "## Key Dates", "### Timeline"))
    sub = "#" * (heading.index(" ") + 1)  # group headings sit one level below the timeline's
    lines, planted, year = [heading, ""], 0, base
    step = max(1, 200 // count) if base < 0 else (1 if count > 100 else rng.randint(1, 3))
    while planted < count:
        group = min(count - planted, rng.randint(3, 12))
        shape = rng.randrange(10)
        if shape == 0 and year > 0:
            lines += [f"**{year // 10 * 10}s:**", ""]
            lines += [f"- {_event_text(rng, people)}" for _ in range(group)]
        elif shape == 1:
            lines += [f"**{rng.choice(('Aftermath', 'Post-War Years', 'Later Developments'))}**",
                      ""]
            lines += [f"- {_event_text(rng, people)}" for _ in range(group)]
        elif shape == 2:
            lines += ["| Date | Event |", "|------|-------|"]
            for _ in range(group):
                year += step
                lines.append(f"| {_date(rng, year)} | {_sentence(rng, 3, 9)} |")
        elif shape == 3:
            for number in range(1, group + 1):
                year += step
                lines.append(f"{number}. **{_date(rng, year)}:** {_event_text(rng, people)}")
        else:
            span = f"{_era(year + step)}–{_era(year + group * step)}" if group > 1 else _era(year)
            lines += [f"**{span}**" if shape < 7 else f"{sub} {span}", ""]
            for _ in range(group):
                year += step
                date = _date(rng, year)
                marker = rng.choice(("-", "*"))
                if shape == 8:
                    lines.append(f"{marker} {date} – {_event_text(rng, people)}")
                else:
                    lines.append(f"{marker} **{date}:** {_event_text(rng, people)}")
                if rng.random() < 0.15:
                    lines += [f"  - {_sentence(rng, 3, 8)}", f"  - {_sentence(rng, 3, 8)}"]
            if rng.random() < 0.2:
                lines.append(f"- ~~{_era(year)}: a struck-out item~~")
        lines.append("")
        planted += group
    return lines, planted


def _quiz(rng: random.Random) -> tuple[list[str], int]:
    count, essays = rng.randint(3, 10), rng.randint(0, 5)
    lines = ["## Quiz", "", "Answer each question in two to three sentences.", ""]
    lines += [f"{n}. Why did the {_words(rng, 2, 6)} matter?" for n in range(1, count + 1)]
    lines += ["", "## Quiz Answer Key", ""]
    lines += [f"{n}. {_sentence(rng)}" for n in range(1, count + 1)]
    if essays:
        lines += ["", "## Essay Format Questions", ""]
        lines += [f"{n}. Assess the {_words(rng, 4, 10)}." for n in range(1, essays + 1)]
    return [*lines, ""], count + essays


def _glossary(rng: random.Random) -> tuple[list[str], int]:
    terms = sorted({f"{rng.choice(WORDS).title()} {rng.choice(WORDS)}"
                    for _ in range(rng.randint(3, 15))})
    lines = [rng.choice(("## Glossary of Key Terms", "## Key Terms")), ""]
    if rng.random() < 0.3:
        lines += ["| Term | Definition |", "|---|---|"]
        lines += [f"| {term} | {_sentence(rng, 4, 10)} |" for term in terms]
    else:
        lines += [f"- **{term}:** {_sentence(rng, 4, 12)}" for term in terms]
    return [*lines, ""], len(terms)


def _briefing(rng: random.Random) -> list[str]:
    lines = ["## Executive Summary", "", " ".join(_sentence(rng) for _ in range(4)) + " [1, 3].",
             "", "## Main Themes and Key Ideas", ""]
    for theme in range(1, rng.randint(2, 4) + 1):
        lines += [f"### {theme}. The {rng.choice(WORDS).title()} Question", ""]
        lines += [f"- {_sentence(rng)} [{theme}]" for _ in range(rng.randint(2, 4))]
        lines += ["", f'> "{_sentence(rng)}" — {rng.choice(FIRST)} {rng.choice(LAST_A.split())}',
                  ""]
    lines += ["| Measure | Before | After |", "|---|---|---|"]
    lines += [f"| {rng.choice(WORDS)} | {rng.choice(LEVELS)} | {rng.choice(LEVELS)} |"
              for _ in range(3)]
    lines += ["", "## Conclusion", "", _sentence(rng, 10, 25), ""]
    return lines


def _faq(rng: random.Random, index: int) -> list[str]:
    lines = ["## Frequently Asked Questions", ""]
    for _ in range(rng.randint(2, 5)):
        lines += [f"### Q: Why did the {_words(rng, 2, 5)} change?", "",
                  f"{_sentence(rng)} The ==main {rng.choice(WORDS)}== mattered.[^{index}]", ""]
    lines += ["> [!note] Exam tip", f"> Remember the **{rng.choice(WORDS)}**.", "",
              f"![[figure-{index}.png]]", "", f"#{rng.choice(TAGS)} #{rng.choice(TAGS)}", "",
              f"[^{index}]: {_sentence(rng, 4, 10)}", ""]
    return lines


def _front_matter(rng: random.Random, index: int, title: str) -> list[str]:
    slug = f"vault-note-{index:05d}"
    form = index % 4
    if form == 0:
        data = {"dg-publish": True, "permalink": f"/history/vault/{slug}/",
                "tags": [rng.choice(TAGS)]}
        return ["---", json.dumps(data), "---", ""]
    if form == 1:
        return ["---", f'title: "{title}"', f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}]",
                f"aliases: [Note {index}]", f"permalink: /history/{slug}/", "---", ""]
    if form == 2:
        return ["\ufeff# " + title, "", _sentence(rng), ""]
    return ["---", f"title: '{title}'", "tags:", f"  - {rng.choice(TAGS)}",
            f"deck: Vault::Part {index % 7}", "---", ""]


def note_text(index: int, seed: int = 0) -> tuple[str, Planted]:
    """The Markdown text of note ``index`` and what it planted."""
    rng = random.Random(f"{seed}:{index}")
    title = f"{rng.choice(TOPICS)[4:].title()}: Study Notes {index}"
    # Most notes are short; a tail reaches 300 events and 60 people, as real vaults do.
    events = min(300, int(10 * 30 ** (rng.random() ** 2)))
    people = _people(rng, min(60, int(rng.random() ** 2 * 61)))
    base = rng.choice((rng.randint(1200, 1900), -rng.randint(300, 900)))
    lines = _front_matter(rng, index, title)
    timeline, planted_events = _timeline(rng, events, people, base)
    lines += timeline + _cast(rng, people, base)
    questions = terms = 0
    if index % 3 == 1:
        quiz, questions = _quiz(rng)
        lines += quiz
    if index % 2 == 0:
        glossary, terms = _glossary(rng)
        lines += glossary
    if index % 5 == 2:
        lines += _briefing(rng)
    if index % 4 == 3:
        lines += _faq(rng, index)
    file = f"vault-note-{index:05d}.md"
    return "\n".join(lines) + "\n", Planted(file, planted_events, len(people), questions, terms)


def _png(size: int = 16) -> bytes:
    """A small grey PNG for the notes' embeds, so the vault has pictures and no missing files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + bytes(range(0, 256, 256 // size))[:size] for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def make_vault(count: int, folder: Path, seed: int = 0) -> list[Planted]:
    """Write ``count`` notes into ``folder`` (spread over subject folders) and return their plan."""
    planted = []
    attachments = folder / "attachments"
    attachments.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        if index % 4 == 3:  # the notes with an FAQ embed a picture
            (attachments / f"figure-{index}.png").write_bytes(_png())
        text, plan = note_text(index, seed)
        sub = folder / f"part-{index % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / plan.file).write_text(text, encoding="utf-8")
        planted.append(replace(plan, file=f"{sub.name}/{plan.file}"))
    return planted


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many notes")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plan", type=Path, help="also write what was planted, as JSON")
    args = parser.parse_args(argv)
    planted = make_vault(args.count, args.folder, args.seed)
    if args.plan:
        args.plan.write_text(json.dumps([asdict(p) for p in planted], indent=1), encoding="utf-8")
    total = sum(p.events for p in planted)
    print(f"{len(planted)} notes, {total} events in {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
