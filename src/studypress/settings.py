"""One loader for every layout settings file (``layouts/*.toml``), with one policy.

A renderer declares its settings as typed data: a frozen dataclass whose fields each name their
TOML key and the kind of value allowed (``setting("page.margin_top", Number(5, 80), 22.0)``).
``load`` reads the merged settings into that dataclass. A missing key takes its default; a
wrong value is a ``LayoutError`` naming the file that set it, the line where it stands, the key,
and what is allowed::

    layouts/guide.toml:12: error: page.margin_top must be a number from 5 to 80 (found 200)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from .layouts import LayoutError, Layouts, load_toml

T = TypeVar("T")
_MISSING = object()


# --------------------------------------------------------------------------- kinds of value


class _Frozen:
    """A small frozen value whose fields are ``_fields``: compared, hashed and shown as a
    frozen dataclass's are. The kinds and specs were frozen dataclasses; making their methods
    (compiled from source at each import) took a tenth of a build that has nothing to do."""

    _fields: tuple[str, ...] = ()

    def _init(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


class Kind(_Frozen):
    """What a setting may hold; ``convert`` returns the typed value or raises ``ValueError``."""

    expect = "a value"

    def convert(self, value: Any) -> Any:
        return value

    def read(self, source: Source, key: str, raw: Any) -> Any:
        """The typed value of ``raw`` found at ``key``; a located error when not allowed."""
        value = self.check(raw)
        if value is _Invalid:
            source.error(key, self.expect, raw)
        return value

    def check(self, value: Any) -> Any:
        """``value`` converted, or ``_Invalid`` when it is not allowed."""
        try:
            return self.convert(value)
        except (ValueError, TypeError):
            return _Invalid


class _Invalid:  # a marker: the value is not allowed
    pass


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


class Number(Kind):
    """A number, within ``low`` .. ``high`` when given."""

    _fields = ("low", "high")
    low: float | None
    high: float | None

    def __init__(self, low: float | None = None, high: float | None = None) -> None:
        self._init(low=low, high=high)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return "a number" + _range(self.low, self.high)

    def convert(self, value: Any) -> float:
        if not _is_number(value) or not _within(value, self.low, self.high):
            raise ValueError
        return float(value)


class Integer(Kind):
    """A whole number, within ``low`` .. ``high`` when given."""

    _fields = ("low", "high")
    low: int | None
    high: int | None

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self._init(low=low, high=high)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return "a whole number" + _range(self.low, self.high)

    def convert(self, value: Any) -> int:
        if not _is_number(value) or value != int(value) or not _within(value, self.low,
                                                                        self.high):
            raise ValueError
        return int(value)


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    if high is not None:
        return f" of at most {high:g}"
    return ""


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


class Text(Kind):
    """A string."""

    expect = "a string"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError
        return value


class Choice(Kind):
    """One of a few strings."""

    _fields = ("options",)
    options: tuple[str, ...]

    def __init__(self, options: tuple[str, ...] = ()) -> None:
        self._init(options=options)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(repr(o) for o in self.options)

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.options:
            raise ValueError
        return value


class Pattern(Kind):
    """A string matching ``regex`` (``example`` shows one)."""

    _fields = ("regex", "example")
    regex: str
    example: str

    def __init__(self, regex: str = ".*", example: str = "") -> None:
        self._init(regex=regex, example=example)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return f"a string such as {self.example}"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not re.fullmatch(self.regex, value):
            raise ValueError
        return value


COLOUR = Pattern(r"#[0-9a-fA-F]{6}", '"#1a4f8b"')


class Flag(Kind):
    """True or false."""

    expect = "true or false"

    def convert(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError
        return value


class Strings(Kind):
    """A list of strings; a single string counts as a list of one."""

    _fields = ("of", "what", "one", "blank")
    of: Kind
    what: str
    one: bool  # a single string is allowed
    blank: bool  # False: blank entries ("" for "no font") are left out

    def __init__(self, of: Kind | None = None, what: str = "strings", one: bool = True,
                 blank: bool = True) -> None:
        self._init(of=Text() if of is None else of, what=what, one=one, blank=blank)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return f"a list of {self.what}" + (" (or just one)" if self.one else "")

    def convert(self, value: Any) -> tuple[Any, ...]:
        items = [value] if isinstance(value, str) and self.one else value
        if not isinstance(items, list):
            raise ValueError
        if not self.blank:
            items = [v.strip() if isinstance(v, str) else v for v in items]
            items = [v for v in items if v != ""]
        return tuple(self.of.convert(v) for v in items)


class FontPaths(Strings):
    """Font files. One that studypress.toml names and that is not there is left out: the
    build reports it once, at its line there (``project.config_diagnostics``), rather than
    every output of every note."""

    def read(self, source: Source, key: str, raw: Any) -> Any:
        paths = super().read(source, key, raw)
        if key not in source.lines:  # set by a layouts/*.toml: its renderer reports it
            return paths
        return tuple(p for p in paths if Path(p).expanduser().is_file())


FONT_PATHS = FontPaths(what="font paths", blank=False)  # "" or [] for none


class Pair(Kind):
    """A pair of numbers."""

    expect = "a pair of numbers such as [105.0, 74.0]"

    def convert(self, value: Any) -> tuple[float, float]:
        if not isinstance(value, list) or len(value) != 2 or not all(map(_is_number, value)):
            raise ValueError
        return float(value[0]), float(value[1])


class Table(Kind):
    """A table whose own keys are free (colours by name, wordings): each value of ``of``."""

    _fields = ("of",)
    of: Kind

    def __init__(self, of: Kind | None = None) -> None:
        self._init(of=Text() if of is None else of)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return f"a table whose values are each {self.of.expect}"

    def convert(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError
        return {str(k): self.of.convert(v) for k, v in value.items()}

    def read(self, source: Source, key: str, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            source.error(key, "a table of settings", raw)
        return {str(k): self.of.read(source, f"{key}.{k}", v) for k, v in raw.items()}


class Keyed(Kind):
    """A table of known keys, each of ``of``: every one must be set (the packaged file sets
    them all, so a project's file may leave any out)."""

    _fields = ("of", "keys")
    of: Kind
    keys: tuple[str, ...]

    def __init__(self, of: Kind | None = None, keys: tuple[str, ...] = ()) -> None:
        self._init(of=Text() if of is None else of, keys=keys)

    @property
    def expect(self) -> str:  # type: ignore[override]
        return "a table of settings"

    def read(self, source: Source, key: str, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            source.error(key, "a table of settings", raw)
        out = {}
        for name in self.keys:
            if name not in raw:
                source.error(f"{key}.{name}", f"set ({self.of.expect})")
            out[name] = self.of.read(source, f"{key}.{name}", raw[name])
        return out


class Raw(Kind):
    """Anything TOML can hold, checked by the renderer (with ``Source.error``)."""

    expect = "a value"


# --------------------------------------------------------------------------- declaring


class Spec(_Frozen):
    """A setting's TOML key and the kind of value it takes."""

    _fields = ("key", "kind")
    key: str  # dotted: "page.margin_top"; top-level keys have no dot
    kind: Kind

    def __init__(self, key: str, kind: Kind) -> None:
        self._init(key=key, kind=kind)


def setting(key: str, kind: Kind, default: Any) -> Any:
    """A dataclass field read from ``key``; ``default`` when the key is missing."""
    meta = {"setting": Spec(key, kind)}
    if isinstance(default, list | dict | set):
        frozen = default
        return field(default_factory=lambda: type(frozen)(frozen), metadata=meta)
    return field(default=default, metadata=meta)


def specs(cls: type, schema: Mapping[str, Spec] | None = None) -> list[tuple[str, Spec, Any]]:
    """(field name, spec, default) of every declared setting of ``cls``: declared in the
    field's metadata (``setting``) or, for a dataclass declared elsewhere, in ``schema``
    (field name → spec)."""
    out = []
    for f in dataclasses.fields(cls):
        spec = (schema or {}).get(f.name) or f.metadata.get("setting")
        if spec is None:
            continue
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else None)
        out.append((f.name, spec, default))
    return out


# --------------------------------------------------------------------------- reading


class Source:
    """Merged settings and, for each key, the file that set it (later files win)."""

    def __init__(self, name: str, data: dict[str, Any] | None = None,
                 origins: dict[str, Path] | None = None,
                 lines: dict[str, tuple[str, int]] | None = None) -> None:
        self.name = name  # "guide" for guide.toml
        self.data = {} if data is None else data
        self.origins = {} if origins is None else origins  # dotted key → file
        # Keys set in a file of another shape (studypress.toml): dotted key → (its key
        # there, line).
        self.lines = {} if lines is None else lines

    def __repr__(self) -> str:
        return (f"Source(name={self.name!r}, data={self.data!r}, origins={self.origins!r}, "
                f"lines={self.lines!r})")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.name, self.data, self.origins, self.lines) == (
            other.name, other.data, other.origins, other.lines)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    @classmethod
    def from_layouts(cls, layouts: Layouts, name: str) -> Source:
        """``name.toml`` from the defaults, overridden key by key by the project's own."""
        from .project import configured

        source = cls(name, layouts.settings(name))
        project = configured(layouts.root)
        for d in reversed(layouts.dirs):
            path = d / f"{name}.toml"
            if path.is_file():
                for key in _dotted_keys(_read_toml(path)):
                    source.origins[key] = path
                    source.lines.pop(key, None)
            if d == layouts.default and project and project.config_file:
                # Keys studypress.toml sets: an error points at its line there.
                for (file, key), where in project.layout_origins.items():
                    if file == name:
                        source.origins[key] = project.config_file
                        source.lines[key] = where
        return source

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, name: str) -> Source:
        """Settings given as data (tests, callers that merged them already)."""
        return cls(name, dict(data or {}))

    def get(self, key: str) -> Any:
        """The raw value at a dotted key, or ``_MISSING``; a key under a non-table is an error."""
        node: Any = self.data
        parts = key.split(".")
        for i, part in enumerate(parts):
            if not isinstance(node, dict):
                self.error(".".join(parts[:i]), "a table of settings", node)
            if part not in node:
                return _MISSING
            node = node[part]
        return node

    def where(self, key: str) -> str:
        """``file:line`` of the key (``file`` alone when the line cannot be found)."""
        found = self._origin(key)
        if found is None:
            return f"layouts/{self.name}.toml"
        path = self.origins[found]
        line = self.lines[found][1] if found in self.lines else find_line(path, key)
        shown = _shown(path)
        return f"{shown}:{line}" if line else shown

    def _origin(self, key: str) -> str | None:
        """The key itself, or the nearest table above it, that a known file set."""
        while key:
            if key in self.origins:
                return key
            key = key.rpartition(".")[0]
        return None

    def error(self, key: str, expect: str, value: Any = _MISSING) -> NoReturn:
        """Raise the located error for ``key``: what is allowed and, if given, what was found."""
        found = "" if value is _MISSING else f" (found {_short(value)})"
        raise LayoutError(f"{self.where(key)}: error: {key or 'the file'} must be "
                          f"{expect}{found}")

    def value(self, key: str, kind: Kind, default: Any) -> Any:
        """The typed value at ``key``; the default when missing; a located error when wrong."""
        raw = self.get(key)
        if raw is _MISSING:
            return default
        return kind.read(self, key, raw)


def load(cls: Callable[..., T], source: Source, schema: Mapping[str, Spec] | None = None,
         **extra: Any) -> T:
    """An instance of the settings dataclass ``cls`` read from ``source``; ``extra`` sets
    fields that are not read from the file."""
    values = {name: source.value(spec.key, spec.kind, default)
              for name, spec, default in specs(cls, schema)}  # type: ignore[arg-type]
    return cls(**values, **extra)


def load_file(cls: Callable[..., T], layouts: Layouts, name: str) -> T:
    """``load`` from ``layouts/<name>.toml`` (the project's over the defaults)."""
    return load(cls, Source.from_layouts(layouts, name))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return load_toml(path)
    except (OSError, LayoutError):
        return {}  # Layouts.settings has reported a broken file already


def _dotted_keys(data: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        full = f"{prefix}{key}"
        out.append(full)
        if isinstance(value, dict):
            out.extend(_dotted_keys(value, full + "."))
    return out


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def find_line(path: Path, key: str) -> int | None:
    """The line of ``path`` where the dotted ``key`` is set, or its table begins."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    table, header_line = "", None
    for number, line in enumerate(lines, 1):
        if m := _HEADER.match(line):
            table = _unquote(m.group(1))
            if table == key:
                header_line = header_line or number
            continue
        if m := _ASSIGN.match(line):
            name = _unquote(m.group(1))
            if (f"{table}.{name}" if table else name) == key:
                return number
    return header_line


def _unquote(dotted: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in dotted.split("."))
