"""The project: its root, found by walking up to ``studypress.toml`` (or a ``pyproject.toml``
with ``[tool.studypress]``), and the build settings that file holds.

As with ruff and mkdocs, the first file found going up from the paths given (or from the working
folder) wins; every path in it is relative to the file, and the command line overrides it. A
mistake in it is a ``ConfigError`` naming the file, the line and the key, with the closest valid
key suggested. Without a file the working folder is the project, as it always was.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_NAME = "studypress.toml"
PYPROJECT = "pyproject.toml"
PAPERS = ("a4", "letter")
PRINTINGS = ("full", "questions", "answers")
LAYOUTS_DIR = "layouts"


class ConfigError(Exception):
    """A mistake in the project's configuration file; the message is located (file:line)."""


def output_names() -> list[str]:
    """The outputs a build can make, as ``--only`` and ``outputs`` name them."""
    from . import renderers

    return renderers.names()


@dataclass(frozen=True)
class Project:
    """One project: where it is and how it builds (before command-line overrides)."""

    root: Path
    config_file: Path | None = None
    source: tuple[Path, ...] = ()
    output: Path = Path("output")
    paper: str = "a4"
    printing: str = "full"
    outputs: tuple[str, ...] | None = None  # None: every output
    jobs: int = 0
    strict: bool = False

    @property
    def name(self) -> str:
        """The project's name: its folder's, as a slug."""
        from .slug import slug

        return slug(self.root.resolve().name, "studypress")

    @property
    def layouts(self) -> Path:
        """The project's own layouts folder (it may not exist: the defaults then serve)."""
        return self.root / LAYOUTS_DIR


# --------------------------------------------------------------------------- discovery


def find_config(start: Path) -> Path | None:
    """The first ``studypress.toml``, or ``pyproject.toml`` with ``[tool.studypress]``, in
    ``start`` or a folder above it."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        # A broken pyproject.toml that mentions us is ours to report; any other is not.
        return bool(re.search(r"^\s*\[\s*tool\s*\.\s*studypress\b", text, re.M))
    return isinstance(tool, dict) and "studypress" in tool


def discover(paths: Sequence[Path] | None = None, cwd: Path | None = None) -> Project:
    """The project that ``paths`` (or the working folder) belong to."""
    cwd = cwd or Path.cwd()
    start = Path(paths[0]) if paths else cwd
    if not start.is_absolute():
        start = cwd / start
    config = find_config(start) if start.exists() else None
    if config is None and paths:
        marked = _layouts_root(start, cwd)
        if marked is not None:
            return Project(root=marked, source=(marked / "source",), output=marked / "output")
        config = find_config(cwd)  # notes from elsewhere, built into this project
    if config is None:
        # Relative, as typed: messages then show "output", not a long absolute path.
        return Project(root=cwd, source=(Path("source"),), output=Path("output"))
    return load(config)


def _layouts_root(start: Path, cwd: Path) -> Path | None:
    """Without a settings file, the folder above the notes that holds a ``layouts/`` folder
    is the project (``proj/source`` built from outside ``proj`` uses ``proj/layouts``). The
    search stops at the working folder, which is the project anyway when nothing else is."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    stop = cwd.resolve()
    for folder in (here, *here.parents):
        if folder == stop or stop.is_relative_to(folder):
            return None
        if (folder / LAYOUTS_DIR).is_dir():
            return folder
    return None


# --------------------------------------------------------------------------- loading


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load(path: Path) -> Project:
    """Read one configuration file into a Project; mistakes raise ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown(path)}:1: error: cannot read the file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{shown(path)}:{found.group(1) if found else 1}: error: {exc}; fix the "
                          "TOML syntax") from None
    table: Any = data
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "studypress")
        table = data.get("tool", {}).get("studypress", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{shown(path)}:{_line(text, prefix[:1], prefix[1])}: error: "
                              "[tool.studypress] must be a table")
    return _from_table(path, text, prefix, table)


def _from_table(path: Path, text: str, prefix: tuple[str, ...],
                table: dict[str, Any]) -> Project:
    root = path.parent
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = _line(text, prefix, key)
        where = f"{shown(path)}:{line}"
        if key not in FIELDS:
            raise ConfigError(f"{where}: error: unknown key '{key}'{_suggest(key, FIELDS)}")
        check, convert = FIELDS[key]
        problem = check(value)
        if problem:
            raise ConfigError(f"{where}: error: '{key}' {problem}")
        values[key] = convert(value, root)
    values.setdefault("source", (root / "source",))
    values.setdefault("output", root / "output")
    return Project(root=root, config_file=path, **values)


def _suggest(word: str, choices: Sequence[str] | dict[str, Any]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else (
        f"; valid keys: {', '.join(choices)}")


def _line(text: str, table: tuple[str, ...], key: str) -> int:
    """The line that sets ``key`` in ``[table]`` (1 when it cannot be found)."""
    current: tuple[str, ...] = ()
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    setting = re.compile(r"^\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*=")
    for number, raw in enumerate(text.splitlines(), 1):
        found = header.match(raw)
        if found:
            current = tuple(p.strip().strip("\"'") for p in found.group(1).split("."))
            if current == (*table, key):
                return number  # a table given where a value belongs
            continue
        found = setting.match(raw)
        if found and current == table and key in found.groups():
            return number
    return 1


# --------------------------------------------------------------------------- the keys


def _choice(choices: Callable[[], Sequence[str]]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        options = list(choices())
        if not isinstance(value, str):
            return f"must be a string, one of {', '.join(options)} (got {_kind(value)})"
        if value not in options:
            return f"is '{value}', not one of {', '.join(options)}{_close(value, options)}"
        return None
    return check


def _close(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_outputs(value: Any) -> str | None:
    options = output_names()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return (f"must be a list of output names, e.g. [\"guide\", \"deck\"] "
                f"(got {_kind(value)})")
    for name in value:
        if name not in options:
            return (f"names an unknown output '{name}'; choose from "
                    f"{', '.join(options)}{_close(name, options)}")
    return None


def _check_paths(value: Any) -> str | None:
    if isinstance(value, str) or (isinstance(value, list) and value
                                  and all(isinstance(v, str) for v in value)):
        return None
    return f"must be a folder (a string) or a list of folders (got {_kind(value)})"


def _check_path(value: Any) -> str | None:
    return None if isinstance(value, str) and value else (
        f"must be a folder name (a string) (got {_kind(value)})")


def _check_jobs(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"must be a whole number, 0 or more (0: one per core) (got {_kind(value)})"
    return None


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false (got {_kind(value)})"


def _kind(value: Any) -> str:
    """What was found, as an error message shows it: the value itself, or its kind."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as TOML writes it
    if isinstance(value, str | int | float):
        return repr(value)
    return {list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _as_paths(value: str | list[str], root: Path) -> tuple[Path, ...]:
    return tuple(root / v for v in ([value] if isinstance(value, str) else value))


FIELDS: dict[str, tuple[Callable[[Any], str | None], Callable[[Any, Path], Any]]] = {
    "source": (_check_paths, _as_paths),
    "output": (_check_path, lambda v, root: root / v),
    "paper": (_choice(lambda: PAPERS), lambda v, _: v),
    "printing": (_choice(lambda: PRINTINGS), lambda v, _: v),
    "outputs": (_check_outputs, lambda v, _: tuple(v)),
    "jobs": (_check_jobs, lambda v, _: v),
    "strict": (_check_bool, lambda v, _: v),
}


# --------------------------------------------------------------------------- overrides


@dataclass(frozen=True)
class Overrides:
    """What the command line said; None means "as the project says"."""

    paths: Sequence[Path] | None = None
    output: Path | None = None
    paper: str | None = None
    printing: str | None = None
    only: Sequence[str] | None = None
    jobs: int | None = None
    strict: bool | None = None
    force: bool = False
    force_output: bool = False


def build_config(given: Overrides, cwd: Path | None = None) -> Any:
    """The BuildConfig for a command line: the project's settings, overridden by the options."""
    from .build import BuildConfig
    from .renderers.base import RenderOptions

    project = discover(list(given.paths) if given.paths else None, cwd)
    pick = _pick(given, project)
    return BuildConfig(
        paths=list(given.paths) if given.paths else list(project.source),
        output=given.output if given.output is not None else project.output,
        options=RenderOptions(paper=pick("paper"), printing=pick("printing"),
                              project_name=project.name),
        renderers=list(given.only) if given.only else (
            list(project.outputs) if project.outputs else None),
        strict=pick("strict"),
        jobs=pick("jobs"),
        force=given.force,
        project_dir=project.root,
        force_output=given.force_output,
    )


def _pick(given: Overrides, project: Project) -> Callable[[str], Any]:
    def pick(name: str) -> Any:
        value = getattr(given, name)
        return getattr(project, name) if value is None else value
    return pick
