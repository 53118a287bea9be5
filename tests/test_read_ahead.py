"""Many notes to parse are parsed in worker processes: the notes, their diagnostics, what the
memo keeps and every output are those of reading them one after another here."""

from __future__ import annotations

import shutil
from pathlib import Path

from studypress.build import BuildConfig, build
from studypress.build import read as read_module
from studypress.build.memo import MEMO_NAME, Memo

NOTES = Path(__file__).parent / "notes"


def _vault(root: Path) -> Path:
    source = root / "source"
    source.mkdir()
    for path in [*sorted(NOTES.glob("*.md")), *sorted((NOTES / "lang").glob("*.md"))[:6]]:
        shutil.copy(path, source / path.name)
    for i in range(read_module.AHEAD_MIN):  # enough notes to parse in workers
        (source / f"made-{i}.md").write_text(
            f"# Made {i}\n\n## Timeline\n\n- **19{i:02}:** Ada Lovelace writes note {i}.\n"
            f"- **c. 18{i:02}** – a fuzzy date\n\n## Cast of Characters\n\n"
            f"- **Ada Lovelace** (1815–1852): writes the notes\n", encoding="utf-8")
    (source / "attachments").mkdir()
    (source / "attachments" / "map.png").write_bytes(
        (Path(__file__).parent / "assets" / "map.png").read_bytes()
        if (Path(__file__).parent / "assets" / "map.png").exists() else b"\x89PNG\r\n\x1a\n")
    (source / "embeds.md").write_text("# Embeds\n\n![[map.png]] and ![[missing.png]]\n\n"
                                      "## Timeline\n\n- **1950:** War breaks out.\n",
                                      encoding="utf-8")
    (source / "bad.md").write_bytes(b"# Bad\n\n\xff\xfe\x00 not text \x00\x00\n")
    sub = source / "again"
    sub.mkdir()
    (sub / "embeds.md").write_text("# Same id\n\nA second note of the same name.\n",
                                   encoding="utf-8")
    return source


def test_notes_parsed_in_workers_are_the_notes_read_here(tmp_path, monkeypatch) -> None:
    source = _vault(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    ahead: list[int] = []
    real = read_module._parse_ahead

    def counting(*args, **kw):
        got = real(*args, **kw)
        ahead.append(len(got))
        return got

    monkeypatch.setattr(read_module, "_parse_ahead", counting)
    reports, files, memos = {}, {}, {}
    for jobs in (1, 2):
        (tmp_path / "studypress.lock").unlink(missing_ok=True)
        out = tmp_path / f"out-{jobs}"
        reports[jobs] = build(BuildConfig(paths=[source], output=out, project_dir=tmp_path,
                                          jobs=jobs, renderers=["model", "deck"]))
        files[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                       if p.is_file() and not p.name.startswith(".studypress-")}
        memo = Memo.load(out)
        memos[jobs] = {Path(k).relative_to(tmp_path): (e.digest, e.asked, e.brief)
                       for k, e in memo.kept.items()}
    assert ahead[0] == 0 and ahead[1] >= read_module.AHEAD_MIN  # parsed in workers
    one, two = reports[1], reports[2]
    assert [(d.code, d.file, d.line, d.message) for d in one.diagnostics] == \
        [(d.code, d.file, d.line, d.message) for d in two.diagnostics]
    assert any(d.code == "duplicate-id" for d in one.diagnostics)
    assert any(d.file and d.file.endswith("bad.md") for d in one.diagnostics)
    assert one.built == two.built
    assert files[1] == files[2]
    assert memos[1] == memos[2]
    assert any(asked for _, asked, _ in memos[2].values())  # embeds asked about, kept
    assert (tmp_path / "out-2" / MEMO_NAME).is_file()


def test_notes_parsed_in_workers_are_let_go_once_released(tmp_path) -> None:
    """Nothing the reading kept holds a note the memo has packed."""
    import gc

    from studypress.build.discover import discover_all
    from studypress.build.read import read_sources
    from studypress.model import Note

    source = _vault(tmp_path)
    memo = Memo(tmp_path / "out" / MEMO_NAME)
    read = read_sources(discover_all([source]).files, None, memo, workers=2)
    assert len(read.notes) > read_module.AHEAD_MIN
    memo.release()
    for note in read.notes:
        note.forget()
    gc.collect()
    mine = {n.file.display for n in read.notes}
    assert not [o for o in gc.get_objects() if isinstance(o, Note) and o.source in mine]
    assert read.notes[0].note.source in mine  # and each loads again when asked for


def test_one_pool_started_before_the_notes_are_read_parses_and_renders_them(
        tmp_path, monkeypatch) -> None:
    """The build's workers fork before this process holds the notes, and the same ones
    render them; none is left once the build is done."""
    import os

    from studypress import renderers
    from studypress.build import workers

    monkeypatch.setitem(renderers.REGISTRY, "pid", "tests.test_kept_workers")
    source = _vault(tmp_path)
    monkeypatch.chdir(tmp_path)
    read: list[str] = []
    real_read = read_module.read_file
    monkeypatch.setattr(read_module, "read_file",
                        lambda f, *a: read.append(f.display) or real_read(f, *a))
    started: list[tuple[int, list]] = []  # notes read by then, the workers' processes
    real_init = workers.Pool.__init__

    def init(self, *args, **kw) -> None:
        real_init(self, *args, **kw)
        started.append((len(read), [w.process for w in self._workers]))

    monkeypatch.setattr(workers.Pool, "__init__", init)
    report = build(BuildConfig(paths=[source], output=tmp_path / "out", project_dir=tmp_path,
                               jobs=2, renderers=["pid"]))
    assert len(report.built) > read_module.AHEAD_MIN
    assert [(before, len(processes)) for before, processes in started] == [(0, 2)]
    pids = {p.read_text() for p in (tmp_path / "out").glob("*/pid.txt")}
    assert pids == {str(p.pid) for p in started[0][1]} and str(os.getpid()) not in pids
    assert not any(p.is_alive() for p in started[0][1])
