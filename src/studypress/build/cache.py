"""The build record in ``output/.studypress-cache.json``: per note, the key it was built with,
the files each renderer wrote and the renderers' diagnostics; and the combined outputs' key."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__, assets
from ..collector import paused
from ..diagnostics import Diagnostic, Severity, terminal_safe
from .inputs import COMBINED, Prints, reads
from .records import BuildConfig, SourceNote

CACHE_NAME = ".studypress-cache.json"


@dataclass
class NoteEntry:
    """One note's part of the record: what its outputs were built with, wrote and said."""

    key: str  # of all its outputs' keys together: a record edited by hand fails to match it
    files: dict[str, list[str]] = field(default_factory=dict)  # renderer → paths in its folder
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # path → sha256 of what was written
    keys: dict[str, str] = field(default_factory=dict)  # renderer → the key it was built with
    made_by: list[str] = field(default_factory=list)  # the renderer of each diagnostic

    def recorded(self) -> list[str]:
        """Every file this note's renderers wrote, relative to the note's folder."""
        return [f for group in self.files.values() for f in group]

    def reported(self, renderer: str) -> list[Diagnostic]:
        """The diagnostics one renderer reported."""
        return [d for d, by in zip(self.diagnostics, self.made_by, strict=False)
                if by == renderer]

    @classmethod
    def made(cls, keys: dict[str, str], files: dict[str, list[str]],
             reported: dict[str, list[Diagnostic]], hashes: dict[str, str]) -> NoteEntry:
        """An entry for outputs built with ``keys``, each renderer's files and diagnostics."""
        diagnostics = [d for name in reported for d in reported[name]]
        made_by = [name for name in reported for _ in reported[name]]
        return cls(combined_key(keys), files, diagnostics, hashes, dict(keys), made_by)


def combined_key(keys: dict[str, str]) -> str:
    """One key for a note's outputs' keys."""
    return hashlib.sha256(json.dumps(keys, sort_keys=True).encode()).hexdigest()


@dataclass
class ProjectEntry:
    """The combined outputs' part of the record."""

    key: str  # of its outputs' keys together
    files: list[str] = field(default_factory=list)  # relative to the output folder
    hashes: dict[str, str] = field(default_factory=dict)  # path → sha256 of what was written
    keys: dict[str, str] = field(default_factory=dict)  # combined output → its key
    made: dict[str, list[str]] = field(default_factory=dict)  # combined output → its files
    # Combined output made from its notes' parts alone → the key of those parts and of the
    # project files it wrote (``parts_key``), and those files' names.
    parts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


@dataclass
class Cache:
    """The build record: every note's entry and the combined outputs'."""

    notes: dict[str, NoteEntry] = field(default_factory=dict)
    project: ProjectEntry | None = None
    problem: str | None = None  # why the record on disk could not be used


SET_ASIDE = CACHE_NAME + ".unreadable"


def load(output: Path) -> Cache:
    """The last build's record; a record that fails to load means starting fresh, and one
    that cannot be parsed is set aside (renamed) so it can be looked at."""
    with paused():  # an entry for each note, none of them garbage
        return _load(output / CACHE_NAME)


def _load(path: Path) -> Cache:
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
    diagnostics, made_by = _diagnostics_from(rows)
    return NoteEntry(entry["key"], {str(k): list(v) for k, v in files.items()},
                     diagnostics, _hashes(entry.get("hashes")), _hashes(entry.get("keys")),
                     made_by)


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
    files, made = entry.get("files", []), entry.get("made", {})
    if not isinstance(entry.get("key"), str) or not _string_lists([files]) \
            or not isinstance(made, dict) or not _string_lists(made.values()):
        return None
    return ProjectEntry(entry["key"], list(files), _hashes(entry.get("hashes")),
                        _hashes(entry.get("keys")), {str(k): list(v) for k, v in made.items()},
                        _parts(entry.get("parts")))


def _parts(value: object) -> dict[str, tuple[str, list[str]]]:
    """Recorded parts keys; a malformed one counts as none (the output is made again)."""
    if not isinstance(value, dict):
        return {}
    return {k: (v[0], list(v[1])) for k, v in value.items()
            if isinstance(k, str) and isinstance(v, list) and len(v) == 2
            and isinstance(v[0], str) and _string_lists([v[1]])}


def _diagnostics_from(rows: list) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics and, for each, the renderer that reported it ("" when not recorded)."""
    out, made_by = [], []
    for row in rows:
        try:
            severity, code, message, file, line, *by = row
            out.append(Diagnostic(Severity(severity), terminal_safe(str(code)),
                                  terminal_safe(str(message)), terminal_safe(str(file)),
                                  int(line) if line is not None else None))
            made_by.append(str(by[0]) if by else "")
        except (ValueError, TypeError):
            continue
    return out, made_by


def dumps(cache: Cache) -> bytes:
    """The record as written to disk."""
    notes = {k: {"key": e.key, "keys": e.keys, "files": e.files, "hashes": e.hashes,
                 "diagnostics": [[str(d.severity), d.code, d.message, d.file, d.line, by]
                                 for d, by in zip(e.diagnostics, e.made_by, strict=False)]}
             for k, e in cache.notes.items()}
    project = ({"key": cache.project.key, "files": cache.project.files,
                "hashes": cache.project.hashes, "keys": cache.project.keys,
                "made": cache.project.made,
                "parts": {k: [key, files] for k, (key, files) in cache.project.parts.items()}}
               if cache.project else None)
    data = {"tool": __version__, "notes": notes, "project": project}
    # Compact: only then does ``json`` write with its C encoder, three times as fast for the
    # megabytes of a large vault's record, rewritten whenever a note is built.
    return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode()


class OutputKeys:
    """What each output of a note depends on: the note's bytes and embeds, the tool, the
    options, the build time, and the layout files that output reads (``inputs.READS``). What
    is the same for every note of the build is worked out once."""

    def __init__(self, prints: Prints, config: BuildConfig, names: list[str]) -> None:
        self.build = b"\0" + __version__.encode() + b"\0" + _options(config).encode()
        self.outputs = [(name, f"\0{name}\0{prints.of(name)}") for name in names]

    def __call__(self, source: SourceNote, when: int) -> dict[str, str]:
        """Each output's key for ``source`` built at ``when``."""
        f = source.file
        h = hashlib.sha256(source.digest.encode())
        h.update(b"\0" + f.display.encode())
        h.update(self.build)
        h.update(b"\0" + str(when).encode())
        for target in source.brief.embeds:
            h.update(b"\0" + assets.stamp(target, f.path.parent, f.root).encode())
        common = h.hexdigest()
        return {name: hashlib.sha256((common + tail).encode()).hexdigest()
                for name, tail in self.outputs}


def project_keys(notes: list[SourceNote], cache: Cache, names: list[str], prints: Prints,
                 config: BuildConfig) -> dict[str, str]:
    """What each combined output depends on: every note's key of that output, the layouts it
    reads, the options."""
    out = {}
    for name in combined_outputs(names):
        keys = sorted((n.id, e.keys.get(name, "") if (e := cache.notes.get(n.id)) else "")
                      for n in notes)
        out[name] = hashlib.sha256(json.dumps(
            [keys, name, prints.of(name), _options(config)]).encode()).hexdigest()
    return out


def parts_key(name: str, parts: Iterable[tuple[str, bytes]],
              wrote: Iterable[tuple[str, str | None]], prints: Prints,
              config: BuildConfig) -> str:
    """What a combined output made from its notes' parts alone depends on: each note's part
    (note id, the sha256 of the packed part), the project files it wrote last (name, sha256;
    None: missing), which it reads again, the layouts it reads, the options."""
    h = hashlib.sha256(json.dumps([name, prints.of(name), _options(config),
                                   sorted(wrote)]).encode())
    for note_id, digest in parts:
        h.update(f"\0{note_id}\0".encode() + digest)
    return h.hexdigest()


def combined_outputs(names: list[str]) -> list[str]:
    """The outputs among ``names`` that may have a combined part (any output READS does not
    know may)."""
    return [n for n in names if n in COMBINED or reads(n) is None]


def _options(config: BuildConfig) -> str:
    """The options outputs depend on. The project's name is left out: no output uses it,
    and renaming the project's folder must not rebuild every note."""
    return repr(replace(config.options, project_name=""))
