"""Layout lookup: the project's ``layouts/`` first, the packaged defaults second, file by file.

A template named ``default/NAME`` always means the packaged default, so an override can extend
the file it replaces. Settings are TOML files merged key by key over the defaults.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from pathlib import Path
from typing import Any


def default_dir() -> Path:
    """The packaged defaults: inside the wheel, or the repository's top-level ``layouts/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "_layouts"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "layouts"


class LayoutError(Exception):
    """A layout file is broken; the message names the file."""


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class Layouts:
    """Templates and settings for one build."""

    def __init__(self, project_dir: Path | None = None) -> None:
        self.default = default_dir()
        self.project = project_dir if project_dir and project_dir.is_dir() else None
        # The folder holding the project's studypress.toml, whose settings (fonts, the deck's
        # name ...) lie between the defaults and the project's own files.
        self.root = project_dir.parent if project_dir else None
        self._env: Any = None

    @property
    def dirs(self) -> list[Path]:
        return [d for d in (self.project, self.default) if d is not None]

    def find(self, name: str) -> Path | None:
        """The file that wins for ``name`` (a path relative to layouts/)."""
        if name.startswith("default/"):
            path = self.default / name.removeprefix("default/")
            return path if path.is_file() else None
        for d in self.dirs:
            path = d / name
            if path.is_file():
                return path
        return None

    def read_text(self, name: str) -> str:
        path = self.find(name)
        if path is None:
            raise LayoutError(f"layout file '{name}' not found in {', '.join(map(str, self.dirs))}")
        return path.read_text(encoding="utf-8")

    def settings(self, name: str) -> dict[str, Any]:
        """``name.toml`` from the defaults, overridden key by key by the project's own."""
        from .project import layout_settings

        merged: dict[str, Any] = {}
        for d in reversed(self.dirs):
            path = d / f"{name}.toml"
            if path.is_file():
                merged = _merge(merged, load_toml(path))
            if d == self.default:
                merged = _merge(merged, layout_settings(self.root, name))
        return merged

    def env(self) -> Any:
        """A Jinja2 environment with autoescaping; note text is never a template."""
        if self._env is None:
            # Keyed on the project's files too: an override added since shadows a default the
            # environment may have cached, which a file's own change time would not reveal.
            names = tuple(sorted(str(p.relative_to(self.project))
                                 for p in self.project.rglob("*"))) if self.project else ()
            self._env = _environment(self.default, self.project, names)
        return self._env

    def render(self, name: str, **values: Any) -> str:
        """Render a template; a broken template is a LayoutError naming the file and line."""
        import jinja2

        try:
            return self.env().get_template(name).render(**values)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or name}:{exc.lineno}"
            raise LayoutError(f"{where}: error: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise LayoutError(f"{name}: error: {exc}") from None

    def fingerprint(self) -> str:
        """A hash of every layout file in effect: a change invalidates the build cache."""
        h = hashlib.sha256()
        for d in self.dirs:
            for path in sorted(p for p in d.rglob("*") if p.is_file()):
                h.update(str(path.relative_to(d)).encode())
                h.update(path.read_bytes())
        return h.hexdigest()


@functools.cache
def _environment(default: Path, project: Path | None, _names: tuple[str, ...]) -> Any:
    """One environment per process for the same folders and files, so each template is compiled
    once per process rather than once per note; Jinja2 reloads a template whose file changed."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(default))}),
    ]
    loaders.extend(jinja2.FileSystemLoader(str(d)) for d in (project, default) if d is not None)
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@functools.cache
def _load_toml_cached(path: str, mtime: float) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data, parsed once per process while it stays the same; callers only
    read it. A syntax error is a located LayoutError."""
    try:
        return _load_toml_cached(str(path), path.stat().st_mtime)
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"{path}: error: {exc}; fix the TOML syntax") from None
