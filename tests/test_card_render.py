"""Cards laid out by a real browser engine: the example notes' deck imported into Anki, each
card template's back (question and answer as Anki renders them, with the note type's CSS)
opened in headless Chromium on a phone (390 px) and a desktop window (800 px), by day and by
night. A script in the page measures what a student would see and writes it into the DOM,
which ``--dump-dom`` reads back."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import CORPUS

pytestmark = pytest.mark.slow

anki_collection = pytest.importorskip("anki.collection")

from .test_deck_anki import PROJECT_FILE, build_decks, import_apkg  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = (390, 800)
MODES = {"day": "card", "night": "card nightMode night_mode"}

# Runs in the outer page once every card's frame has loaded: for each frame, whether its
# content is wider than the frame, and the font sizes of the answer and of everything else
# that shows text on the back.
MEASURE = """
<script>
window.addEventListener("load", () => {
  const out = [];
  for (const frame of document.querySelectorAll("iframe")) {
    const doc = frame.contentDocument, win = frame.contentWindow;
    for (const d of doc.querySelectorAll("details")) d.open = true;
    const answer = doc.querySelector(".answer");
    const size = el => parseFloat(win.getComputedStyle(el).fontSize);
    let other = 0, otherWhat = "";
    for (const el of doc.body.querySelectorAll("*")) {
      if (answer.contains(el) || !el.getClientRects().length) continue;
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (own && size(el) > other) { other = size(el); otherWhat = el.className || el.tagName; }
    }
    out.push({card: frame.id, frameWidth: frame.clientWidth,
              scrollWidth: doc.documentElement.scrollWidth,
              answer: answer ? size(answer) : 0, other, otherWhat,
              top: answer ? doc.body.getBoundingClientRect().top : 0,
              firstText: doc.querySelector(".kind").getBoundingClientRect().top});
  }
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    """Headless Chromium as root in a container allows it: no sandbox, no GPU, no network
    chatter, a fresh profile."""
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False)


def page(cards: dict[str, str], body_class: str, width: int) -> str:
    """One page holding every card's back in a frame as wide as the window."""
    frames = "".join(
        f'<iframe id="{html.escape(name)}" style="display:block;border:0;width:{width}px;'
        f'height:900px" srcdoc="{html.escape(doc(answer, body_class))}"></iframe>'
        for name, answer in cards.items())
    return (f'<!doctype html><html><head><meta charset="utf-8"><style>body{{margin:0}}'
            f"</style></head><body>{frames}{MEASURE}</body></html>")


def doc(answer: str, body_class: str) -> str:
    """A card's back as Anki shows it: the note type's CSS and the HTML in a body of class
    ``card`` (and the night-mode classes at night)."""
    return (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width"></head>'
            f'<body class="{body_class}">{answer}</body></html>')


@pytest.fixture(scope="module")
def backs(tmp_path_factory) -> dict[str, str]:
    """Each card template's back with the longest answer, as Anki renders it."""
    base = tmp_path_factory.mktemp("render")
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir()
    project.mkdir()
    for path in CORPUS:
        shutil.copy(path, src / path.name)
    build_decks(src, out, project)
    col = anki_collection.Collection(str(base / "collection.anki2"))
    try:
        import_apkg(col, out / PROJECT_FILE)
        chosen: dict[str, str] = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            name = re.sub(r"\W+", "-", card.template()["name"]).strip("-")
            answer = card.answer()
            if len(answer) > len(chosen.get(name, "")):
                chosen[name] = answer
    finally:
        col.close()
    return chosen


@pytest.fixture(scope="module")
def measured(backs, tmp_path_factory) -> dict[tuple[str, int], list[dict]]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make system-deps installs Debian's chromium)")
    base = tmp_path_factory.mktemp("chromium")
    out = {}
    for mode, body_class in MODES.items():
        for width in WIDTHS:
            target = base / f"{mode}-{width}.html"
            target.write_text(page(backs, body_class, width), encoding="utf-8")
            run = chromium([f"--window-size={width},900", "--virtual-time-budget=5000",
                            "--dump-dom", target.as_uri()], base / f"profile-{mode}-{width}")
            found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.S)
            assert found, run.stderr[-2000:]
            out[(mode, width)] = json.loads(html.unescape(found.group(1)))
    return out


def test_every_template_is_measured(backs, measured) -> None:
    assert len(backs) == 7  # two cards for events, people and terms, one for questions
    for rows in measured.values():
        assert {r["card"] for r in rows} == set(backs)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_card_is_wider_than_the_screen(measured, mode: str, width: int) -> None:
    rows = measured[(mode, width)]
    assert all(r["frameWidth"] == width for r in rows)
    wide = [(r["card"], r["scrollWidth"]) for r in rows if r["scrollWidth"] > r["frameWidth"]]
    assert not wide


@pytest.mark.parametrize("width", WIDTHS)
def test_the_answer_is_the_largest_text_on_the_back(measured, width: int) -> None:
    for row in measured[("day", width)]:
        assert row["answer"] > row["other"], row


@pytest.mark.parametrize("width", WIDTHS)
def test_cards_keep_clear_of_the_top_edge(measured, width: int) -> None:
    for row in measured[("day", width)]:
        assert row["firstText"] - row["top"] >= 12, row


def test_screenshots_show_something(backs, tmp_path) -> None:
    """A screenshot of one back per size and mode: Chromium paints the card (the file is
    there and not blank)."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make system-deps installs Debian's chromium)")
    answer = max(backs.values(), key=len)
    for mode, body_class in MODES.items():
        for width in WIDTHS:
            target = tmp_path / f"{mode}-{width}.html"
            target.write_text(doc(answer, body_class), encoding="utf-8")
            shot = tmp_path / f"{mode}-{width}.png"
            chromium([f"--window-size={width},800", f"--screenshot={shot}", target.as_uri()],
                     tmp_path / f"profile-{mode}-{width}")
            assert shot.exists() and shot.stat().st_size > 2000, (mode, width)
