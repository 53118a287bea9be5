"""ReportLab's URI pattern is compiled when first used, and then matches as ReportLab's own."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from studypress.renderers.deferred_pattern import FLAGS, OPENING, Deferred

URIS = [
    "https://example.org/a/very/long/path/that/needs/splitting/somewhere",
    "HTTP://WWW.EXAMPLE.COM/Path?q=1#frag",
    "ftp://user:pw@192.168.0.1:2121/files/",
    "https://пример.рф/страница/",
    "http://[::1]/x",
    "http://localhost:8080/",
    "https://xn--e1afmkfd.xn--p1ai/",
    "example.org/no/scheme",
    "https://-bad-.example/",
    "mailto:someone@example.org",
    "",
]


def _reportlab_pattern() -> str:
    import reportlab.platypus.paragraph as paragraph

    pattern = paragraph.uri_pat
    return pattern._source if isinstance(pattern, Deferred) else pattern.pattern


def test_reportlabs_pattern_is_the_one_deferred():
    # A ReportLab whose pattern opens otherwise is left alone: this says when that happens.
    source = _reportlab_pattern()
    assert source.startswith(OPENING)


def test_the_deferred_pattern_matches_as_the_compiled_one():
    source = _reportlab_pattern()
    real, deferred = re.compile(source, FLAGS), Deferred(source, FLAGS)
    assert not deferred.compiled
    for uri in URIS:
        got, want = deferred.match(uri), real.match(uri)
        assert (got and got.groups()) == (want and want.groups()), uri
    assert deferred.compiled and deferred.pattern == source and deferred.flags == real.flags


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_is_matched_alike(text):
    source = _reportlab_pattern()
    deferred, real = Deferred(source, FLAGS), re.compile(source, FLAGS)
    for candidate in (text, "https://" + text, "http://a.example/" + text):
        got, want = deferred.match(candidate), real.match(candidate)
        assert (got and got.group(0)) == (want and want.group(0))


def test_a_fresh_process_defers_it_until_a_uri_is_split():
    # studypress asks for no URI splitting (``uriWasteReduce``) nor hyphenation: its builds
    # never compile the pattern.
    script = textwrap.dedent("""
        import studypress.renderers
        import reportlab.platypus.paragraph as paragraph
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph
        from studypress.renderers.deferred_pattern import Deferred

        pattern = paragraph.uri_pat
        assert isinstance(pattern, Deferred), type(pattern)
        style = ParagraphStyle("s", fontName="Helvetica", fontSize=10, splitLongWords=1)
        Paragraph("Plain words that wrap as words do, many times over.", style).wrap(60, 500)
        assert not pattern.compiled
        uri = "https://example.org/" + "/".join(["segment"] * 12)
        para = Paragraph(uri, ParagraphStyle("u", parent=style, uriWasteReduce=0.3))
        para.wrap(60, 500)
        assert pattern.compiled
        lines = [" ".join(w.text if hasattr(w, "text") else w for w in line[1])
                 for line in para.blPara.lines]
        assert len(lines) > 1 and all(len(line) < len(uri) for line in lines)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_the_registry_loads_no_import_machinery_a_no_op_build_does_not_need():
    # importlib.abc loads importlib.resources and tempfile: some 15 ms of every build.
    script = ("import sys\nimport studypress.renderers\n"
              "print([m for m in ('importlib.abc', 'importlib.resources', 'reportlab')"
              " if m in sys.modules])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_copied_or_pickled_it_is_the_pattern():
    import copy
    import pickle

    source = _reportlab_pattern()
    deferred = Deferred(source, FLAGS)
    for twin in (copy.copy(deferred), copy.deepcopy(deferred),
                 pickle.loads(pickle.dumps(deferred))):
        assert isinstance(twin, re.Pattern) and twin.pattern == source
    assert not deferred.compiled


def test_a_finder_after_it_still_serves_reportlab():
    # An application bundle's own finder (a zip, a frozen tree) may serve ReportLab where the
    # path finder finds nothing: the hook must leave that finder its turn.
    script = textwrap.dedent("""
        import importlib.machinery, sys
        import studypress.renderers

        NAME = "reportlab.platypus.paragraph"
        real = importlib.machinery.PathFinder.find_spec.__func__

        class Elsewhere:
            served = []
            def find_spec(self, name, path, target=None):
                if name != NAME:
                    return None
                Elsewhere.served.append(name)
                return real(importlib.machinery.PathFinder, name, path, target)

        sys.meta_path.insert(1, Elsewhere())  # right after the hook
        importlib.machinery.PathFinder.find_spec = classmethod(
            lambda cls, name, path=None, target=None:
            None if name == NAME else real(cls, name, path, target))
        import reportlab.platypus.paragraph
        print("ok" if Elsewhere.served else "not asked")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip() == "ok", done.stdout + done.stderr
