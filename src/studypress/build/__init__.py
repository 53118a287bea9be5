"""Sources → notes → renderers → files. The only package (with its cache) that touches the disk.

The build runs in phases, each a function with a typed result: discover the files, read them
into notes, plan which notes changed (the cache), render those in parallel, write the bytes
atomically, prune the files a note no longer makes, and report. Notes are all read first
(reading is cheap); only the notes whose content, layouts, options or tool version changed are
rendered. A failed build never leaves a half-written output.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..collector import build_lifetime, settle
from ..diagnostics import Diagnostic, Severity, ordered, strict
from ..layouts import LayoutError
from ..stops import Terminated
from . import cache as cache_file
from .cache import CACHE_NAME, Cache
from .discover import Discovery, discover, discover_all, display_path
from .early import looks_edited, sample_note, warm_early
from .folder_lock import held
from .inputs import Prints, prints
from .limits import Limits
from .memo import MEMO_NAME, Memo
from .outputs import check_output, claim_output
from .plan import Plan, build_time, plan
from .project import ProjectResult, combined
from .prune import prune
from .read import ReadResult, file_digest, read_sources
from .records import BuildConfig, BuildError, BuildReport, SourceFile, SourceNote
from .render import Job, JobResult, Progress, build_workers, offering, run_job
from .write import NoteWrites, Writer, clean_temporary, job_writer, note_writes, write_atomic

__all__ = [
    "CACHE_NAME",
    "BuildConfig",
    "BuildError",
    "BuildReport",
    "Discovery",
    "Job",
    "JobResult",
    "ReadResult",
    "SourceFile",
    "SourceNote",
    "Terminated",
    "build",
    "build_time",
    "check_output",
    "discover",
    "discover_all",
    "display_path",
    "read_sources",
    "run_job",
    "write_atomic",
]


def build(config: BuildConfig, progress: Progress | None = None,
          waiting: Callable[[str], None] | None = None) -> BuildReport:
    """Compile every note under ``config.paths`` into ``config.output``; ``waiting`` is told
    when another command is writing into the output folder and this one waits for it."""
    from .. import assets

    names = _renderer_names(config)
    assets.forget()
    found = _found(config)  # refused at once, before any wait
    with build_lifetime(), held(config.output, waiting) as waited:
        if waited:  # notes and the folder as they are now, not as before the wait
            assets.forget()
            found = _found(config)
        return _build(config, progress, names, found)


def _found(config: BuildConfig) -> Discovery:
    """The notes to build, once the output folder is known to be one to write into."""
    found = discover_all(config.paths)
    check_output(config)
    if not found.files:
        raise BuildError(f"no Markdown notes (*.md) found in {', '.join(map(str, config.paths))}")
    return found


def _build(config: BuildConfig, progress: Progress | None, names: list[str],
           found: Discovery) -> BuildReport:
    from ..project import config_diagnostics

    claim_output(config, cache_file.dumps(Cache()))
    clean_temporary(config.output)  # left by a build that was killed
    workers = config.jobs or os.cpu_count() or 1  # 0: one per core
    limits = _limits(config)
    settle()  # the modules, before any worker is forked
    with build_workers():  # the parsing and the rendering share their workers
        if not config.force and workers > 1:
            _warm_early(config, found.files, names)
        # --force parses every note again too.
        memo = Memo(config.output / MEMO_NAME) if config.force else Memo.load(config.output)
        settle()
        read = read_sources(found.files, limits, memo, workers)
        read.diagnostics[:0] = [*found.diagnostics, *config_diagnostics(config.project_dir)]
        fingerprint = _prints(config)
        saved = cache_file.load(config.output)
        settle()
        if saved.problem:
            read.diagnostics.append(Diagnostic(Severity.WARNING, "build-record", saved.problem,
                                               str(config.output / CACHE_NAME)))
        planned = plan(config, read.notes, names, _modules(names), fingerprint, saved)
        writer = Writer()
        # Each job's files are written as it ends, so the build holds no note's bytes long.
        written = note_writes(config.output, planned.render(
            workers, progress, offering(job_writer(config.output, writer), memo.offer)))
    # Rendered, the notes are packed and let go: the combined outputs take them one by one.
    memo.release()
    for source in read.notes:
        source.forget()
    messages = prune(written, saved)
    changed = _changed_meanwhile(read.notes, written)
    planned.record(written, set(changed))
    project = combined(config, read.notes, names, fingerprint, planned.cache, writer, memo)
    memo.save()
    planned.cache.project = project.entry
    if planned.cache != saved:  # the record as it was loaded serves the next build as well
        writer.put(config.output / CACHE_NAME, cache_file.dumps(planned.cache),
                   str(config.output))
    return _report(config, read, planned, written, project, writer,
                   messages, list(changed.values()))


def _warm_early(config: BuildConfig, files: list[SourceFile], names: list[str]) -> None:
    """A worker warming up from the start (``early``), when a note changed since the last
    build."""
    if looks_edited(files, config.output / MEMO_NAME):
        folder = str(config.output / ".studypress-sample")  # none: nothing to read back
        warm_early(Job(sample_note(), _modules(names), config.options,
                       str(config.project_dir), folder, 0, folder, folder,
                       project_files=False))


def _renderer_names(config: BuildConfig) -> list[str]:
    from .. import renderers

    names = config.renderers or renderers.defaults()
    unknown = [n for n in names if n not in renderers.REGISTRY]
    if unknown:
        raise BuildError(f"unknown output {', '.join(unknown)}; choose from "
                         f"{', '.join(renderers.names())}")
    return names


def _limits(config: BuildConfig) -> Limits:
    try:
        return Limits.load(config.project_dir)
    except LayoutError as exc:
        raise BuildError(str(exc)) from None


def _modules(names: list[str]) -> tuple[tuple[str, str], ...]:
    from .. import renderers

    return tuple((n, renderers.REGISTRY[n]) for n in names)


def _prints(config: BuildConfig) -> Prints:
    try:
        return prints(config.project_dir / "layouts")
    except OSError as exc:
        raise BuildError(f"cannot read layouts: {exc}") from None


def _changed_meanwhile(notes: list[SourceNote],
                       written: list[NoteWrites]) -> dict[str, Diagnostic]:
    """A warning for each rendered note whose file changed (or went) while it was built: its
    outputs show the text that was read, and the record leaves it out so the next build
    builds it again."""
    rendered = {w.note_id for w in written}
    out = {}
    for n in notes:
        if n.id in rendered and file_digest(n.file.path) != n.digest:
            out[n.id] = (Diagnostic(Severity.WARNING, "changed-during-build",
                                  "the note changed while it was being built; its outputs "
                                  "show the earlier text, and the next build builds it again",
                                  n.file.display))
    return out


def _report(config: BuildConfig, read: ReadResult, planned: Plan, written: list[NoteWrites],
            project: ProjectResult, writer: Writer, messages: list[str],
            changed: list[Diagnostic]) -> BuildReport:
    """Phase 7, report: every diagnostic in file and line order, and what was done."""
    diagnostics = [*read.diagnostics, *(d for n in read.notes for d in n.brief.diagnostics),
                   *planned.replayed, *(d for w in written for d in w.diagnostics),
                   *project.diagnostics, *writer.diagnostics, *changed]
    diagnostics = list(dict.fromkeys(diagnostics))  # said alike by two outputs (timeline, png)
    report = BuildReport(
        diagnostics=ordered(strict(diagnostics) if config.strict else diagnostics),
        built=[w.note_id for w in written if w.ok],
        unchanged=planned.unchanged,
        written=writer.written,
        messages=[*(m for w in written for m in w.messages), *messages, *project.messages])
    return report
