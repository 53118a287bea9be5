"""One command at a time in an output folder: a build or ``clean`` started while another
writes into the same folder waits for it, says so, and then does its whole work."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import studypress
from studypress.build import folder_lock
from studypress.build.folder_lock import held, waiting_message

from .terminal import ctrl_c_as_in_a_terminal

WAIT = 60
NOTE = "# Alpha\n\n## Timeline\n\n- **1917:** the revolution\n- **1922:** the union\n"


def _free(folder: Path) -> bool:
    """Whether another command could take the folder now (a description of its own)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


class _Holder:
    """``held`` in a thread of its own, entered and left when the test says."""

    def __init__(self, folder: Path, **kw: object) -> None:
        self.told: list[str] = []
        self.entered, self.leave = threading.Event(), threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(folder, kw), daemon=True)
        self.thread.start()

    def _run(self, folder: Path, kw: dict) -> None:
        try:
            with held(folder, self.told.append, **kw):
                self.entered.set()
                self.leave.wait(WAIT)
        except BaseException as exc:  # reported by the test
            self.error = exc

    def done(self) -> None:
        self.leave.set()
        self.thread.join(WAIT)
        assert self.error is None


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_a_second_holder_waits_for_the_first_and_is_told_once(tmp_path):
    out = tmp_path / "out"
    first = _Holder(out)
    assert first.entered.wait(WAIT) and out.is_dir() and not first.told
    second = _Holder(out)
    _until(lambda: second.told, "the second holder was not told it waits")
    time.sleep(0.2)
    assert not second.entered.is_set()
    assert second.told == [waiting_message(out)]
    first.done()
    assert second.entered.wait(WAIT)
    assert not _free(out)
    second.done()
    assert _free(out) and second.told == [waiting_message(out)]


def test_the_folder_is_let_go_when_the_block_raises(tmp_path):
    with pytest.raises(RuntimeError), held(tmp_path):
        assert not _free(tmp_path)
        raise RuntimeError
    assert _free(tmp_path)


def test_a_forked_copy_does_not_keep_the_folder_held(tmp_path):
    """A worker forked inside the block shares the lock; leaving the block lets go of it."""
    with held(tmp_path):
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only waits
            time.sleep(3)
            os._exit(0)
    try:
        assert _free(tmp_path)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def test_a_missing_folder_is_made_to_be_held_or_left_missing(tmp_path):
    with held(tmp_path / "a" / "b"):
        assert not _free(tmp_path / "a" / "b")
    with held(tmp_path / "c", create=False):
        pass
    assert not (tmp_path / "c").exists()


def test_a_folder_removed_while_waiting_is_held_as_it_is_now(tmp_path):
    """``clean`` removes an emptied output folder while a build waits for it: the build holds
    the folder made again in its place, not the one that went."""
    out = tmp_path / "out"
    first = _Holder(out)
    assert first.entered.wait(WAIT)
    second = _Holder(out)
    _until(lambda: second.told, "not waiting")
    out.rename(tmp_path / "gone")
    first.done()
    assert second.entered.wait(WAIT)
    assert out.is_dir() and not _free(out) and _free(tmp_path / "gone")
    second.done()
    assert second.told == [waiting_message(out)]


def test_where_the_system_cannot_lock_the_command_runs_as_before(tmp_path, monkeypatch):
    def no_locks(fd: int, how: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(folder_lock.fcntl, "flock", no_locks)
    told: list[str] = []
    with held(tmp_path, told.append):
        pass
    assert not told


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
            "PYTHONPATH": str(Path(studypress.__file__).parents[1])}


@contextlib.contextmanager
def _running(proc: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """The command, killed if the test ends before it does."""
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "studypress", *args], cwd=project,
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=ctrl_c_as_in_a_terminal)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "alpha.md").write_text(NOTE, encoding="utf-8")
    return tmp_path


def _built(project: Path) -> Path:
    """The project built once (its model only); its output folder."""
    built = subprocess.run([sys.executable, "-m", "studypress", "build", "--only", "model"],
                           cwd=project, env=_env(), capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return project / "output"


def _told(proc: subprocess.Popen, path: Path) -> None:
    """Wait until the command says it waits (its stderr is a pipe: read as it comes)."""
    line = proc.stderr.readline()
    assert line.strip() == waiting_message(path), line + proc.stderr.read()


def test_a_build_waits_for_the_command_writing_into_its_folder(project):
    out = project / "output"
    holder = _Holder(out)
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "build", "--only", "model", "-j", "1")) as proc:
        _told(proc, Path("output"))
        time.sleep(0.5)
        assert proc.poll() is None and os.listdir(out) == []  # nothing written meanwhile
        holder.done()
        said, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 0, err
    assert "built 1 note" in said
    assert (out / "alpha" / "model.json").is_file()


def _interrupted_while_waiting(project: Path, *args: str) -> None:
    """The command started while the test holds the output folder, stopped by Ctrl-C while
    it waits: it ends as an interrupted command does."""
    holder = _Holder(project / "output")
    assert holder.entered.wait(WAIT)
    try:
        with _running(_start(project, *args)) as proc:
            _told(proc, Path("output"))
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=WAIT)
    finally:
        holder.done()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err


def test_ctrl_c_while_waiting_ends_the_build_with_nothing_written(project):
    _interrupted_while_waiting(project, "build", "--only", "model")
    assert os.listdir(project / "output") == []


def test_clean_waits_for_a_build_then_removes_what_it_wrote(project):
    out = _built(project)
    holder = _Holder(out)
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "clean")) as proc:
        _told(proc, Path("output"))
        time.sleep(0.3)
        assert (out / "alpha" / "model.json").is_file()
        holder.done()
        _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 0, err
    assert not (out / "alpha" / "model.json").exists()


def test_quiet_waits_without_a_word(project):
    holder = _Holder(project / "output")
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "build", "--only", "model", "-q")) as proc:
        time.sleep(1.0)
        assert proc.poll() is None and os.listdir(project / "output") == []
        holder.done()
        _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 0 and err == ""


def test_two_builds_at_once_both_finish_and_leave_one_whole_record(project):
    """Two builds waiting for one folder at once, let go together: one builds while the other
    waits again; the outputs and the record are whole (``clean`` finds every file recorded)."""
    out = project / "output"
    holder = _Holder(out)
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "build", "-j", "1")) as one, \
            _running(_start(project, "build", "-j", "2")) as two:
        procs = [one, two]
        for p in procs:
            _told(p, Path("output"))
        holder.done()
        results = [p.communicate(timeout=WAIT * 3) for p in procs]
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
    assert (out / "alpha" / "guide.pdf").is_file() and not list(out.rglob("*.tmp"))
    cleaned = subprocess.run([sys.executable, "-m", "studypress", "clean"], cwd=project,
                             env=_env(), capture_output=True, text=True)
    assert cleaned.returncode == 0 and "kept" not in cleaned.stderr, cleaned.stderr
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


def test_a_watch_round_waits_for_the_command_writing_into_its_folder(project):
    out = project / "output"
    holder = _Holder(out)
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "watch", "--only", "model")) as proc:
        lines = [proc.stderr.readline() for _ in range(2)]
        assert waiting_message(Path("output")) + "\n" in lines, lines
        time.sleep(0.3)
        assert os.listdir(out) == []
        holder.done()
        _until(lambda: (out / "alpha" / "model.json").is_file(), "the watch built nothing")
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=WAIT)
    assert proc.returncode == 0


def test_a_thread_holding_a_folder_holds_it_again_at_once(tmp_path):
    told: list[str] = []
    nested = threading.Event()
    results: list[tuple[bool, bool]] = []

    def twice() -> None:
        with held(tmp_path) as first, held(tmp_path, told.append) as again:
            results.append((first, again))
            nested.set()
            other = _Holder(tmp_path)  # another thread still waits
            _until(lambda: other.told, "another thread did not wait")
            results.append((other.entered.is_set(), False))
        assert other.entered.wait(WAIT)
        other.done()

    thread = threading.Thread(target=twice, daemon=True)
    thread.start()
    assert nested.wait(10), "the thread waited for the folder it holds"
    thread.join(WAIT)
    assert results == [(False, False), (False, False)] and not told


def test_a_build_that_waited_builds_the_notes_as_they_are_after_the_wait(project):
    """Notes added and removed while a build waits are built as they are when it starts."""
    (project / "source" / "beta.md").write_text(NOTE.replace("Alpha", "Beta"), "utf-8")
    out = project / "output"
    holder = _Holder(out)
    assert holder.entered.wait(WAIT)
    with _running(_start(project, "build", "--only", "model", "-j", "1")) as proc:
        _told(proc, Path("output"))
        (project / "source" / "beta.md").unlink()
        (project / "source" / "gamma.md").write_text(NOTE.replace("Alpha", "Gamma"), "utf-8")
        holder.done()
        said, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 0, err
    assert "error" not in err and "built 2 notes" in said
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["alpha", "gamma"]


def test_ctrl_c_while_clean_waits_removes_nothing(project):
    out = _built(project)
    _interrupted_while_waiting(project, "clean")
    assert (out / "alpha" / "model.json").is_file()
