"""Random notes, made of the pieces notes are made of mixed with arbitrary Unicode, control
characters, markup of every target format and template syntax, long lines and deep nesting,
go through every renderer: diagnostics only, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studypress import renderers
from studypress.layouts import Layouts
from studypress.model import Diagnostic
from studypress.reader import read_text
from studypress.renderers.base import RenderContext, RenderOptions

from .cases import case

PIECES = [
    "# Title\n", "## Timeline\n", "## Cast of Characters\n", "## Glossary\n", "## Quiz\n",
    "## Answer Key\n", "## FAQ\n", "---\ntags: [a, b]\n---\n", "- **1933:** event\n",
    "- **c. 509 BCE:** founding\n", "- 1920s – roaring\n", "* **Franklin D. Roosevelt** "
    "(1882–1945): president\n", "- **Term** – definition\n", "1. Question?\n", "1. Answer.\n",
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n", "> [!note] Callout\n> text\n", "```\ncode\n```\n",
    "![[map.png]]\n", "[[Wiki link|alias]]\n", "==highlight== [1]\n", "    - nested\n",
    "<b>bold</b> &amp; <script>x</script>\n", "{{ jinja }} {% if %}\n", "<para>&#0;</para>\n",
    "\x1b[31m\x07\x00\n", "\u202eevil\u200b\n", "\ud7ff\U0001f600 漢字 عربى\n",
    "- " + "deep " * 3 + "\n" + "  " * 40 + "- deepest\n", "x" * 3000 + "\n",
]

NOTES = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=25).map(
    "".join)


def _render_everything(text: str) -> list[Diagnostic]:
    note = read_text(text, "random.md", "random")
    ctx = RenderContext(RenderOptions(), Layouts(None), 1700000000)
    out = list(note.diagnostics)
    for name in renderers.names():
        renderer = renderers.load(name)
        result = renderer.render(note, ctx)
        out.extend(result.diagnostics)
        if hasattr(renderer, "render_project"):
            out.extend(renderer.render_project([note], ctx).diagnostics)
    return out


@case("random", "random notes from note pieces, arbitrary Unicode, control characters, "
      "ReportLab/HTML/Anki/Jinja markup, long lines, deep nesting, through every renderer",
      "no exception: diagnostics only (hypothesis, failing examples kept as examples)")
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(NOTES)
@example("")
@example("# <font name='x'>\n\n## Timeline\n\n- **1933:** a <br/> b & c\n")
@example("---\ntitle: \"\\x1b]0;owned\\x07\"\n---\n## Cast of Characters\n\n- **A** (1-2)\n")
def test_random_notes_give_diagnostics_not_exceptions(text):
    for d in _render_everything(text):
        assert isinstance(d, Diagnostic) and d.file and d.message
