"""Sources → notes → renderers → files. The only module (with its cache) that touches the disk.

Notes are all read first (reading is cheap), then only the notes whose content, layouts, options
or tool version changed are rendered, in parallel when there are several. Every file is written
atomically: a failed build never leaves a half-written output.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__, assets
from .diagnostics import Collector, has_errors, ordered, strict
from .layouts import LayoutError, Layouts
from .model import Diagnostic, Note, Severity
from .reader import ReadError, read_note
from .renderers import base

CACHE_NAME = ".studypress-cache.json"


class BuildError(Exception):
    """A problem with the command itself (a missing path): exit code 2."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str  # as shown in diagnostics, relative to the current folder when possible
    root: Path  # the folder the build was given: embeds are looked up below it


@dataclass
class BuildConfig:
    paths: list[Path]
    output: Path
    options: base.RenderOptions = field(default_factory=base.RenderOptions)
    renderers: list[str] | None = None  # None: every registered renderer
    strict: bool = False
    jobs: int = 0  # 0: one per core
    force: bool = False
    project_dir: Path = field(default_factory=Path.cwd)


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover(paths: list[Path]) -> list[SourceFile]:
    """Every ``*.md`` file under the given files and folders, in a stable order."""
    found: dict[Path, SourceFile] = {}
    for p in paths:
        if not p.exists():
            raise BuildError(f"{p}: no such file or folder; give a note or a folder of notes")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*.md")
                           if f.is_file() and not any(part.startswith(".") for part in
                                                      f.relative_to(p).parts))
        else:
            files = [p]
        root = p if p.is_dir() else p.parent
        for f in files:
            found.setdefault(f.resolve(), SourceFile(f, _display(f), root))
    return list(found.values())


def read_sources(files: list[SourceFile]) -> tuple[list[Note], list[Diagnostic]]:
    """Read every note; unreadable files become error diagnostics, never exceptions."""
    notes: list[Note] = []
    problems: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            note = read_note(f.path, f.display, f.root)
        except ReadError as exc:
            problems.append(Diagnostic(Severity.ERROR, "unreadable", exc.message, exc.file,
                                       exc.line))
            continue
        if note.id in seen:
            new_id = _unique(note.id, f.path, seen)
            problems.append(Diagnostic(
                Severity.WARNING, "duplicate-id",
                f"note id '{note.id}' is already used by {seen[note.id]}; this note is built "
                f"as '{new_id}' (give it its own permalink to choose the name)", f.display, 1))
            note = replace(note, id=new_id)
        seen[note.id] = f.display
        notes.append(note)
    return notes, problems


def _unique(note_id: str, path: Path, seen: dict[str, str]) -> str:
    """A second note with the same id is named after its folder, so adding a third note
    elsewhere never moves the first two (and their decks and ledgers) to new names."""
    from .reader import slugify

    candidate = f"{note_id}-{slugify(path.parent.name)}"
    n = 2
    while candidate in seen:
        candidate = f"{note_id}-{slugify(path.parent.name)}-{n}"
        n += 1
    return candidate


def build_time(path: Path) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the note file's mtime."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.strip().isdigit():
        return int(env.strip())
    try:
        return int(path.stat().st_mtime)
    except OSError:
        return 0


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename; returns False when the bytes were already there."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp creates files only the owner can read; outputs are ordinary files.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(path: Path, data: bytes, report: BuildReport, source: str) -> bool:
    """Write one output; a disk problem is an error naming the path, not a traceback."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        report.diagnostics.append(Diagnostic(
            Severity.ERROR, "write", f"cannot write {path}: {exc.strerror or exc}; check that "
            "the output folder is a writable folder with space left", source))
        return False
    report.written.append(path)
    return True


def _read_previous(folder: str, rel: str) -> bytes | None:
    path = Path(folder) / rel
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


# --------------------------------------------------------------------------- cache


def _load_cache(output: Path) -> dict[str, dict]:
    """The last build's record: ``notes`` (id → key and files) and ``project``."""
    try:
        data = json.loads((output / CACHE_NAME).read_text(encoding="utf-8"))
        if data.get("tool") == __version__ and isinstance(data.get("notes"), dict):
            notes = {k: v for k, v in data["notes"].items() if _valid_entry(v)}
            project = data.get("project")
            return {"notes": notes,
                    "project": project if isinstance(project, dict) else None}
    except (OSError, ValueError, AttributeError):
        pass  # a cache that fails to load means starting fresh
    return {}


def _valid_entry(entry: object) -> bool:
    """A cache entry as this version writes it; anything else is treated as no entry."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return False
    files = entry.get("files", {})
    return isinstance(files, dict) and all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in files.values()) \
        and isinstance(entry.get("diagnostics", []), list)


def _note_key(f: SourceFile, note: Note, fingerprint: str, config: BuildConfig,
              names: list[str], when: int) -> str:
    h = hashlib.sha256()
    h.update(f.path.read_bytes())
    embeds = [assets.stamp(t, f.path.parent, f.root) for t in note.embeds]
    for part in (f.display, fingerprint, __version__, repr(config.options), ",".join(names),
                 str(when), *embeds):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- render


@dataclass(frozen=True)
class _Job:
    note: Note
    names: tuple[tuple[str, str], ...]  # (output name, module): workers may not share the
    # parent's registry (spawn and forkserver start fresh interpreters)
    options: base.RenderOptions
    project_dir: str
    folder: str
    when: int
    note_dir: str
    root: str


@dataclass
class _JobResult:
    files: dict[str, list[base.Output]] = field(default_factory=dict)  # renderer → its files
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # renderers that raised


def _run_job(job: _Job) -> _JobResult:
    """Render one note with every renderer (runs in a worker process)."""
    from . import renderers

    layouts = Layouts(Path(job.project_dir) / "layouts")
    ctx = base.RenderContext(job.options, layouts, job.when,
                             functools.partial(_read_previous, job.folder),
                             functools.partial(assets.read, note_dir=job.note_dir,
                                               root=job.root))
    out = _JobResult()
    for name, module in job.names:
        renderer = renderers.load_module(module)
        if not hasattr(renderer, "render"):
            continue
        try:
            result = renderer.render(job.note, ctx)
        except LayoutError as exc:
            out.failed.add(name)
            out.diagnostics.append(Diagnostic(Severity.ERROR, "layout", f"{name}: {exc}",
                                              job.note.source))
            continue
        except Exception as exc:
            out.failed.add(name)
            out.diagnostics.append(Diagnostic(
                Severity.ERROR, "renderer", f"the {name} renderer failed "
                f"({type(exc).__name__}: {exc}); its earlier output was left as it was",
                job.note.source))
            continue
        out.files[name] = result.files
        out.diagnostics.extend(result.diagnostics)
        out.messages.extend(result.messages)
    return out


def build(config: BuildConfig,
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Compile every note under ``config.paths`` into ``config.output``."""
    from . import renderers

    report = BuildReport()
    names = config.renderers or renderers.names()
    unknown = [n for n in names if n not in renderers.REGISTRY]
    if unknown:
        raise BuildError(f"unknown output {', '.join(unknown)}; choose from "
                         f"{', '.join(renderers.names())}")
    assets.forget()
    files = discover(config.paths)
    if not files:
        raise BuildError(f"no Markdown notes (*.md) found in {', '.join(map(str, config.paths))}")
    notes, problems = read_sources(files)
    report.diagnostics.extend(problems)
    by_source = {f.display: f for f in files}
    layouts = Layouts(config.project_dir / "layouts")
    try:
        fingerprint = layouts.fingerprint()
    except OSError as exc:
        raise BuildError(f"cannot read layouts: {exc}") from None

    saved = _load_cache(config.output)
    old_cache: dict[str, dict] = saved.get("notes", {})
    cache = {} if config.force else old_cache
    # Entries of notes outside this build stay, so building one note keeps the others cached.
    new_cache: dict[str, dict] = dict(old_cache)
    jobs: list[_Job] = []
    for note in notes:
        report.diagnostics.extend(note.diagnostics)
        f = by_source[note.source]
        when = build_time(f.path)
        key = _note_key(f, note, fingerprint, config, names, when)
        folder = config.output / note.id
        entry = cache.get(note.id)
        if entry and entry.get("key") == key and all(
                (folder / rel).is_file() for rel in _recorded(entry)):
            new_cache[note.id] = entry
            report.unchanged.append(note.id)
            # The renderers' warnings still hold: --strict must fail on every run, not the first.
            report.diagnostics.extend(_diagnostics_from(entry.get("diagnostics", [])))
            continue
        new_cache[note.id] = {"key": key, "files": {}}
        modules = tuple((n, renderers.REGISTRY[n]) for n in names)
        jobs.append(_Job(note, modules, config.options, str(config.project_dir),
                         str(folder), when, str(f.path.parent), str(f.root)))

    results = _render_all(jobs, config.jobs, progress)
    for job, result in zip(jobs, results, strict=True):
        report.diagnostics.extend(result.diagnostics)
        report.messages.extend(result.messages)
        folder = config.output / job.note.id
        before = old_cache.get(job.note.id, {}).get("files", {})
        written: dict[str, list[str]] = {}
        for name, outs in result.files.items():
            for out in outs:
                _write(folder / out.path, out.data, report, job.note.source)
            written[name] = sorted({o.path for o in outs})
            # A renderer that reported an error may have skipped a file it still owes: its
            # earlier output stays until it succeeds.
            if isinstance(before, dict) and not has_errors(result.diagnostics):
                _remove_stale(folder, set(before.get(name, [])) - set(written[name]), report)
        if not has_errors(result.diagnostics):
            new_cache[job.note.id]["files"] = written
            new_cache[job.note.id]["diagnostics"] = [
                [str(d.severity), d.code, d.message, d.file, d.line] for d in result.diagnostics]
            report.built.append(job.note.id)
        else:
            new_cache.pop(job.note.id, None)  # try again next time

    project = saved.get("project") if isinstance(saved.get("project"), dict) else None
    project_key = hashlib.sha256(json.dumps(
        [sorted((n.id, new_cache.get(n.id, {}).get("key", "")) for n in notes), names,
         fingerprint, repr(config.options)]).encode()).hexdigest()
    if not all(p.is_dir() for p in config.paths):
        # A build of single notes sees only part of the project: a combined output made from
        # it would drop every other note (and report them all as removed).
        if project and project.get("files"):
            report.messages.append("combined outputs (the project deck) are made only when "
                                   "building whole folders; they were left as they were")
    elif (config.force or not project or project.get("key") != project_key or not all(
            (config.output / f).is_file() for f in project.get("files", []))):
        # Unchanged projects skip this step, so a no-op build never imports a renderer.
        files, ok = _project_outputs(config, notes, names, report)
        project = {"key": project_key, "files": files} if ok else None  # retried next time
    cache_data = {"tool": __version__, "notes": new_cache, "project": project}
    _write(config.output / CACHE_NAME,
           (json.dumps(cache_data, indent=1, sort_keys=True) + "\n").encode(), report,
           str(config.output))
    report.diagnostics = ordered(strict(report.diagnostics) if config.strict
                                 else report.diagnostics)
    return report


def _diagnostics_from(rows: list) -> list[Diagnostic]:
    out = []
    for row in rows:
        try:
            severity, code, message, file, line = row
            out.append(Diagnostic(Severity(severity), str(code), str(message), str(file),
                                  int(line) if line is not None else None))
        except (ValueError, TypeError):
            continue
    return out


def _recorded(entry: dict) -> list[str]:
    files = entry.get("files", {})
    return [f for group in files.values() for f in group] if isinstance(files, dict) else []


def _remove_stale(folder: Path, stale: set[str], report: BuildReport) -> None:
    """Delete files a renderer wrote last time and no longer makes (a note lost its cast)."""
    for rel in sorted(stale):
        path = folder / rel
        try:
            path.unlink(missing_ok=True)
            report.messages.append(f"removed {path}: its note no longer produces it")
        except OSError as exc:
            report.messages.append(f"could not remove stale {path}: {exc.strerror or exc}")


def _render_all(jobs: list[_Job], workers: int,
                progress: Callable[[int, int, str], None] | None) -> list[_JobResult]:
    total = len(jobs)
    if total == 0:
        return []
    workers = workers or (os.cpu_count() or 1)
    if total == 1 or workers == 1:
        results = []
        for i, job in enumerate(jobs):
            if progress:
                progress(i, total, job.note.id)
            results.append(_run_job(job))
        if progress:
            progress(total, total, "")
        return results
    with ProcessPoolExecutor(max_workers=min(workers, total)) as pool:
        futures = [pool.submit(_run_job, job) for job in jobs]
        results = []
        for i, fut in enumerate(futures):
            if progress:
                progress(i, total, jobs[i].note.id)
            results.append(fut.result())
        if progress:
            progress(total, total, "")
        return results


def _project_outputs(config: BuildConfig, notes: list[Note], names: list[str],
                     report: BuildReport) -> tuple[list[str], bool]:
    """Renderers with a ``render_project`` (the combined deck) run once over every note;
    returns the files they wrote (relative to the output folder) and whether all succeeded."""
    from . import renderers

    written: list[str] = []
    ok = True
    if not notes:
        return written, ok
    # build_time already prefers SOURCE_DATE_EPOCH; otherwise the newest note's time.
    when = max(build_time(Path(n.source)) for n in notes)
    layouts = Layouts(config.project_dir / "layouts")
    ctx = base.RenderContext(config.options, layouts, when,
                             functools.partial(_read_previous, str(config.output)))
    for name in names:
        renderer = renderers.load(name)
        if not hasattr(renderer, "render_project"):
            continue
        diag = Collector(str(config.output))
        try:
            result = renderer.render_project(notes, ctx)
        except Exception as exc:
            diag.error("renderer", f"the {name} renderer failed on the combined output "
                       f"({type(exc).__name__}: {exc})")
            report.diagnostics.extend(diag.items)
            ok = False
            continue
        report.diagnostics.extend(result.diagnostics)
        report.messages.extend(result.messages)
        for out in result.files:
            if _write(config.output / out.path, out.data, report, str(config.output)):
                written.append(out.path)
            else:
                ok = False
    return sorted(written), ok
