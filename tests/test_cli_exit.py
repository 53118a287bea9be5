"""The whole process ends quickly (``cli.run``) yet as Python's own exit would: the same status,
the output all there when it is a pipe, the exit handlers run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import studypress

SRC = str(Path(studypress.__file__).parents[1])


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin",
                               "STUDYPRESS_CACHE_DIR": "",
                               "SOURCE_DATE_EPOCH": "1700000000"}, check=False)


def _studypress(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studypress", *args], cwd=cwd,
                          capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin",
                               "STUDYPRESS_CACHE_DIR": "",
                               "SOURCE_DATE_EPOCH": "1700000000"})


def test_a_long_output_reaches_a_pipe_whole(tmp_path):
    done = _studypress("build", "--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "--output" in done.stdout
    assert done.stdout.rstrip().endswith("Show this message and exit.")


def test_an_error_keeps_its_status_and_message(tmp_path):
    done = _studypress("build", "nowhere", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "nowhere: no such file or folder" in done.stderr


def test_a_build_reports_and_writes_everything(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text("# Treaty\n\n## Timeline\n\n- **1920**: Signed.\n",
                                             encoding="utf-8")
    done = _studypress("build", "notes", "-o", "out", "-j", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built 1 note in ")
    for name in ("guide.pdf", "deck.apkg", "timeline.pdf"):
        assert (tmp_path / "out" / "n" / name).stat().st_size > 0, name


def test_exit_handlers_run_and_unflushed_text_is_written(tmp_path):
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('handler ran', flush=False))\n"
            "print('before', end='', flush=False)\n"
            "sys.argv = ['studypress', '--version']\n"
            "from studypress.cli import run\n"
            "run()\n")
    done = _python(code, tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("before") and "studypress" in done.stdout
    assert done.stdout.rstrip().endswith("handler ran")


def _stopping(exit_value: str, before: str = "") -> str:
    """A script whose command ends in ``SystemExit(exit_value)``, run as the process does;
    ``before``: what it does first."""
    return (f"{before}import studypress.cli as cli\n"
            f"def stop():\n    raise SystemExit({exit_value})\n"
            "cli.main = stop\n"
            "cli.run()\n")


def test_an_exit_with_a_message_prints_it_and_fails(tmp_path):
    done = _python(_stopping("'stopped here'"), tmp_path)
    assert done.returncode == 1
    assert "stopped here" in done.stderr


def test_an_exit_status_above_255_wraps_as_the_system_does(tmp_path):
    assert _python(_stopping("258"), tmp_path).returncode == 2


def test_without_cpythons_exit_handlers_call_the_exit_is_pythons_own(tmp_path):
    # Another interpreter may lack atexit._run_exitfuncs: the process then exits as Python
    # does, handlers, status and message alike.
    done = _python(_stopping("'stopped here'", "import atexit, sys\n"
                                               "del atexit._run_exitfuncs\n"
                                               "atexit.register(lambda: print('handler ran'))\n"),
                   tmp_path)
    assert done.returncode == 1
    assert "stopped here" in done.stderr and done.stdout.strip() == "handler ran"
    code = ("import atexit\n"
            "del atexit._run_exitfuncs\n"
            "import sys\n"
            "sys.argv = ['studypress', '--version']\n"
            "from studypress.cli import run\n"
            "run()\n")
    done = _python(code, tmp_path)
    assert done.returncode == 0 and "studypress" in done.stdout
