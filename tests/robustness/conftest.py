"""Fixtures of the robustness suite: a small project, a build runner, and a snapshot of every
file outside the output folder (to show nothing there was touched)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from studypress.build import BuildConfig, BuildReport, build

NOTE = "# Note {i}\n\n## Timeline\n\n- **191{i}:** something happened\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "source"
    src.mkdir()
    for i in range(3):
        (src / f"n{i}.md").write_text(NOTE.format(i=i), encoding="utf-8")
    return tmp_path


def run(project: Path, renderers: list[str] | None = None, **kw) -> BuildReport:
    """A build of project/source into project/output (the model output unless told)."""
    config = BuildConfig(paths=[project / "source"], output=project / "output",
                         renderers=renderers or ["model"], project_dir=project, jobs=1, **kw)
    return build(config)


def snapshot(root: Path, skip: str = "output") -> dict[str, str]:
    """Every file below ``root`` except the output folder, with the hash of its bytes."""
    out = {}
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        if rel.parts and rel.parts[0] == skip:
            dirs[:] = []
            continue
        for name in files:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                out[str(rel / name)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
