"""``studypress layouts``: which layout files a project uses (its own or the defaults), and
copying a default into the project's ``layouts/`` to edit it."""

from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass
from pathlib import Path

from .layouts import default_dir

PROJECT, DEFAULT, EXTRA = "project", "default", "project only"


class LayoutCopyError(Exception):
    """The name is not a default layout file, or the project already has its own copy."""


@dataclass(frozen=True)
class LayoutFile:
    name: str  # relative to layouts/, with forward slashes
    origin: str  # PROJECT (overrides the default), DEFAULT, or EXTRA (no default of that name)
    path: Path  # the file in use


def _files(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    found = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found[rel.as_posix()] = path
    return found


def listing(project_layouts: Path) -> list[LayoutFile]:
    """Every layout file, default or the project's, by name."""
    defaults = _files(default_dir())
    own = _files(project_layouts)
    out = []
    for name in sorted(defaults.keys() | own.keys()):
        if name in own:
            out.append(LayoutFile(name, PROJECT if name in defaults else EXTRA, own[name]))
        else:
            out.append(LayoutFile(name, DEFAULT, defaults[name]))
    return out


def copy(name: str, project_layouts: Path) -> Path:
    """Copy the default ``name`` into ``project_layouts``; never over an existing file."""
    defaults = _files(default_dir())
    key = Path(name).as_posix().removeprefix("layouts/")
    if key not in defaults:
        close = difflib.get_close_matches(key, list(defaults), n=1, cutoff=0.4)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise LayoutCopyError(f"'{name}' is not a default layout file{hint} "
                              "(`studypress layouts` lists them)")
    target = project_layouts / key
    if target.exists():
        raise LayoutCopyError(f"{target} already exists; edit it there (nothing was copied)")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(defaults[key], target)
    return target
