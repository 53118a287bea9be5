"""The pieces a build that has nothing to do runs through, made cheaper: each must still say
exactly what it said before."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import pickle
import random
import shutil
from pathlib import Path

import pytest

from studypress import settings
from studypress.build import memo
from studypress.build.inputs import _glob


def test_the_code_stamp_lists_every_module_as_a_walk_of_the_package_does(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub" / "deeper").mkdir(parents=True)
    (pkg / "__pycache__").mkdir()
    for rel in ("a.py", "sub/b.py", "sub/deeper/c.py", "notes.txt", "__pycache__/a.pyc"):
        (pkg / rel).write_text(rel, encoding="utf-8")
    (pkg / "odd.py").mkdir()  # a folder named like a module is entered, not stamped
    (pkg / "odd.py" / "d.py").write_text("d", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "e.py").write_text("e", encoding="utf-8")
    os.symlink(outside, pkg / "linked")  # not entered, as os.walk does not
    os.symlink(pkg / "a.py", pkg / "alias.py")  # a module linked to is stamped
    found: list[str] = []
    memo._module_stamps(str(pkg), "", found)
    walked = []
    for folder, _, files in os.walk(pkg):
        for name in files:
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                rel = Path(os.path.relpath(os.path.join(folder, name), pkg)).as_posix()
                walked.append(f"\0{rel}\0{st.st_size}\0{st.st_mtime_ns}")
    assert sorted(found) == sorted(walked)
    assert {line.split("\0")[1] for line in found} == {
        "a.py", "alias.py", "sub/b.py", "sub/deeper/c.py", "odd.py/d.py"}


def test_a_changed_module_changes_the_code_stamp(tmp_path, monkeypatch):
    pkg = tmp_path / "studypress"
    shutil.copytree(Path(memo.__file__).parents[1], pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "_layouts"))
    monkeypatch.setattr(memo, "_PACKAGE", pkg)
    memo.code_stamp.cache_clear()
    try:
        before = memo.code_stamp()
        module = pkg / "build" / "read.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        memo.code_stamp.cache_clear()
        assert memo.code_stamp() != before
    finally:
        memo.code_stamp.cache_clear()


def test_layout_patterns_match_as_fnmatch_matches_them():
    rng = random.Random(15)
    letters = "ab./"
    names = ["lang/en.toml", "lang/x/y.toml", "README", "README.md", "timeline.toml", ""]
    names += ["".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
              for _ in range(1500)]
    patterns = ["timeline.toml", "lang/*.toml", "*.md", "README*", "*", "**", "a*b*a", "",
                "[ab]*", "?.md"]
    patterns += ["".join(rng.choice(letters + "**") for _ in range(rng.randint(0, 6)))
                 for _ in range(200)]
    assert [(n, p) for n in names for p in patterns
            if _glob(n, p) != fnmatch.fnmatchcase(n, p)] == []


def test_kinds_and_specs_are_frozen_values():
    number = settings.Number(5, 80)
    assert number == settings.Number(low=5, high=80) != settings.Number(5, 81)
    assert number != settings.Integer(5, 80)  # of another kind
    assert len({number, settings.Number(5, 80), settings.Integer(5, 80)}) == 2
    assert repr(number) == "Number(low=5, high=80)"
    assert repr(settings.FONT_PATHS) == ("FontPaths(of=Text(), what='font paths', one=True, "
                                         "blank=False)")
    assert settings.Strings().of == settings.Text() and settings.Table().of == settings.Text()
    spec = settings.Spec("page.margin_top", number)
    assert spec == settings.Spec("page.margin_top", settings.Number(5, 80))
    assert hash(spec) == hash(settings.Spec("page.margin_top", settings.Number(5, 80)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        number.low = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del spec.key
    copied = pickle.loads(pickle.dumps(settings.Keyed(settings.Flag(), ("a", "b"))))
    assert copied == settings.Keyed(settings.Flag(), ("a", "b"))
    assert settings.Choice(("a", "b")).convert("a") == "a"
    assert settings.Pattern(r"#[0-9]{2}", '"#12"').check("#1") is settings._Invalid


def test_a_source_compares_and_shows_its_fields():
    one = settings.Source("guide", {"a": 1})
    assert one == settings.Source("guide", {"a": 1}, {}, {}) != settings.Source("deck")
    assert repr(settings.Source("deck")) == "Source(name='deck', data={}, origins={}, lines={})"
    assert settings.Source("x").data is not settings.Source("x").data
    with pytest.raises(TypeError):
        hash(one)


def _matched_by_fnmatch(name: str, patterns: tuple[str, ...]) -> bool:
    """How a layout file was matched before: each pattern through fnmatch."""
    return any("#" not in p and ((p.endswith("/**") and name.startswith(p[:-2]))
                                 or fnmatch.fnmatchcase(name, p)) for p in patterns)


def test_layout_files_count_for_the_outputs_they_did():
    from studypress.build import inputs
    from studypress.layouts import default_dir

    names = [p.relative_to(default_dir()).as_posix() for p in default_dir().rglob("*")
             if p.is_file()]
    names += ["anki/x", "anki", "lang/en.toml", "lang/x/y.toml", "README.txt", "own.toml",
              "notes.md", "limits.toml", "deck.toml#cards"]
    asked = [inputs.DOCS, inputs._CLAIMED, inputs.EVERY, ("own.toml", "x*", "deck.toml#names"),
             *((*ps, *inputs.EVERY) for ps in inputs.READS.values())]
    assert len(names) > 20
    assert [(n, a) for n in names for a in asked
            if inputs._matches(n, a) != _matched_by_fnmatch(n, tuple(a))] == []
