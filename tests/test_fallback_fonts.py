"""Guide and handout read a fallback font setting the same way: one path or a list, relative to
the project, an unusable file a warning that lets the build go on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import studypress
from studypress import fonts
from studypress.layouts import Layouts
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import RENDERER as GUIDE
from studypress.renderers.handout import RENDERER as HANDOUT

VERA = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"


def test_fallback_list_accepts_a_path_or_a_list():
    assert fonts.fallback_list("a.ttf") == ["a.ttf"]
    assert fonts.fallback_list(["a.ttf", " ", "b.ttf"]) == ["a.ttf", "b.ttf"]
    assert fonts.fallback_list("") == [] and fonts.fallback_list(None) == []


@pytest.mark.parametrize("value", ['"Vera.ttf"', '["Vera.ttf", "missing.ttf"]'])
@pytest.mark.parametrize("renderer,name", [(GUIDE, "guide"), (HANDOUT, "handout")])
def test_both_renderers_load_relative_fonts_and_warn_on_bad_ones(seed, tmp_path, value,
                                                                 renderer, name):
    (tmp_path / "Vera.ttf").write_bytes(VERA.read_bytes())
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / f"{name}.toml").write_text(f"[fonts]\nfallback = {value}\n")
    ctx = RenderContext(RenderOptions(), Layouts(tmp_path / "layouts"), 1700000000)
    result = renderer.render(seed, ctx)
    assert result.files, "the output is still made"
    warnings = [d for d in result.diagnostics if d.code == "fallback-font"]
    if "missing" in value:
        assert len(warnings) == 1 and str(tmp_path / "missing.ttf") in warnings[0].message
        assert f"layouts/{name}.toml" in warnings[0].message
    else:
        assert warnings == []


# ------------------------------------------------------------------ every script prints

SCRIPTS_NOTE = """\
# Many scripts

## Timeline

- **221 BCE:** 秦始皇 unifies China.
- **1187:** Saladin (صلاح الدين) takes Jerusalem (ירושלים).
- **1868:** The 明治 era begins; ひらがな and カタカナ in print.
- **1917:** Лев Троцкий and Περικλῆς meet in a footnote 🎉.
- **1950:** देवनागरी script on a poster 😀.

## Cast of Characters

- **Qin Shi Huang (秦始皇; First Emperor of China, 259–210 BCE):** Unified China.
- **Saladin (صلاح الدين; Sultan, 1137–1193):** Took Jerusalem (ירושלים) in 1187.
- **Leon Trotsky (Лев Троцкий; revolutionary, 1879–1940):** Wrote about 🎉 parties.
"""


@pytest.fixture(scope="module")
def scripts_build(tmp_path_factory) -> tuple[Path, str]:
    """The note built by the command line with the machine's fonts allowed, as a user runs it;
    a second note holds a character that no font anywhere has."""
    if shutil.which("fc-match") is None:
        pytest.skip("no fontconfig on this machine: only the package's own fonts are used")
    root = tmp_path_factory.mktemp("scripts")
    (root / "source").mkdir()
    (root / "source" / "scripts.md").write_text(SCRIPTS_NOTE, encoding="utf-8")
    (root / "source" / "nofont.md").write_text(
        "# Nothing has it\n\n## Cast of Characters\n\n- **Ann (\U0010fffd; scribe):** Wrote.\n",
        encoding="utf-8")
    env = {**os.environ, "STUDYPRESS_SYSTEM_FONTS": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    run = subprocess.run([sys.executable, "-m", "studypress", "build", "source", "-o", "out",
                          "--only", "guide", "--only", "handout"], cwd=root, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return root / "out", run.stdout + run.stderr


def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.slow
@pytest.mark.parametrize("output,words", [
    ("guide.pdf", ("秦始皇", "明治", "ひらがな", "カタカナ", "Троцкий", "Περικλῆς", "🎉", "😀")),
    ("cast.pdf", ("秦始皇", "Троцкий", "🎉")),  # the cast lists people, not the timeline
])
def test_every_script_of_the_note_prints(scripts_build, output, words):
    out, messages = scripts_build
    text = _text(out / "scripts" / output)
    assert "?" not in text
    for word in words:
        assert word in text
    assert "scripts.md" not in messages, messages  # no word at all about this note


@pytest.mark.slow
def test_a_glyph_no_font_has_is_still_a_located_warning(scripts_build):
    _, messages = scripts_build
    lines = [m for m in messages.splitlines() if "nofont.md:5: warning:" in m]
    assert lines and all("U+10FFFD" in m for m in lines)


@pytest.mark.slow
def test_right_to_left_text_reads_right_to_left_inside_a_left_to_right_line(scripts_build):
    import pdfplumber

    out, _ = scripts_build
    with pdfplumber.open(out / "scripts" / "guide.pdf") as pdf:
        chars = pdf.pages[0].chars
    # the guide's own lines (the figure's labels, smaller, are the figure's to order)
    hebrew = [c for c in chars if "\u05d0" <= c["text"] <= "\u05ea" and c["size"] > 8]
    line = [c for c in chars if abs(c["top"] - hebrew[0]["top"]) < 2]
    assert hebrew, "the Hebrew word is drawn"
    yod = min((c for c in hebrew if c["text"] == "י"), key=lambda c: -c["x0"])
    assert yod["x0"] == max(c["x0"] for c in hebrew[:8]), "its first letter is rightmost"
    stop = [c for c in line if c["text"] == "." and c["x0"] > hebrew[0]["x0"]]
    assert stop and stop[-1]["x0"] > max(c["x1"] for c in hebrew) - 0.5, \
        "the full stop after it stays at the end of the sentence"


def test_a_right_to_left_phrase_is_one_run_with_its_brackets():
    chain = fonts.fallback_chain(fonts.family("serif"), False, False)
    pieces = fonts.runs("Saladin (صلاح الدين) took it.", chain)
    arabic = [run for run, font in pieces if any(fonts.is_rtl(ch) for ch in run)]
    assert arabic == ["(صلاح الدين)"]
    assert pieces[-1] == (" took it.", chain[0])


def test_shaping_is_asked_only_for_scripts_that_need_it():
    assert fonts.needs_shaping("صلاح") and fonts.needs_shaping("देवनागरी")
    assert fonts.needs_shaping("ירושלים")
    assert not fonts.needs_shaping("Leon Trotsky, Лев Троцкий, Περικλῆς, 秦始皇 😀")


def test_fontconfig_charsets_are_read_as_ranges():
    bounds = fonts._charset("20-7e a0-17f 2c7 zz")
    assert fonts._in_charset(0x41, bounds) and fonts._in_charset(0x2C7, bounds)
    assert not fonts._in_charset(0x7F, bounds) and not fonts._in_charset(0x2C8, bounds)


def test_the_machine_fonts_can_be_left_out(monkeypatch):
    monkeypatch.setenv("STUDYPRESS_SYSTEM_FONTS", "0")
    assert not fonts.system_fonts_enabled()
    monkeypatch.setenv("STUDYPRESS_SYSTEM_FONTS", "1")
    assert fonts.system_fonts_enabled()


def test_importing_the_fonts_module_loads_no_font_machinery():
    code = ("import sys, studypress.fonts; "
            "print(any(m.split('.')[0] in ('reportlab', 'uharfbuzz') for m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "False"


def test_the_figure_asks_again_when_the_machine_fonts_are_switched(monkeypatch) -> None:
    """A figure's text split into fonts is kept per setting of STUDYPRESS_SYSTEM_FONTS: a
    process that builds once without the machine's fonts and once with them does not print
    the second build's characters as '?' because the first could not draw them."""
    from studypress.figure import text

    asked: list[bool] = []
    real = text.fonts.runs

    def runs(chars, chain):
        asked.append(text.fonts.system_fonts_enabled())
        return real(chars, chain)

    monkeypatch.setattr(text.fonts, "runs", runs)
    chain = ("Helvetica",)
    sample = "\u897f\u66a6 switched fonts"
    for setting in ("0", "1", "0", "1"):
        monkeypatch.setenv("STUDYPRESS_SYSTEM_FONTS", setting)
        text._runs(sample, chain)
    assert asked == [False, True]
