"""``studypress watch``, driven by writing files: what a save rebuilds, with which options."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import pytest
import typer

from studypress.cli import app
from studypress.project import Overrides, build_config
from studypress.watch import Round, watch

WAIT = 20.0  # seconds at most for a round; a round normally comes well within one

NOTE = """# {title}

## Timeline

- **1933:** {title} begins.
- **1945:** {title} ends.
"""


class Watching:
    """A watch running in a thread; ``next_round`` returns its builds one by one."""

    def __init__(self, make_config) -> None:
        self.rounds: queue.Queue[Round] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch, args=(make_config, self.rounds.put),
            kwargs={"stop": self.stop, "debounce_ms": 400, "step_ms": 50}, daemon=True)
        self.thread.start()

    def next_round(self) -> Round:
        try:
            return self.rounds.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"no build within {WAIT} s")

    def quiet_for(self, seconds: float) -> bool:
        try:
            self.rounds.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=WAIT)
        assert not self.thread.is_alive()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "studypress.toml").write_text('outputs = ["model"]\n', encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "layouts").mkdir()
    for name in ("alpha", "beta"):
        (tmp_path / "source" / f"{name}.md").write_text(NOTE.format(title=name.title()),
                                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def watching(project):
    running: list[Watching] = []

    def start(**given) -> Watching:
        w = Watching(lambda: build_config(Overrides(**given)))
        running.append(w)
        return w

    yield start
    for w in running:
        w.close()


def save(path: Path, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    tmp = path.with_name(f".{path.name}.tmp")  # as editors save: write, then rename over
    tmp.write_bytes(data)
    tmp.replace(path)


def test_one_edit_rebuilds_that_note_only_with_the_options_given(project, watching):
    w = watching(only=["model", "guide"], paper="letter")
    first = w.next_round()
    assert first.error is None and sorted(first.report.built) == ["alpha", "beta"]
    save(project / "source" / "alpha.md", NOTE.format(title="Alpha changed"))
    second = w.next_round()
    assert second.changed == [project / "source" / "alpha.md"]
    assert second.report.built == ["alpha"] and second.report.unchanged == ["beta"]
    out = project / "output" / "alpha"
    assert sorted(p.name for p in out.iterdir()) == ["guide.pdf", "model.json"]
    assert b"MediaBox [ 0 0 612 792 ]" in (out / "guide.pdf").read_bytes()  # letter
    assert "Alpha changed" in (out / "model.json").read_text(encoding="utf-8")
    assert w.quiet_for(1.0), "the build's own writes must not start another build"


def test_a_broken_note_is_reported_and_the_next_good_save_builds(project, watching):
    w = watching()
    assert w.next_round().report.built
    note = project / "source" / "alpha.md"
    save(note, b"\xff\xfe\x00broken")
    broken = w.next_round()
    assert broken.report.failed
    assert any(d.file.endswith("alpha.md") and d.severity == "error"
               for d in broken.report.diagnostics)
    save(note, NOTE.format(title="Alpha mended"))
    mended = w.next_round()
    assert not mended.report.failed and mended.report.built == ["alpha"]


def test_a_layout_change_rebuilds_the_notes_that_use_it(project, watching):
    w = watching(only=["model", "deck"])
    assert w.next_round().report.built
    assert (project / "output" / "study-notes.apkg").is_file()
    save(project / "layouts" / "deck.toml", 'project_deck = "Other Deck"\n')
    changed = w.next_round()
    assert changed.error is None, changed.error
    assert sorted(changed.report.built) == ["alpha", "beta"]
    assert (project / "output" / "other-deck.apkg").is_file()
    save(project / "layouts" / "deck.toml", "project_deck = [broken\n")  # a broken layout
    broken = w.next_round()
    assert broken.error or broken.report.failed
    save(project / "layouts" / "deck.toml", 'project_deck = "Third"\n')
    assert (w.next_round().error is None
            and (project / "output" / "third.apkg").is_file())


def test_a_layout_change_rewrites_only_the_outputs_that_read_it(project, watching):
    w = watching(only=["model", "timeline"])
    assert w.next_round().report.built
    out = project / "output" / "alpha"
    model, figure = out / "model.json", out / "timeline.svg"
    before = model.stat().st_mtime_ns, figure.read_bytes()
    save(project / "layouts" / "deck.toml", 'project_deck = "Unread"\n')  # neither reads it
    assert w.next_round().report.built == []
    save(project / "layouts" / "timeline.toml", '[figure]\nmargin = 12\n')
    changed = w.next_round()
    assert changed.error is None and sorted(changed.report.built) == ["alpha", "beta"]
    assert model.stat().st_mtime_ns == before[0]  # the model reads no layout: not rewritten
    assert figure.read_bytes() != before[1]


def test_a_broken_settings_file_is_reported_and_watched(project, watching):
    w = watching()
    assert w.next_round().report.built
    save(project / "studypress.toml", 'outputs = ["modle"]\n')
    broken = w.next_round()
    assert broken.error and "studypress.toml:1: error:" in broken.error
    assert "did you mean 'model'?" in broken.error
    save(project / "studypress.toml", 'outputs = ["model", "timeline"]\n')
    fixed = w.next_round()
    assert fixed.error is None and sorted(fixed.report.built) == ["alpha", "beta"]
    assert (project / "output" / "alpha" / "timeline.svg").is_file()


LITTER = [
    ".alpha.md.swp", ".alpha.md.swx", "alpha.md.swp", "alpha.md~", ".#alpha.md", "#alpha.md#",
    "4913", "5036", "alpha.md.tmp", "alpha.TMP", "x.temp", ".~lock.alpha.odt#",
    "~$alpha.docx", "alpha.md.bak", "alpha.md.part", "alpha.md.crswap", "alpha.md.kate-swp",
    "alpha.md___jb_tmp___", "alpha.md.orig", ".DS_Store", ".goutputstream-ABC123",
]
KEPT = [
    "alpha.md", "1933.md", "1933 Recognition.md", "notes~draft.md", "swap.md", "tmp.md",
    "map.png", "deck.toml", "studypress.toml", "C# notes.md", "#tag.md", "4913.md",
]


@pytest.mark.parametrize("name", LITTER)
def test_editor_litter_is_no_change(name, tmp_path):
    from studypress.watch import is_litter

    assert is_litter(tmp_path / "source" / name, (tmp_path / "source",))


@pytest.mark.parametrize("name", KEPT)
def test_notes_layouts_and_images_are_changes(name, tmp_path):
    from studypress.watch import is_litter

    assert not is_litter(tmp_path / "source" / "history" / name, (tmp_path / "source",))


def test_a_dot_folder_below_a_watched_one_is_litter_and_above_it_is_not(tmp_path):
    from studypress.watch import is_litter

    vault = tmp_path / ".notes" / "vault"  # a project inside a dot folder still counts
    for inside in (".obsidian/workspace.json", ".obsidian/plugins/x/data.json",
                   ".trash/old.md", ".git/index", "history/.cache/a.md"):
        assert is_litter(vault / inside, (vault,)), inside
    assert not is_litter(vault / "history" / "alpha.md", (vault,))


def test_litter_saved_beside_a_note_is_not_reported_or_built(project, watching):
    w = watching()
    assert w.next_round().report.built
    source = project / "source"
    (source / ".obsidian").mkdir()
    for name in ("4913", "alpha.md~", ".#alpha.md", "alpha.md.tmp", ".~lock.alpha.md#"):
        (source / name).write_text("x", encoding="utf-8")
    (source / ".obsidian" / "workspace.json").write_text("{}", encoding="utf-8")
    assert w.quiet_for(1.5), "editor litter alone must start no build"
    save(source / "alpha.md", NOTE.format(title="Alpha again"))
    (source / "alpha.md.swp").write_text("x", encoding="utf-8")
    (source / "4913").unlink()
    (source / ".obsidian" / "workspace.json").write_text('{"a": 1}', encoding="utf-8")
    changed = w.next_round()
    assert changed.changed == [source / "alpha.md"]
    assert changed.report.built == ["alpha"]


def _options(name: str) -> set[str]:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return {opt for p in command.params for opt in p.opts}


def test_watch_takes_every_option_build_takes():
    assert _options("build") == _options("watch")


def test_the_watch_stops_when_asked(project):
    w = Watching(lambda: build_config(Overrides()))
    w.next_round()
    started = time.monotonic()
    w.close()
    assert time.monotonic() - started < 5


def test_the_command_builds_and_ends_on_ctrl_c(project):
    import os
    import signal
    import subprocess
    import sys

    from .terminal import ctrl_c_as_in_a_terminal

    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen([sys.executable, "-m", "studypress", "watch", "--only", "model"],
                            cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        deadline = time.monotonic() + WAIT
        while not (project / "output" / "beta" / "model.json").is_file():
            assert time.monotonic() < deadline and proc.poll() is None, "no first build"
            time.sleep(0.05)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert "watching source, layouts; Ctrl-C to stop" in out
    assert "built 2 notes in" in out and "Traceback" not in out
