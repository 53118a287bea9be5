"""The deck renderer's pure parts: field escaping, names and identities, the ledger, the
timeline strip and the package writer's bytes. (Imports into real Anki: test_deck_anki.py.)"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.layouts import Layouts
from studypress.model import (
    Citation,
    Code,
    Day,
    Emphasis,
    Event,
    HistoricalDate,
    Link,
    Math,
    Note,
    Person,
    Precision,
    Question,
    QuestionKind,
    Severity,
    Strong,
    Text,
    WikiLink,
)
from studypress.reader.names import telltale_names
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.deck import DeckConfig, fieldhtml, naming, notetypes, strip
from studypress.renderers.deck import ledger as ledgers
from studypress.renderers.deck.apkg import _Ids, zip_time
from studypress.renderers.deck.items import Settings, note_items
from studypress.renderers.deck.strip import strip_svg

SEED_DECK = ("Network School::Russian History::Russian History II::"
             "U.S. Recognition of the Soviet Union")


def day_date(y: int, m: int, d: int, text: str) -> HistoricalDate:
    day = Day(y, m, d)
    return HistoricalDate(text, day, day, Precision.DAY, day.iso(), text)


def range_date(y0: int, y1: int, text: str, edtf: str) -> HistoricalDate:
    return HistoricalDate(text, Day(y0, 1, 1), Day(y1, 12, 31), Precision.YEAR, edtf, text,
                          is_range=True)


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(("raw", "shown"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("{{c1::x}}", "&#123;&#123;c1::x&#125;&#125;"),
    ("[sound:x.mp3]", "&#91;sound:x.mp3&#93;"),
    ("[latex]\\x[/latex]", "&#91;latex&#93;\\x&#91;/latex&#93;"),
    ("Tom & \"Jerry\" 'n'", "Tom &amp; &quot;Jerry&quot; &#39;n&#39;"),
    ("a\x00b\x1bc", "abc"),
    ("Лев Троцкий", "Лев Троцкий"),
])
def test_escape_table(raw: str, shown: str) -> None:
    assert fieldhtml.escape(raw) == shown


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_leaves_no_markup_and_keeps_the_words(raw: str) -> None:
    out = fieldhtml.escape(raw)
    assert not set(out) & set("<>\"'[]{}")
    # Decoding gives the text back (control characters aside), so nothing is lost.
    assert html.unescape(out) == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", raw)


@pytest.mark.parametrize(("target", "kept"), [
    ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
    ("http://example.com", "http://example.com"),
    ("HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"),
    ("../notes/other.html", "../notes/other.html"),
    ("#section", "#section"),
    ("page.html", "page.html"),
    ("//cdn.example.com/x", "//cdn.example.com/x"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("\x01javascript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("vbscript:msgbox", None),
    ("file:///etc/passwd", None),
    ("mailto:a@b.c", None),
    ("\\\\evil.example/x", None),
    ("", None),
])
def test_safe_href(target: str, kept: str | None) -> None:
    assert fieldhtml.safe_href(target) == kept


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("jJaAvVsScCrRiIpPtT:\t\n /\x00\\hH"), max_size=20))
def test_safe_href_never_keeps_a_script_scheme(target: str) -> None:
    href = fieldhtml.safe_href(target)
    if href is not None:
        squeezed = re.sub(r"[\x00-\x20]", "", href).lower()
        assert not squeezed.startswith("javascript:")
        scheme = re.match(r"^([a-z][a-z0-9+.\-]*):", squeezed)
        assert scheme is None or scheme.group(1) in ("http", "https")


def test_inline_formats_rich_text_and_drops_unsafe_links() -> None:
    rich = (
        Strong((Text("Bold <b>"),)), Text(" "), Emphasis((Text("it"),)), Text(" "),
        Code("{{x}}"), Text(" "), Math("x^{2} < y"), Text(" "), Math("\\frac{a}{b}", True),
        Text(" "), Link((Text("ok"),), "https://e.com/?a=1&b=2"), Text(" "),
        Link((Text("bad"),), "javascript:alert(1)"), Text(" "),
        WikiLink("Target", (Text("label"),)), Citation(("1", "2")),
    )
    out = fieldhtml.inline(rich)
    assert "<b>Bold &lt;b&gt;</b>" in out
    assert "<i>it</i>" in out
    assert "<code>&#123;&#123;x&#125;&#125;</code>" in out
    assert r"\(x^&#123;2&#125; &lt; y\)" in out
    assert r"\[\frac&#123;a&#125;&#123;b&#125;\]" in out
    assert '<a href="https://e.com/?a=1&amp;b=2">ok</a>' in out
    assert "javascript" not in out and "bad" in out
    assert '<span class="wikilink">label</span>' in out
    assert '<sup class="cite">&#91;1, 2&#93;</sup>' in out


def test_math_reads_back_as_tex_after_html_decoding() -> None:
    out = fieldhtml.inline((Math("\\frac{a}{b} < 1"),))
    assert html.unescape(out) == "\\(\\frac{a}{b} < 1\\)"


# ------------------------------------------------------------------------------ blanks


@pytest.mark.parametrize(("name", "aliases", "text", "shown"), [
    ("Franklin D. Roosevelt", (), "Franklin D. Roosevelt met Roosevelt's aides.",
     "[…] met […]'s aides."),
    ("Franklin D. Roosevelt", (), "Franklin spoke.", "[…] spoke."),
    ("Franklin D. Roosevelt", (), "Rooseveltian ideas", "Rooseveltian ideas"),
    ("Leon Trotsky", ("Лев Троцкий",), "Лев Троцкий, i.e. Trotsky", "[…], i.e. […]"),
    ("Nicholas II", (), "Nicholas II abdicated; II is not a name",
     "[…] abdicated; II is not a name"),
    ("Charles de Gaulle", (), "de Gaulle and the Free French", "de […] and the Free French"),
    ("People's Commissariat for Foreign Affairs (Narkomindel)", (),
     "Narkomindel ran it", "[…] ran it"),
    ("Spartacus", (), "Spartacus & <friends>", "[…] & <friends>"),
])
def test_blanking_hides_names(name: str, aliases: tuple[str, ...], text: str,
                              shown: str) -> None:
    blank = fieldhtml.blanker(telltale_names(name, aliases))
    out = html.unescape(re.sub(r"<[^>]+>", "", blank(text)))
    assert out == shown


# ------------------------------------------------------------------------------ naming


@pytest.mark.parametrize(("title", "clean"), [
    ("U.S. Recognition of the Soviet Union (1917-1939)", "U.S. Recognition of the Soviet Union"),
    ("The Punic Wars (264–146 BCE)", "The Punic Wars"),
    ("The 1920s (1920s–1930s)", "The 1920s"),
    ("Battle of Austerlitz (1805)", "Battle of Austerlitz (1805)"),
    ("Notes (draft)", "Notes (draft)"),
    ("(1917-1939)", "(1917-1939)"),
])
def test_clean_title(title: str, clean: str) -> None:
    assert naming.clean_title(title) == clean


def test_seed_deck_name(seed: Note) -> None:
    assert DeckConfig.load(Layouts(None)).deck_name(seed) == SEED_DECK


def test_deck_and_guide_name_a_note_from_one_setting(seed: Note, tmp_path) -> None:
    """layouts/subjects.toml names the guide's subject line and the deck alike."""
    from studypress.renderers.guide import render_guide
    from studypress.renderers.subjects import Subjects

    from .test_guide_support import norm, page_texts

    for layouts, path in (
            (Layouts(None), "Network School › Russian History › Russian History II"),
            (None, "Network School › Lectures Quizzes and References › Russian History ›"
                   " Russian History II")):
        if layouts is None:
            (tmp_path / "subjects.toml").write_text(
                'drop = ["briefs-timelines-and-study-guides"]\n')
            layouts = Layouts(tmp_path)
        subject = Subjects.load(layouts).path(seed)
        assert " › ".join(subject) == path
        deck = DeckConfig.load(layouts).deck_name(seed)
        assert deck == "::".join(subject) + "::U.S. Recognition of the Soviet Union"
        data, _ = render_guide(seed, RenderContext(RenderOptions(), layouts, 1_700_000_000))
        assert norm(path) in norm(page_texts(data)[0])


def test_a_projects_old_deck_names_table_still_counts(seed: Note, tmp_path) -> None:
    (tmp_path / "deck.toml").write_text('[names]\ndrop = ["network-school"]\n')
    assert DeckConfig.load(Layouts(tmp_path)).deck_name(seed).startswith(
        "Lectures Quizzes and References::Briefs")
    (tmp_path / "subjects.toml").write_text("drop = []\n")  # the new file wins
    assert DeckConfig.load(Layouts(tmp_path)).deck_name(seed).startswith(
        "Network School::Lectures")


def test_deck_name_sources() -> None:
    cfg = DeckConfig.load(Layouts(None))
    note = Note(id="n", title="My Note :: Part", source="source/ancient/rome/n.md")
    assert cfg.deck_name(note) == "Ancient::Rome::My Note : Part"
    assert cfg.deck_name(replace(note, source="/home/me/vault/n.md")) == "My Note : Part"
    with_deck = replace(note, metadata=replace(note.metadata,
                                                   extra=(("deck", "History::Rome / Late"),)))
    assert cfg.deck_name(with_deck) == "History::Rome::Late"


def test_tags_are_anki_tags() -> None:
    assert naming.tags(["two words", "#hash", "nested/tag", "a", "a", " ", "x//y"]) == (
        "a", "hash", "nested::tag", "two_words", "x::y")


def test_guid_depends_on_key_only() -> None:
    assert naming.guid("n/event/1933#1") == naming.guid("n/event/1933#1")
    assert naming.guid("n/event/1933#1") != naming.guid("n/event/1933#2")
    assert re.fullmatch(r"[!-~]+", naming.guid("x"))  # printable, no spaces


def test_note_type_ids_and_fields_are_fixed() -> None:
    ids = {nt.id for nt in notetypes.NOTE_TYPES}
    assert len(ids) == len(notetypes.NOTE_TYPES)
    assert all((1 << 30) <= i < (1 << 31) for i in ids)
    changed = replace(notetypes.EVENT, fields=(*notetypes.EVENT.fields, "Extra"))
    assert changed.id != notetypes.EVENT.id  # new fields ship as a new note type
    for nt in notetypes.NOTE_TYPES:
        assert nt.fields[0] == notetypes.KEY_FIELD
        assert not set(nt.fields) & notetypes.RESERVED_FIELD_NAMES
        assert len(set(nt.fields)) == len(nt.fields)


def test_search_quote() -> None:
    assert naming.search_quote('Key:a_b*c"d\\e') == '"Key:a\\_b\\*c\\"d\\\\e"'
    assert naming.search_for_keys("studypress Event", "Key", ["a", "b"]) == (
        '"note:studypress Event" ("Key:a" OR "Key:b")')


def test_file_name() -> None:
    assert naming.file_name("Study Notes") == "study-notes"
    assert naming.file_name("History::Europe") == "history-europe"
    assert naming.file_name("../a/b:c") == "a-b-c"
    assert naming.file_name("Русская история") == "русская-история"
    assert naming.file_name("...") == "studypress"


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_file_name_stays_in_the_folder(name: str) -> None:
    value = naming.file_name(name)
    assert value and "/" not in value and "\\" not in value and value not in (".", "..")
    assert not set(value) & set('\x00:<>"|?*') and value == value.strip(" .-")


def test_the_combined_deck_name_ignores_the_working_folder(tmp_path) -> None:
    # The build used to pass the current folder's name: a checkout called "main" made a root
    # deck "main", and renaming the folder made a new deck in Anki.
    for folder in ("main", "renamed-checkout"):
        ctx = RenderContext(RenderOptions(project_name=folder), Layouts(None), 0)
        assert DeckConfig.load(ctx.layouts).project_name() == "Study Notes"
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text('project_deck = "History::Europe"\n')
    assert DeckConfig.load(Layouts(tmp_path / "layouts")).project_name() == "History::Europe"
    (tmp_path / "layouts" / "deck.toml").write_text('project_deck = " "\n')
    assert DeckConfig.load(Layouts(tmp_path / "layouts")).project_name() == "Study Notes"


# ------------------------------------------------------------------------------- items


def test_seed_items_have_unique_keys_and_same_date_hints(seed: Note) -> None:
    items, diagnostics = note_items(seed, Settings())
    assert diagnostics == []
    keys = [i.key for i in items]
    assert len(set(keys)) == len(keys)
    assert len({i.guid for i in items}) == len(items)
    events = [i for i in items if i.spec is notetypes.EVENT]
    assert len(events) == len(seed.events)
    twenties = [i for i in events if i.field("Date") == "1920s"]
    assert [i.field("Hint") for i in twenties] == ["event 1 of 2 with this date",
                                                   "event 2 of 2 with this date"]
    assert [i.key.rsplit("/", 1)[1] for i in twenties] == ["192X#1", "192X#2"]
    undated = [i for i in events if not i.field("Date")]
    assert [i.field("Group") for i in undated] == ["Post-Recognition", "Post-Recognition"]
    assert all(i.field("Group") != "1933" for i in events)  # a bare year adds nothing


def test_wording_does_not_change_identity(seed: Note) -> None:
    items, _ = note_items(seed, Settings())
    reworded = replace(seed, events=tuple(replace(e, text=(Text("Rewritten."),))
                                          for e in seed.events))
    again, _ = note_items(reworded, Settings())
    assert [i.guid for i in items] == [i.guid for i in again]
    assert items[0].content_hash() != again[0].content_hash()
    person = items[len(seed.events)]
    assert person.content_hash() == again[len(seed.events)].content_hash()


def test_block_ids_and_duplicate_names() -> None:
    d = day_date(1933, 11, 16, "November 16, 1933")
    note = Note(id="n", title="T", source="n.md",
                events=(Event(d, (Text("a"),), 3, block_id="rec"),
                        Event(d, (Text("b"),), 4)),
                people=(Person("Ann Lee", 7), Person("Ann Lee", 8)))
    items, diagnostics = note_items(note, Settings())
    assert [i.key for i in items] == ["n/event/^rec", "n/event/1933-11-16#1",
                                      "n/person/ann-lee", "n/person/ann-lee+2"]
    assert items[3].field("Key") == "n/person/ann-lee+2"
    # Two cast entries of one name: a second identity, and two cards asking "Who was Ann Lee?".
    assert [(d.code, d.line) for d in diagnostics] == [("deck-duplicate", 8),
                                                       ("deck-same-front", 8)]


def test_hostile_values_are_escaped_in_every_field() -> None:
    evil = "<script>x()</script>{{c1::y}}[sound:z.mp3]"
    note = Note(id="n", title=evil, source="n.md",
                events=(Event(day_date(1900, 1, 1, evil), (Text(evil),), 2, group=evil,
                              people=(evil,), date_note=evil),),
                people=(Person(evil, 3, role=evil, description=(Text(evil),),
                               aliases=(evil,)),))
    items, _ = note_items(note, Settings())
    for item in items:
        for value in item.values:
            assert "<script" not in value and "{{" not in value and "[sound" not in value


# ------------------------------------------------------------------------------ ledger


def _stamped(guid: str, content: str) -> ledgers.Stamped:
    return ledgers.Stamped(guid, f"k/{guid}", "studypress Event", content, "n", guid)


def test_ledger_keeps_unchanged_times_and_moves_changed_ones_strictly_forward() -> None:
    first, removed = ledgers.stamp([_stamped("a", "1"), _stamped("b", "1")], ledgers.Ledger(),
                                   1000)
    assert removed == [] and {e.mod for e in first.items.values()} == {1000}
    # The same build time again (a fixed SOURCE_DATE_EPOCH): the edit must still be newer.
    second, removed = ledgers.stamp([_stamped("a", "2"), _stamped("b", "1"),
                                     _stamped("c", "1")], first, 1000)
    assert (second.items["a"].mod, second.items["b"].mod, second.items["c"].mod) == (
        1001, 1000, 1000)
    assert second.items["a"].added == 1000
    third, removed = ledgers.stamp([_stamped("a", "2")], second, 5000)
    assert third.items["a"].mod == 1001
    assert [e.key for e in removed] == ["k/b", "k/c"]


def test_ledger_round_trip_and_bad_input() -> None:
    led, _ = ledgers.stamp([_stamped("a", "1")], ledgers.Ledger(), 7)
    led.notetypes["T"] = ledgers.TypeEntry(5, "h", 7)
    again = ledgers.parse(led.to_bytes())
    assert again == led
    assert again.to_bytes() == led.to_bytes()
    assert ledgers.parse(None) == ledgers.Ledger()
    for bad in (b"not json", b"[]", b'{"format": 99}', b'{"format": 1, "items": {"a": {}}}'):
        with pytest.raises(ledgers.LedgerError):
            ledgers.parse(bad)


def test_note_type_time_changes_only_with_its_content() -> None:
    previous = ledgers.Ledger(notetypes={"T": ledgers.TypeEntry(5, "h", 100)})
    assert ledgers.stamp_type("T", 5, "h", previous, 900).mod == 100
    assert ledgers.stamp_type("T", 5, "h2", previous, 900).mod == 900
    assert ledgers.stamp_type("T", 5, "h2", previous, 50).mod == 101


# ------------------------------------------------------------------------------- strip


def _coords(svg: str, name: str) -> list[float]:
    return [float(v) for v in re.findall(rf'\b{name}="(-?[\d.]+)"', svg)]


def test_strip_marks_a_day_as_a_point_and_a_range_as_a_bar() -> None:
    dates = [day_date(1917, 12, 1, "1917"), range_date(1920, 1929, "1920s", "192X"),
             day_date(1941, 6, 22, "1941")]
    point = strip_svg(dates[0], dates, "label & <more>")
    assert '<circle class="here"' in point and "<rect" not in point
    assert "label &amp; &lt;more&gt;" in point
    bar = strip_svg(dates[1], dates, "x")
    rect = re.search(r'<rect class="here" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', bar)
    assert rect is not None
    x, w = float(rect.group(1)), float(rect.group(2))
    # 1920–1929 of 1917–1941: the bar starts about 2/24 of the way along and is ~10/24 long.
    pad, span = strip.PAD, strip.WIDTH - 2 * strip.PAD
    assert pad + span * 2 / 24 - 2 < x < pad + span * 2.2 / 24
    assert span * 9.5 / 24 < w < span * 10.5 / 24
    for svg in (point, bar):
        xs = _coords(svg, "x") + _coords(svg, "x1") + _coords(svg, "x2") + _coords(svg, "cx")
        assert min(xs) >= 0 and max(xs) <= strip.WIDTH
    # Labelled ticks every five years, and the event's own date at its mark.
    ticks = re.findall(r'<text class="tick" x="([\d.]+)"[^>]*>([^<]+)<', point)
    assert [label for _, label in ticks] == ["1920", "1925", "1930", "1935", "1940"]
    assert '<text class="this"' in point and ">1917<" in point
    own = re.search(r'<text class="this" x="([\d.]+)"', bar)
    assert own is not None and x < float(own.group(1)) < x + w


def test_strip_last_date_ends_at_the_axis_end() -> None:
    dates = [range_date(1905, 1906, "1905–1906", "1905/1906"),
             range_date(1936, 1938, "1936–1938", "1936/1938")]
    rect = re.search(r'<rect class="here" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"',
                     strip_svg(dates[1], dates, "x"))
    assert rect is not None
    assert float(rect.group(1)) + float(rect.group(2)) == pytest.approx(
        strip.WIDTH - strip.PAD, abs=0.05)


def test_strip_with_bce_dates_and_a_single_event() -> None:
    caesar = day_date(-44, 3, 15, "March 15, 44 BCE")
    alone = strip_svg(caesar, [caesar], "x")
    assert ">44 BCE<" in alone.replace("Jan ", "") and ">43 BCE<" in alone.replace("Jan ", "")
    around_zero = strip_svg(day_date(-1, 6, 1, "1 BCE"), [day_date(-1, 6, 1, "1 BCE")], "x")
    assert ">Jan 1 BCE<" in around_zero
    assert ">Jan 1 CE<" in around_zero  # an axis from BCE says CE
    xs = _coords(alone, "cx")
    assert xs and abs(xs[0] - strip.WIDTH / 2) < 10  # alone in the middle of its padded axis


# ----------------------------------------------------------------------------- package


def test_zip_time_is_valid_for_any_epoch() -> None:
    assert zip_time(0) == (1980, 1, 1, 0, 0, 0)
    assert zip_time(1700000001)[0] == 2023
    assert zip_time(1700000001)[5] % 2 == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from("abcdefgh")), max_size=60))
def test_ids_are_the_first_free_id_from_the_items_start(takes) -> None:
    ids, taken = _Ids(), set()
    for seconds, salt in takes:
        got = ids.take(seconds, salt)
        # The first id at or after the start that no earlier item took.
        start = _Ids().take(seconds, salt)
        fresh = start
        while fresh in taken:
            fresh += 1
        assert got == fresh
        taken.add(got)


def test_ids_of_many_items_of_one_build_stay_apart() -> None:
    ids = _Ids()
    got = [ids.take(1700000000, "same") for _ in range(5000)]
    assert got == list(range(got[0], got[0] + 5000))


def test_templates_render_from_layouts_and_keep_anki_syntax() -> None:
    cfg = DeckConfig.load(Layouts(None))
    for nt in notetypes.NOTE_TYPES:
        rendered = notetypes.render_note_type(nt, Layouts(None), dict(cfg.template_values))
        assert len(rendered.templates) == len(nt.cards)
        for _, front, back in rendered.templates:
            # A cloze back shows the text again with its part revealed, not the front.
            assert "{{" in front and ("{{cloze:Text}}" if nt.cloze else "{{FrontSide}}") in back
            assert "[[" not in front + back and "[%" not in front + back
            for ref in re.findall(r"\{\{[#^/]?(?:cloze:)?([^}]+)\}\}", front + back):
                assert ref in nt.fields or ref == "FrontSide", ref
        assert "font-family" in rendered.css and "[[" not in rendered.css


def test_project_template_override_and_broken_template(tmp_path) -> None:
    (tmp_path / "anki" / "term").mkdir(parents=True)
    (tmp_path / "anki" / "term" / "term-definition.front.html").write_text(
        "<p>Mine: {{Term}} [[ labels.define ]]</p>")
    layouts = Layouts(tmp_path)
    values = dict(DeckConfig.load(layouts).template_values)
    rendered = notetypes.render_note_type(notetypes.TERM, layouts, values)
    assert rendered.templates[0][1] == "<p>Mine: {{Term}} Define:</p>\n"
    (tmp_path / "anki" / "term" / "term-definition.front.html").write_text("[% if %]")
    from studypress.layouts import LayoutError
    with pytest.raises(LayoutError, match=r"term-definition\.front\.html:1"):
        notetypes.render_note_type(notetypes.TERM, Layouts(tmp_path), values)


def test_labels_cannot_inject_template_syntax(tmp_path) -> None:
    (tmp_path / "deck.toml").write_text(
        '[labels]\nwhen = "{{Deck}} <b>"\n[style]\ntext = "red;} body{x:y</style>"\n')
    layouts = Layouts(tmp_path)
    values = dict(DeckConfig.load(layouts).template_values)
    rendered = notetypes.render_note_type(notetypes.EVENT, layouts, values)
    front = rendered.templates[1][1]
    assert "{{Deck}}" not in front and "&#123;&#123;Deck&#125;&#125; &lt;b&gt;" in front
    assert "</style>" not in rendered.css and "red body" in rendered.css


def test_package_bytes_are_a_valid_zip_with_fixed_members(seed: Note) -> None:
    from studypress.renderers.deck import DeckRenderer

    ctx = RenderContext(RenderOptions(), Layouts(None), 1700000000)
    one = DeckRenderer().render(seed, ctx)
    two = DeckRenderer().render(seed, ctx)
    assert [(o.path, o.data) for o in one.files] == [(o.path, o.data) for o in two.files]
    data = dict((o.path, o.data) for o in one.files)["deck.apkg"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ["collection.anki2", "media"]
        assert {i.date_time for i in z.infolist()} == {zip_time(1700000000)}
        assert z.read("media") == b"{}"


def test_settings_essay_cards_and_context_changes(tmp_path) -> None:
    from studypress.reader import read_note

    from .conftest import NOTES

    guide = read_note(NOTES / "russian-history-ii-us-recognition-study-guide.md", "g.md")
    plain = DeckConfig.load(Layouts(tmp_path))
    (tmp_path / "deck.toml").write_text("essay_cards = true\nchanges_include_context = true\n")
    custom = DeckConfig.load(Layouts(tmp_path))
    assert (plain.settings.essay_cards, custom.settings.essay_cards) == (False, True)
    without, _ = note_items(guide, plain.settings)
    with_essays, _ = note_items(guide, custom.settings)
    essays = [i for i in with_essays if "/essay/" in i.key]
    assert len(essays) == 5 and len(with_essays) == len(without) + 5
    assert all("studypress::essay" in i.tags for i in essays)
    assert essays[0].field("Answer") == "" and essays[0].field("Kind") == "Essay question"
    # Context-only changes count as edits only when asked.
    seed_items, _ = note_items(read_note(NOTES / "russian-history-ii-us-recognition-of-"
                                         "soviet-union-timeline.md", "s.md"), plain.settings)
    item = seed_items[0]
    moved = replace(item, values=tuple(v + "x" if n == "Context" else v
                                       for n, v in zip(item.spec.fields, item.values,
                                                       strict=True)))
    assert moved.content_hash() == item.content_hash()
    assert moved.content_hash(include_derived=True) != item.content_hash(include_derived=True)


def test_a_quiz_question_without_an_answer_gets_no_card_unless_asked(tmp_path) -> None:
    from studypress.reader import read_text
    from studypress.renderers.deck import RENDERER

    note = Note(id="n", title="T", source="n.md", questions=(
        Question(1, (Text("Who?"),), 10, answer=(Text("Ann."),), answer_line=30),
        Question(2, (Text("When?"),), 11),
        Question(3, (Text("Why?"),), 12, answer=()),
        Question(4, (Text("Discuss."),), 20, kind=QuestionKind.ESSAY)))
    items, diagnostics = note_items(note, Settings())
    assert [i.key for i in items] == ["n/question/1"]
    assert all(i.field("Answer") for i in items)
    assert [(d.severity, d.code, d.line) for d in diagnostics] == [
        (Severity.INFO, "deck-unanswered", 11), (Severity.INFO, "deck-unanswered", 12)]
    assert diagnostics[0].format().startswith("n.md:11: info: quiz question 2 has no answer")
    (tmp_path / "deck.toml").write_text("unanswered_cards = true\n")
    asked = DeckConfig.load(Layouts(tmp_path)).settings
    items, diagnostics = note_items(note, asked)
    assert [i.key for i in items] == ["n/question/1", "n/question/2", "n/question/3"]
    assert [d.line for d in diagnostics] == [11, 12]
    # A note read from Markdown, through the renderer: the unanswered question is reported.
    read = read_text("# Quiz\n\n## Quiz\n\n1. Who signed?\n2. When?\n\n## Answer Key\n\n"
                     "1. Litvinov.\n", "q.md", "q")
    result = RENDERER.render(read, RenderContext(RenderOptions(), Layouts(None), 1_700_000_000))
    assert [(d.code, d.line) for d in result.diagnostics] == [("deck-unanswered", 6)]


@pytest.mark.parametrize(("count", "said"), [
    (1, "1 item removed from the note since the last build stays in Anki"),
    (2, "2 items removed from the note since the last build stay in Anki"),
    (7, "7 items removed from the note since the last build stay in Anki"),
])
def test_the_removal_report_agrees_with_its_count(count: int, said: str) -> None:
    from studypress.renderers.deck import removed_message

    entries = [ledgers.Entry(f"n/term/t{i}", "studypress Term", "h", 1, 1, "n", f"Term t{i}")
               for i in range(count)]
    message = removed_message("n.md", entries, "removed from the note since the last build",
                              "Key:n/*")
    assert message.startswith(f"n.md: deck: {said}, since importing never deletes (Term t0")
    assert ("delete it," if count == 1 else "delete them,") in message
    assert ("and 2 more" in message) == (count == 7)
