"""The folder listings ``assets.find`` answers from give the very answers of asking the file
system for each path: same file, same refusals (links out, hidden folders, case, ``..``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypress import assets
from studypress.safepath import inside, relative


def reference_find(target: str, note_dir: Path, root: Path | None = None) -> Path | None:
    """``find`` as it was before listings: every candidate path asked of the file system."""
    name = target.split("#")[0].split("|")[0].strip()
    if not name or assets.is_url(name) or Path(name).is_absolute():
        return None
    vault = root or note_dir
    out = [p for base in (note_dir, root)
           if base is not None and (p := relative(base, name, vault)) is not None]
    if root is not None and root.is_dir():
        out.extend(Path(hit) for hit in assets._index(str(root.resolve())).get(
            Path(name).name.lower(), ()))
    return next((c for c in out if c.is_file() and inside(vault, c)), None)


@pytest.fixture(scope="module")
def tangle(tmp_path_factory) -> Path:
    """A vault with what makes finding hard: case twins, links in and out, broken links,
    folders named like files, hidden folders, a linked folder, a secret beside the vault."""
    top = tmp_path_factory.mktemp("tangle")
    root = top / "vault"
    for folder in ("notes/deep", "attachments", ".trash", "Img", "dir.png"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    files = {"notes/beside.png": b"b", "attachments/map.png": b"m", "Img/Map.PNG": b"M",
             ".trash/gone.png": b"g", "notes/deep/map.png": b"d", "attachments/a b.png": b"s",
             "notes/Case.png": b"c", "attachments/ü.png": b"u"}
    for rel, data in files.items():
        (root / rel).write_bytes(data)
    (top / "secret.png").write_bytes(b"secret")
    (root / "notes" / "out.png").symlink_to(top / "secret.png")
    (root / "attachments" / "in.png").symlink_to(root / "attachments" / "map.png")
    (root / "notes" / "broken.png").symlink_to(root / "nowhere.png")
    (root / "linked").symlink_to(root / "attachments", target_is_directory=True)
    (root / "leak").symlink_to(top, target_is_directory=True)
    (root / "notes" / "loop.png").symlink_to(root / "notes" / "loop.png")
    return root


NAMES = ["beside.png", "map.png", "Map.PNG", "Map.png", "MAP.PNG", "map.PNG", "gone.png", "out.png",
         "in.png", "broken.png", "dir.png", "secret.png", "a b.png", "case.png", "Case.png",
         "ü.png", "loop.png", "missing.png", "deep", "notes", "."]
PREFIXES = ["", "attachments/", "notes/", "../", "../../", "linked/", "leak/", ".trash/",
            "./", "notes/deep/", "Img/", "img/", "attachments\\", "../notes/"]
SUFFIXES = ["", "|300", "#page=2", " "]
DIRS = ["notes", "notes/deep", "attachments", "linked", "Img", ".trash", "."]


def _check(tangle: Path, target: str, folder: str, rooted: bool) -> None:
    note_dir = (tangle / folder) if folder != "." else tangle
    root = tangle if rooted else None
    assets.forget()
    got = assets.find(target, note_dir, root)
    assets.forget()
    assert got == reference_find(target, note_dir, root), (target, folder, rooted)


@pytest.mark.parametrize("folder", DIRS)
@pytest.mark.parametrize("rooted", [True, False])
def test_every_listed_case_matches_asking_each_path(tangle, folder, rooted):
    # one warm cache across every target as in a build, checked against a cold reference
    note_dir = (tangle / folder) if folder != "." else tangle
    root = tangle if rooted else None
    assets.forget()
    got = {f"{p}{n}{s}": assets.find(f"{p}{n}{s}", note_dir, root)
           for p in PREFIXES for n in NAMES for s in SUFFIXES}
    for target, path in got.items():
        assets.forget()
        assert path == reference_find(target, note_dir, root), target
    found = [p for p in got.values() if p is not None]
    assert found and len(found) < len(got)  # the table holds both outcomes


def test_links_out_and_hidden_folders_stay_refused(tangle):
    assets.forget()
    notes = tangle / "notes"
    assert assets.find("out.png", notes, tangle) is None
    assert assets.find("leak/secret.png", tangle, tangle) is None
    assert assets.find("gone.png", notes, tangle) is None
    assert assets.find("in.png", notes, tangle) == tangle / "attachments" / "in.png"
    assert assets.find("dir.png", notes, tangle) is None


def test_a_file_removed_after_forget_is_gone(tmp_path):
    (tmp_path / "a.png").write_bytes(b"a")
    assets.forget()
    assert assets.find("a.png", tmp_path, tmp_path) == tmp_path / "a.png"
    os.remove(tmp_path / "a.png")
    assets.forget()
    assert assets.find("a.png", tmp_path, tmp_path) is None


part = st.sampled_from(["map", "Map", "MAP", "beside", "out", "in", "broken", "dir", "deep",
                        "notes", "attachments", "linked", "leak", "..", ".", "a b", "x",
                        "ü", "Case", "case", "loop", ".trash", "gone", "Img", "img"])
ext = st.sampled_from(["", ".png", ".PNG", ".Png", ".md"])
sep = st.sampled_from(["/", "\\", "//"])


@st.composite
def targets(draw) -> str:
    steps = draw(st.lists(part, min_size=1, max_size=4))
    joined = "".join(s + draw(sep) for s in steps[:-1]) + steps[-1] + draw(ext)
    return draw(st.sampled_from(["", "/", "./"])) + joined + draw(st.sampled_from(SUFFIXES))


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=targets(), folder=st.sampled_from(DIRS), rooted=st.booleans())
def test_any_target_matches_asking_each_path(tangle, target, folder, rooted):
    _check(tangle, target, folder, rooted)


def reference_index(root: str) -> dict[str, tuple[str, ...]]:
    """``_index`` as it was made with pathlib: every path ``rglob`` gives that is a file."""
    names: dict[str, list[str]] = {}
    base = Path(root)
    for path in base.rglob("*"):
        rel = path.relative_to(base)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        names.setdefault(path.name.lower(), []).append(str(path))
    return {k: tuple(sorted(v, key=lambda p: (p.count("/"), p))) for k, v in names.items()}


def test_the_index_lists_what_rglob_finds(tangle, tmp_path):
    deeper = tmp_path / "notes" / "deep" / "er" / ".hidden"
    deeper.mkdir(parents=True)
    (deeper / "map.png").write_bytes(b"h")
    (deeper.parent / ".map.png").write_bytes(b"h")
    (deeper.parent / "Map.png").write_bytes(b"e")
    (tmp_path / "map.png").write_bytes(b"t")
    (tmp_path / "tangle").symlink_to(tangle, target_is_directory=True)
    (tmp_path / "notes" / "via.png").symlink_to(deeper.parent / "Map.png")
    assets.forget()
    for root in (tangle, tmp_path):
        got = assets._index(str(root.resolve()))
        assert got == reference_index(str(root.resolve())), root
    assert assets._index(str(tangle.resolve()))["in.png"]
    got = assets._index(str(tmp_path.resolve()))
    assert [Path(p).relative_to(tmp_path.resolve()).as_posix() for p in got["map.png"]] == [
        "map.png", "notes/deep/er/Map.png"]
    assert "via.png" in got and not any("tangle" in p for hits in got.values() for p in hits)
