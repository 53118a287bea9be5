"""``studypress init``: a project that builds at once, from its folder, from elsewhere, and
from an installed wheel; nothing existing is ever overwritten."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studypress import scaffold
from studypress.cli import app
from studypress.project import FIELDS, TABLES, Project, discover, load

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
OUTPUTS = ("guide.pdf", "cast.pdf", "deck.apkg", "timeline.svg")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def assert_built(output: Path) -> None:
    note = output / "printing-press"
    for name in OUTPUTS:
        assert (note / name).is_file() and (note / name).stat().st_size > 0, name
    assert (output / "study-notes.apkg").is_file()


def test_init_then_build_in_the_same_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert "created studypress.toml" in result.output
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.is_file()) == [".gitignore", "layouts/README.md",
                                      "source/printing-press.md", "studypress.toml"]
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert ": warning:" not in result.output and ": error:" not in result.output
    assert_built(tmp_path / "output")


def test_init_and_build_from_another_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "proj").exit_code == 0
    (tmp_path / "proj" / "layouts" / "deck.toml").write_text(
        'project_deck = "Printing"\n', encoding="utf-8")
    result = invoke("build", "proj/source")
    assert result.exit_code == 0, result.output
    # The project's folder, not the working folder, holds the output and the layouts.
    assert not (tmp_path / "output").exists()
    assert (tmp_path / "proj" / "output" / "printing.apkg").is_file()
    assert (tmp_path / "proj" / "output" / "printing-press" / "guide.pdf").is_file()


def test_init_refuses_to_overwrite_anything(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "printing-press.md").write_text("mine\n", encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 2
    assert "already has source/printing-press.md; nothing was written" in result.output
    assert (tmp_path / "source" / "printing-press.md").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["printing-press.md", "source"]


def test_init_into_a_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("kept\n", encoding="utf-8")
    scaffold.init(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "kept\n"
    with pytest.raises(scaffold.InitError):
        scaffold.init(tmp_path)  # a second init finds every file in the way


def test_the_config_sets_every_key_to_its_default(tmp_path):
    scaffold.init(tmp_path)
    text = (tmp_path / "studypress.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert set(data) == set(FIELDS) | set(TABLES)
    for table, keys in TABLES.items():
        assert set(data[table]) == set(keys), table
    rows = text.splitlines()
    for key in [*FIELDS, *(f"[{t}]" for t in TABLES)]:  # each explained right above it
        line = next(i for i, row in enumerate(rows) if row.startswith((f"{key} =", key)))
        assert rows[line - 1].startswith("#"), key
    loaded = load(tmp_path / "studypress.toml")
    defaults = Project(root=tmp_path)
    for key in ("paper", "printing", "jobs", "strict"):
        assert getattr(loaded, key) == getattr(defaults, key), key
    # The layout settings it names hold the packaged defaults: the file changes nothing.
    from studypress.layouts import Layouts

    packaged, configured = Layouts(None), Layouts(tmp_path / "layouts")
    for name in loaded.layout_settings:
        assert _blank(configured.settings(name)) == _blank(packaged.settings(name)), name
    assert discover(None, cwd=tmp_path).source == (tmp_path / "source",)


def _blank(value: object) -> object:
    """Settings with "" and [] alike (both say "no fallback font")."""
    if isinstance(value, dict):
        return {k: _blank(v) for k, v in value.items()}
    return [] if value == "" else value


def _dependency_paths() -> list[str]:
    """The folders this interpreter imports the dependencies from (a venv's, the system's
    dist-packages, the user's)."""
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
             *site.getsitepackages()}
    if site.ENABLE_USER_SITE:
        paths.add(site.getusersitepackages())
    return sorted(p for p in paths if Path(p).is_dir())


@pytest.mark.slow
def test_init_and_build_from_an_installed_wheel(tmp_path):
    """The wheel, installed for real (not editable), carries the layouts and the command."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(REPO)], check=True, env=env, cwd=tmp_path)
    wheel = next(wheels.glob("studypress-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   env=env)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"], check=True, env=env,
                          capture_output=True, text=True).stdout.strip()
    # The dependencies come from this interpreter's folders, listed after the venv's own, so
    # the test needs no network; their .pth files (an editable studypress) are not run.
    Path(site, "studypress-test-deps.pth").write_text("\n".join(_dependency_paths()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, env=env)
    where = subprocess.run([str(python), "-c", "import studypress; print(studypress.__file__)"],
                           check=True, env=env, capture_output=True, text=True).stdout
    assert Path(where.strip()).resolve().is_relative_to(venv.resolve()), where
    script = bindir / ("studypress.exe" if os.name == "nt" else "studypress")
    work = tmp_path / "elsewhere"
    work.mkdir()
    run = subprocess.run([str(script), "init", "proj"], cwd=work, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([str(script), "build", "proj/source"], cwd=work, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert_built(work / "proj" / "output")
    run = subprocess.run([str(script), "layouts", "--project", "proj"], cwd=work, env=env,
                         capture_output=True, text=True)
    rows = [line.split() for line in run.stdout.splitlines()]
    deck = next(r for r in rows if r[0] == "deck.toml")
    assert deck[1] == "default" and Path(deck[2]).resolve().is_relative_to(venv.resolve())


def test_an_existing_gitignore_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n"
    assert "add the line /output/ to it" in result.output
    assert (tmp_path / "studypress.toml").is_file()
    other = tmp_path / "other"
    other.mkdir()
    (other / ".gitignore").write_text("/output/\n", encoding="utf-8")
    assert scaffold.init(other).notes == []
