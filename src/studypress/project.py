"""The project: its root, found by walking up to ``studypress.toml`` (or a ``pyproject.toml``
with ``[tool.studypress]``), and the build settings that file holds.

As with ruff and mkdocs, the first file found going up from the paths given (or from the working
folder) wins; every path in it is relative to the file, and the command line overrides it. A
mistake in it is a ``ConfigError`` naming the file, the line and the key, with the closest valid
key suggested. Without a file the working folder is the project, as it always was.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = "studypress.toml"
PYPROJECT = "pyproject.toml"
PAPERS = ("a4", "letter")
PRINTINGS = ("full", "questions", "answers")
FONT_KINDS = ("serif", "sans")  # the embedded Source Serif Pro and Source Sans Pro
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
    deck_name: str | None = None  # None: as layouts/deck.toml says
    # The settings this file gives the layouts (fonts, the deck's name, subject naming), by
    # settings file: {"guide": {"fonts": {"body": "sans"}}}. They sit over the packaged
    # defaults and under the project's own layouts/*.toml, which are more specific.
    layout_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Where each of them was set: (settings file, dotted key) → (this file's dotted key, line).
    layout_origins: Mapping[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

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
        return _tool_table_in(path, path.stat().st_mtime_ns)
    except OSError:
        return False


@functools.lru_cache(maxsize=32)
def _tool_table_in(path: Path, _mtime: int) -> bool:
    """Whether the file has ``[tool.studypress]``, read once per version of the file."""
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
    layers: dict[str, dict[str, Any]] = {}
    origins: dict[tuple[str, str], tuple[str, int]] = {}
    for key, value in table.items():
        if key in TABLES:
            values.update(_read_table(path, text, prefix, key, value, layers, origins))
            continue
        where = f"{shown(path)}:{_line(text, prefix, key)}"
        if key not in FIELDS:
            raise ConfigError(f"{where}: error: unknown key '{key}'"
                              f"{_suggest(key, [*FIELDS, *TABLES])}")
        values[key] = _checked(where, key, FIELDS[key], value, root)
        _set_layers(key, values[key], _line(text, prefix, key), layers, origins)
    values.setdefault("source", (root / "source",))
    values.setdefault("output", root / "output")
    if "source" in table and "subjects.source_roots" not in values:
        # A note's subject is named from the folders below its source folder, whatever
        # that folder is called.
        roots = tuple(dict.fromkeys(p.name for p in values["source"]))
        _set_layers("subjects.source_roots", roots, _line(text, prefix, "source"), layers,
                    origins, shown_as="source")
    fields = {k: v for k, v in values.items() if "." not in k}
    return Project(root=root, config_file=path, layout_settings=layers,
                   layout_origins=origins, **fields)


def _checked(where: str, key: str, rule: tuple[Callable[[Any], str | None],
             Callable[[Any, Path], Any]], value: Any, root: Path) -> Any:
    check, convert = rule
    problem = check(value)
    if problem:
        raise ConfigError(f"{where}: error: '{key}' {problem}")
    return convert(value, root)


def _read_table(path: Path, text: str, prefix: tuple[str, ...], name: str, table: Any,
                layers: dict[str, dict[str, Any]],
                origins: dict[tuple[str, str], tuple[str, int]]) -> dict[str, Any]:
    """The keys of one table (``[fonts]``), checked, as dotted keys (``fonts.body``)."""
    keys = TABLES[name]
    if not isinstance(table, dict):
        raise ConfigError(f"{shown(path)}:{_line(text, prefix, name)}: error: '{name}' must "
                          f"be a table ([{name}] with the keys {', '.join(keys)}) "
                          f"(got {_kind(table)})")
    out = {}
    for key, value in table.items():
        line = _line(text, (*prefix, name), key)
        if line == 1:  # set as a dotted key (fonts.body = ...) rather than in [fonts]
            line = _line(text, prefix, f"{name}.{key}")
        where = f"{shown(path)}:{line}"
        dotted = f"{name}.{key}"
        if key not in keys:
            raise ConfigError(f"{where}: error: unknown key '{dotted}'"
                              f"{_suggest(key, keys, name)}")
        out[dotted] = _checked(where, dotted, keys[key], value, path.parent)
        _set_layers(dotted, out[dotted], line, layers, origins)
    return out


def _set_layers(key: str, value: Any, line: int, layers: dict[str, dict[str, Any]],
                origins: dict[tuple[str, str], tuple[str, int]],
                shown_as: str | None = None) -> None:
    """Put a configured value into every layout setting it stands for (``LAYOUT_KEYS``)."""
    for settings_file, dotted in LAYOUT_KEYS.get(key, ()):
        node = layers.setdefault(settings_file, {})
        *tables, last = dotted.split(".")
        for part in tables:
            node = node.setdefault(part, {})
        node[last] = list(value) if isinstance(value, tuple) else value
        origins[(settings_file, dotted)] = (shown_as or key, line)


def _suggest(word: str, choices: Sequence[str] | dict[str, Any], table: str = "") -> str:
    import difflib  # only a mistake needs it: a build loads it no more

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    dotted = [f"{table}.{c}" if table else c for c in (close or list(choices))]
    return f"; did you mean '{dotted[0]}'?" if close else f"; valid keys: {', '.join(dotted)}"


def _line(text: str, table: tuple[str, ...], key: str) -> int:
    """The line that sets ``key`` in ``[table]`` (1 when it cannot be found)."""
    current: tuple[str, ...] = ()
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    setting = re.compile(r"^\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=")
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
    import difflib

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


def _check_name(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else (
        f"must be a name (a string that is not empty) (got {_kind(value)})")


def _check_strings(what: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, str) or (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value)):
            return None
        return f"must be a list of {what} (or just one, a string) (got {_kind(value)})"
    return check


def _as_strings(value: str | list[str], _: Path) -> tuple[str, ...]:
    return tuple([value] if isinstance(value, str) else value)


def _as_font_paths(value: str | list[str], root: Path) -> tuple[str, ...]:
    # Absolute, so every renderer finds the file whatever folder the build runs in.
    return tuple(str(root / v) for v in _as_strings(value, root) if v.strip())


Rule = tuple[Callable[[Any], str | None], Callable[[Any, Path], Any]]

FIELDS: dict[str, Rule] = {
    "source": (_check_paths, _as_paths),
    "output": (_check_path, lambda v, root: root / v),
    "paper": (_choice(lambda: PAPERS), lambda v, _: v),
    "printing": (_choice(lambda: PRINTINGS), lambda v, _: v),
    "outputs": (_check_outputs, lambda v, _: tuple(v)),
    "jobs": (_check_jobs, lambda v, _: v),
    "strict": (_check_bool, lambda v, _: v),
    "deck_name": (_check_name, lambda v, _: v.strip()),
}

# Tables of keys: [fonts] and [subjects].
TABLES: dict[str, dict[str, Rule]] = {
    "fonts": {
        "body": (_choice(lambda: FONT_KINDS), lambda v, _: v),
        "headings": (_choice(lambda: FONT_KINDS), lambda v, _: v),
        "fallback": (_check_strings("font files (.ttf)"), _as_font_paths),
    },
    "subjects": {
        key: (_check_strings("folder names or words"), _as_strings)
        for key in ("drop", "source_roots", "uppercase", "lowercase")
    },
}

# What a key of this file sets in the layouts: (settings file, dotted key there). The fonts
# apply to every output that prints text; the project's layouts/*.toml, each specific to one
# output, win over them.
LAYOUT_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "deck_name": (("deck", "project_deck"),),
    "fonts.body": (("guide", "fonts.body"),),
    "fonts.headings": (("guide", "fonts.headings"),),
    "fonts.fallback": (("guide", "fonts.fallback"), ("handout", "fonts.fallback"),
                       ("timeline", "figure.fallback_fonts")),
    **{f"subjects.{key}": (("subjects", key),) for key in TABLES["subjects"]},
}


def config_at(root: Path) -> Path | None:
    """The project's own configuration file in ``root`` (not above it), or None."""
    candidate = root / CONFIG_NAME
    if candidate.is_file():
        return candidate
    pyproject = root / PYPROJECT
    return pyproject if pyproject.is_file() and _has_tool_table(pyproject) else None


def configured(root: Path | None) -> Project | None:
    """The project whose configuration file is in ``root``, read once per version of the
    file; None without one, or when it is broken (the command reports that, exit 2)."""
    config = config_at(root) if root is not None else None
    if config is None:
        return None
    try:
        return _load_cached(config, config.stat().st_mtime_ns)
    except (ConfigError, OSError):
        return None


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime: int) -> Project:
    return load(path)


def config_diagnostics(root: Path | None) -> list[Any]:
    """What the configuration file in ``root`` names that is not there (a ``[fonts]
    fallback`` file), as one located warning each, for the build to report once."""
    from .diagnostics import Diagnostic, Severity

    project = configured(root)
    if project is None or project.config_file is None:
        return []
    key, line = project.layout_origins.get(("guide", "fonts.fallback"), ("", 0))
    paths = project.layout_settings.get("guide", {}).get("fonts", {}).get("fallback", [])
    return [Diagnostic(Severity.WARNING, "fallback-font",
                       f"the fallback font {shown(Path(p))} ([fonts] fallback) was not found; "
                       "characters the built-in fonts lack print as '?'",
                       shown(project.config_file), line or None)
            for p in paths if key and not Path(p).is_file()]


def layout_settings(root: Path | None, name: str) -> dict[str, Any]:
    """What the configuration file in ``root`` sets in ``layouts/<name>.toml`` (fonts, the
    deck's name, subject naming), as nested tables."""
    project = configured(root)
    return dict(project.layout_settings.get(name, {})) if project else {}


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
        sources=[project.root / folder for folder in project.source],
        force_output=given.force_output,
    )


def _pick(given: Overrides, project: Project) -> Callable[[str], Any]:
    def pick(name: str) -> Any:
        value = getattr(given, name)
        return getattr(project, name) if value is None else value
    return pick
