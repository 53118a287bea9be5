"""The build record in ``output/.studypress-cache.json``: per note, the key it was built with,
the files each renderer wrote and the renderers' diagnostics; and the combined outputs' key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__, assets
from ..diagnostics import terminal_safe
from ..model import Diagnostic, Severity
from .records import BuildConfig, SourceNote

CACHE_NAME = ".studypress-cache.json"


@dataclass
class NoteEntry:
    key: str
    files: dict[str, list[str]] = field(default_factory=dict)  # renderer → paths in its folder
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # path → sha256 of what was written

    def recorded(self) -> list[str]:
        """Every file this note's renderers wrote, relative to the note's folder."""
        return [f for group in self.files.values() for f in group]


@dataclass
class ProjectEntry:
    key: str
    files: list[str] = field(default_factory=list)  # relative to the output folder
    hashes: dict[str, str] = field(default_factory=dict)  # path → sha256 of what was written


@dataclass
class Cache:
    notes: dict[str, NoteEntry] = field(default_factory=dict)
    project: ProjectEntry | None = None
    problem: str | None = None  # why the record on disk could not be used


SET_ASIDE = CACHE_NAME + ".unreadable"


def load(output: Path) -> Cache:
    """The last build's record; a record that fails to load means starting fresh, and one
    that cannot be parsed is set aside (renamed) so it can be looked at."""
    path = output / CACHE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Cache()
    except (OSError, ValueError, RecursionError) as exc:
        return Cache(problem=_set_aside(path, exc))
    if not isinstance(data, dict) or data.get("tool") != __version__ \
            or not isinstance(data.get("notes"), dict):
        return Cache()
    notes = {k: e for k, e in ((k, _note_entry(v)) for k, v in data["notes"].items())
             if e is not None}
    return Cache(notes, _project_entry(data.get("project")))


def _set_aside(path: Path, exc: BaseException) -> str:
    why = "nested too deeply" if isinstance(exc, RecursionError) else (
        getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
    try:
        path.replace(path.with_name(SET_ASIDE))
        where = f"it was moved to {SET_ASIDE}"
    except OSError:
        where = "it is ignored"
    return (f"the build record {path.name} could not be read ({why}); {where} and every "
            "note is built afresh")


def _note_entry(entry: object) -> NoteEntry | None:
    """A cache entry as this version writes it; anything else is treated as no entry."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    files = entry.get("files", {})
    rows = entry.get("diagnostics", [])
    if not (isinstance(files, dict) and _string_lists(files.values())) \
            or not isinstance(rows, list):
        return None
    return NoteEntry(entry["key"], {str(k): list(v) for k, v in files.items()},
                     _diagnostics_from(rows), _hashes(entry.get("hashes")))


def _hashes(value: object) -> dict[str, str]:
    """Recorded content hashes; anything malformed counts as none (so nothing is removed)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _string_lists(values: object) -> bool:
    return all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values)


def _project_entry(entry: object) -> ProjectEntry | None:
    if not isinstance(entry, dict):
        return None
    files = entry.get("files", [])
    if not isinstance(entry.get("key"), str) or not _string_lists([files]):
        return None
    return ProjectEntry(entry["key"], list(files), _hashes(entry.get("hashes")))


def _diagnostics_from(rows: list) -> list[Diagnostic]:
    out = []
    for row in rows:
        try:
            severity, code, message, file, line = row
            out.append(Diagnostic(Severity(severity), terminal_safe(str(code)),
                                  terminal_safe(str(message)), terminal_safe(str(file)),
                                  int(line) if line is not None else None))
        except (ValueError, TypeError):
            continue
    return out


def dumps(cache: Cache) -> bytes:
    """The record as written to disk."""
    notes = {k: {"key": e.key, "files": e.files, "hashes": e.hashes,
                 "diagnostics": [[str(d.severity), d.code, d.message, d.file, d.line]
                                 for d in e.diagnostics]}
             for k, e in cache.notes.items()}
    project = ({"key": cache.project.key, "files": cache.project.files,
                "hashes": cache.project.hashes} if cache.project else None)
    data = {"tool": __version__, "notes": notes, "project": project}
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def note_key(source: SourceNote, fingerprint: str, config: BuildConfig, names: list[str],
             when: int) -> str:
    """What a note's outputs depend on: its bytes, embeds, layouts, options, outputs, time."""
    f = source.file
    h = hashlib.sha256(source.digest.encode())
    embeds = [assets.stamp(t, f.path.parent, f.root) for t in source.note.embeds]
    for part in (f.display, fingerprint, __version__, _options(config), ",".join(names),
                 str(when), *embeds):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def project_key(notes: list[SourceNote], cache: Cache, names: list[str], fingerprint: str,
                config: BuildConfig) -> str:
    """What the combined outputs depend on: every note's key, the outputs, layouts, options."""
    keys = sorted((n.id, e.key if (e := cache.notes.get(n.id)) else "") for n in notes)
    return hashlib.sha256(json.dumps(
        [keys, names, fingerprint, _options(config)]).encode()).hexdigest()


def _options(config: BuildConfig) -> str:
    """The options outputs depend on, and the layout settings studypress.toml gives (fonts,
    the deck's name, subject naming). The project's name is left out: no output uses it, and
    renaming the project's folder must not rebuild every note."""
    from ..project import configured

    project = configured(config.project_dir)
    given = json.dumps(project.layout_settings if project else {}, sort_keys=True)
    return repr(replace(config.options, project_name="")) + given
