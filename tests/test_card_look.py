"""The cards' CSS read as a browser would: every text colour against its background, in day
and in night mode (Anki's ``.nightMode`` / ``.night_mode``), at 4.5:1 or more (WCAG AA)."""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

tinycss2 = pytest.importorskip("tinycss2")

from studypress.layouts import Layouts  # noqa: E402
from studypress.renderers.deck import DeckConfig  # noqa: E402
from studypress.renderers.deck.notetypes import CSS_TEMPLATE, render_template  # noqa: E402

MINIMUM = 4.5
TEXT_PROPS = ("color", "fill")
BACKGROUND_PROPS = ("background", "background-color")
NIGHT_CLASSES = ("nightMode", "night_mode")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")
HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b")


@dataclass(frozen=True)
class Rule:
    selector: str
    decls: dict[str, str]


def rules(css: str) -> list[Rule]:
    """Every style rule, those inside @media too, with its declarations as text."""
    out: list[Rule] = []

    def walk(nodes) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                decls = tinycss2.parse_declaration_list(node.content, skip_comments=True,
                                                        skip_whitespace=True)
                out.append(Rule(tinycss2.serialize(node.prelude).strip(),
                                {d.name: tinycss2.serialize(d.value).strip()
                                 for d in decls if d.type == "declaration"}))
            elif node.type == "at-rule" and node.content is not None:
                walk(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                              skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_night(selector: str) -> bool:
    return all(c in selector for c in NIGHT_CLASSES)


@dataclass
class Look:
    rules: list[Rule]
    day: dict[str, str]
    night: dict[str, str]

    def palette(self, mode: str) -> dict[str, str]:
        return self.day if mode == "day" else {**self.day, **self.night}

    def resolve(self, value: str, mode: str) -> str:
        palette = self.palette(mode)
        value = VAR.sub(lambda m: palette[m.group(1)], value)
        found = HEX.search(value)
        assert found, f"no colour in {value!r}"
        return found.group()

    def background_of(self, selector: str) -> str:
        """The background a rule's text sits on: its own, that of a styled box it is inside
        (``.callout b`` sits on the callout's panel), else the card's."""
        for rule in self.rules:
            own = next((rule.decls[p] for p in BACKGROUND_PROPS if p in rule.decls), None)
            if own is None or rule.selector.startswith(".card") or is_night(rule.selector):
                continue
            if any(re.search(rf"(?<![\w-]){re.escape(s.strip())}(?![\w-])", selector)
                   for s in rule.selector.split(",")):
                return own
        return "var(--bg)"

    def pairs(self, mode: str) -> list[tuple[str, str, str, float]]:
        """(selector, text colour, background, ratio) for every rule that sets a colour."""
        out = []
        for rule in self.rules:
            if is_night(rule.selector) and mode == "day":
                continue
            text = next((rule.decls[p] for p in TEXT_PROPS if p in rule.decls), None)
            if text in ("none", "inherit", "currentColor"):  # an unfilled shape
                text = None
            has_bg = any(p in rule.decls for p in BACKGROUND_PROPS)
            if text is None and not has_bg:
                continue
            fg = self.resolve(text or "var(--text)", mode)
            bg = self.resolve(self.background_of(rule.selector), mode)
            out.append((rule.selector, fg, bg, contrast(fg, bg)))
        return out


def card_css(layouts_dir: Path | None = None) -> str:
    layouts = Layouts(layouts_dir)
    config = DeckConfig.load(layouts)
    return render_template(layouts, CSS_TEMPLATE, dict(config.template_values))


@pytest.fixture(scope="module")
def look() -> Look:
    found = rules(card_css())
    day = next(r for r in found if r.selector == ".card")
    night = next(r for r in found if is_night(r.selector))
    props = lambda r: {k: v for k, v in r.decls.items() if k.startswith("--")}  # noqa: E731
    return Look(found, props(day), props(night))


def test_the_contrast_formula_matches_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#c0392b", "#1e1e1e") < MINIMUM  # the old accent at night


def test_night_mode_redefines_every_colour(look: Look) -> None:
    assert set(look.night) == set(look.day)
    assert all(look.night[k] != look.day[k] for k in look.day)
    assert luminance(look.resolve("var(--bg)", "night")) < 0.05
    assert luminance(look.resolve("var(--text)", "night")) > 0.6


def test_colours_come_only_from_the_palette(look: Look) -> None:
    """Any colour written in a rule would escape the night-mode switch."""
    for rule in look.rules:
        if rule.selector == ".card" or is_night(rule.selector):
            continue
        for prop, value in rule.decls.items():
            if prop.startswith("--"):
                continue
            assert not HEX.search(value) and "rgb" not in value, (rule.selector, prop, value)


@pytest.mark.parametrize("mode", ["day", "night"])
def test_every_text_colour_has_enough_contrast(look: Look, mode: str) -> None:
    pairs = look.pairs(mode)
    selectors = {p[0] for p in pairs}
    # The text the issue found too faint, present and checked.
    for wanted in (".kind", ".label", ".hint, .group", ".strip text", "mark",
                   "details.more", ".callout"):
        assert wanted in selectors, wanted
    weak = [(s, fg, bg, round(r, 2)) for s, fg, bg, r in pairs if r < MINIMUM]
    assert not weak


def test_no_text_is_red(look: Look) -> None:
    """Red reads as an error; ordinary information (hints, group labels, blanks) is not one."""
    for mode in ("day", "night"):
        for selector, fg, _, _ in look.pairs(mode):
            digits = fg.lstrip("#")
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            r, g, b = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
            hue, _, sat = colorsys.rgb_to_hls(r, g, b)
            assert not (sat > 0.3 and (hue < 0.05 or hue > 0.92)), (mode, selector, fg)


def test_a_project_palette_is_checked_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "deck.toml").write_text('[style]\nnight_muted = "#555555"\n',
                                        encoding="utf-8")
    found = rules(card_css(tmp_path))
    day = next(r for r in found if r.selector == ".card")
    night = next(r for r in found if is_night(r.selector))
    grey = Look(found, {k: v for k, v in day.decls.items() if k.startswith("--")},
                {k: v for k, v in night.decls.items() if k.startswith("--")})
    weak = {s for s, _, _, r in grey.pairs("night") if r < MINIMUM}
    assert ".kind" in weak and ".label" in weak
    assert not {s for s, _, _, r in grey.pairs("day") if r < MINIMUM}


def test_cards_keep_clear_of_the_edges() -> None:
    card = next(r for r in rules(card_css()) if r.selector == ".card")
    top = card.decls["padding"].split()[0]
    assert float(top.rstrip("em")) >= 0.8
