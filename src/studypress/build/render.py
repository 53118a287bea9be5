"""Phase 4, render: each planned note through every renderer, in worker processes when there
are several notes. Renderers return bytes; nothing here writes a file."""

from __future__ import annotations

import contextlib
import functools
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import assets
from ..diagnostics import Diagnostic, Severity
from ..layouts import LayoutError, Layouts
from ..lazy import Made
from ..renderers import base
from ..safepath import contained

if TYPE_CHECKING:
    from ..model import Note
    from .workers import Pool

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Job:
    """One note to render, as a worker process receives it."""

    note: Note
    names: tuple[tuple[str, str], ...]  # (output name, module): workers may not share the
    # parent's registry (spawn and forkserver start fresh interpreters)
    options: base.RenderOptions
    project_dir: str
    folder: str  # the note's output folder
    when: int
    note_dir: str
    root: str
    note_file: str = ""
    # False for a warm-up's sample: the lock, read whole for a note it does not know, is no
    # part of what a worker needs loaded.
    project_files: bool = True


@dataclass
class JobResult:
    files: dict[str, list[base.Output]] = field(default_factory=dict)  # renderer → its files
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # renderers that raised
    # Once written (build.write.job_writer): renderer → the paths it made; path → the sha256
    # of the bytes on disk; whether a file failed to reach the disk. ``files`` is then empty.
    made: dict[str, list[str]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    unwritten: bool = False
    # Renderer → what its combined output takes from this note (``project_part``), packed
    # (memo.pack), made here so the build's own process need not make it (see ``offering``).
    parts: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    job: Job
    result: JobResult


def read_previous(folder: str | None, rel: str) -> bytes | None:
    """A file an earlier build wrote in ``folder``, or None (always, without a folder)."""
    # A ledger names files: none outside its folder.
    path = contained(Path(folder), rel) if folder is not None else None
    try:
        return path.read_bytes() if path is not None and path.is_file() else None
    except OSError:
        return None


def path_of(folder: str | None, rel: str) -> str | None:
    """Where a file ``read_previous`` would read is, or None when there is none."""
    path = contained(Path(folder), rel) if folder is not None else None
    return str(path) if path is not None and path.is_file() else None


def place_of(file: Path, project_dir: Path) -> base.NotePlace:
    """A note's vault (the nearest folder above it holding ``.obsidian/``, else the project
    folder) and its path there."""
    real = file.resolve()
    vault, prefix = _folder_place(real.parent, project_dir.resolve(), {})
    return base.NotePlace(vault, prefix + real.name)


def places_of(files: Mapping[str, str], project_dir: Path) -> dict[str, base.NotePlace]:
    """``place_of`` each note (by id) of a build, from its file with every link resolved
    (``SourceFile.resolved``): worked out once per folder, as a vault's notes share a few."""
    root = project_dir.resolve()
    vaults: dict[Path, Path | None] = {}
    folders: dict[str, tuple[str, str]] = {}
    places = {}
    for note_id, real in files.items():
        folder, name = os.path.split(real)
        if folder not in folders:
            folders[folder] = _folder_place(Path(folder), root, vaults)
        vault, prefix = folders[folder]
        places[note_id] = base.NotePlace(vault, prefix + name)
    return places


def _folder_place(folder: Path, root: Path, vaults: dict[Path, Path | None]
                  ) -> tuple[str, str]:
    """The name of the vault of the notes in ``folder``, and what comes before a note's
    name in its path there ("" at the vault's top, and for a folder outside it: a note's
    name is then all a link can give)."""
    vault = _vault(folder, vaults) or root
    try:
        rel = folder.relative_to(vault).as_posix()
    except ValueError:
        return vault.name, ""
    return vault.name, "" if rel == "." else rel + "/"


def _vault(folder: Path, vaults: dict[Path, Path | None]) -> Path | None:
    """The nearest of ``folder`` and the folders above it holding ``.obsidian/``."""
    if folder in vaults:
        return vaults[folder]
    if (folder / ".obsidian").is_dir():
        found: Path | None = folder
    else:
        found = None if folder.parent == folder else _vault(folder.parent, vaults)
    vaults[folder] = found
    return found


def run_job(job: Job) -> JobResult:
    """Render one note with every renderer (runs in a worker process)."""
    from .. import renderers

    layouts = Layouts(Path(job.project_dir) / "layouts")
    project = job.project_dir if job.project_files else None
    ctx = base.RenderContext(job.options, layouts, job.when,
                             functools.partial(read_previous, job.folder),
                             functools.partial(assets.read, note_dir=job.note_dir,
                                               root=job.root),
                             functools.partial(read_previous, project),
                             {job.note.id: place_of(Path(job.note_file), Path(job.project_dir))}
                             if job.note_file else {},
                             project_path=functools.partial(path_of, project))
    out = JobResult()
    for name, module in job.names:
        renderer = renderers.load_module(module)
        if hasattr(renderer, "render"):
            rendered = _render_one(name, renderer, job.note, ctx, out)
            if rendered is not None and hasattr(renderer, "project_part"):
                _project_part(name, renderer, rendered, out)
    return out


def _render_one(name: str, renderer: base.Renderer, note: Note, ctx: base.RenderContext,
                out: JobResult) -> base.RenderResult | None:
    """What the renderer made of the note (its files also in ``out``), or None when it
    failed."""
    try:
        result = renderer.render(note, ctx)
    except LayoutError as exc:
        out.failed.add(name)
        out.diagnostics.append(Diagnostic(Severity.ERROR, "layout", f"{name}: {exc}",
                                          note.source))
        return None
    except Exception as exc:
        out.failed.add(name)
        out.diagnostics.append(Diagnostic(
            Severity.ERROR, "renderer", f"the {name} renderer failed "
            f"({type(exc).__name__}: {exc}); its earlier output was left as it was",
            note.source))
        return None
    out.files[name] = result.files
    out.diagnostics.extend(result.diagnostics)
    out.messages.extend(result.messages)
    return result


def _project_part(name: str, renderer: Any, rendered: base.RenderResult,
                  out: JobResult) -> None:
    """What the renderer's combined output takes from the note, handed over by the render
    that has just made its files: in a worker, where the notes are made side by side, rather
    than one after another in the build's own process. One that fails is made there as
    before, and the combined output reports what is wrong."""
    from .memo import pack

    with contextlib.suppress(Exception):
        out.parts[name] = pack(renderer.project_part(rendered))


class _Held:
    """Workers that outlast one use: a watch's, kept from one build to the next
    (``kept_workers``), where a worker started once keeps its modules and fonts loaded; and
    a build's, which its phases share (``build_workers``)."""

    def __init__(self, job: Callable[[Wired], JobResult], resize: bool) -> None:
        self.job, self.resize = job, resize  # resize: a new size asked for starts anew
        self.active = False
        self.pool: Pool | None = None
        self.size = 0
        self.build = 0  # the build the workers serve now; a new one makes them forget file indexes
        self.used = False  # a pool only warmed (``early``) has nothing to finish: killed

    def pool_for(self, workers: int) -> Pool:
        if self.pool is None or (self.resize and self.size != workers):
            self.start(workers, worker_start, (os.getpid(),))
        elif self.size < workers:  # a phase with more to do than the one that started it
            assert self.pool is not None
            self.pool.grow(workers)
            self.size = workers
        assert self.pool is not None
        return self.pool

    def start(self, workers: int, init: Callable[..., None], initargs: tuple) -> None:
        """Start ``workers`` anew, each running ``init(*initargs)`` first (the workers that
        later grow the pool or replace one run ``worker_start``)."""
        from .workers import Pool

        self.drop()
        self.pool = Pool(self.job, workers, init, initargs)
        self.pool.later(worker_start, (os.getpid(),))
        self.size, self.used = workers, False

    def drop(self, kill: bool = False) -> None:
        pool, self.pool, self.size = self.pool, None, 0
        if pool is not None:
            pool.kill() if kill or not self.used else pool.close()

    @contextlib.contextmanager
    def use(self, workers: int) -> Iterator[Pool]:
        """``pool_for(workers)``, killed at once when a stop or a failure leaves the block:
        no worker may outlive the build."""
        pool = self.pool_for(workers)
        self.used = True
        try:
            yield pool
        except BaseException:
            self.drop(kill=True)
            raise


@contextlib.contextmanager
def kept_workers() -> Iterator[None]:
    """Inside, builds render in worker processes kept for the next build, even one note's
    outputs, so an edit in a watch is not charged for starting them and loading fonts."""
    _KEPT.active = True
    try:
        yield
    finally:
        _KEPT.active = False
        _KEPT.drop()


@contextlib.contextmanager
def build_workers() -> Iterator[None]:
    """Inside (a build), the first phase that hands work to worker processes starts them
    (``workers_for``) and the later ones use the same: the parsing of many notes starts them
    before the notes are read, so no worker begins with a copy of every note the build's
    own process holds, and a worker loads its modules and fonts once for all it renders.
    They end with the block, at once on a stop. A build that never asks starts none."""
    if _BUILD.active or _KEPT.active:  # a watch renders in its kept workers
        yield
        return
    _BUILD.active = True
    try:
        yield
    except BaseException:
        _BUILD.drop(kill=True)  # Ctrl-C, SIGTERM or a failure: no worker outlives the build
        raise
    finally:
        _BUILD.active = False
        _BUILD.drop()


def start_early(init: Callable[..., None], initargs: tuple) -> None:
    """Start one of the build's workers (``build_workers``) now, running ``init(*initargs)``
    before its first job; nothing when a phase has already started them or the build
    renders in a watch's kept workers."""
    if _BUILD.active and not _KEPT.active and _BUILD.pool is None:
        _BUILD.start(1, init, initargs)


def warmed() -> bool:
    """Whether the build has a worker started (``start_early``) and not yet given work."""
    return _BUILD.pool is not None and not _BUILD.used


@contextlib.contextmanager
def workers_for(workers: int, fn: Callable[[Any], Any], shared: bool = True
                ) -> Iterator[Pool]:
    """The build's workers (``build_workers``) when it has them, started now if no phase
    has yet, else (or not ``shared``) a pool of ``workers`` of this phase's own that ends
    with it; a stop or a failure inside ends either at once. ``fn``: what a pool of its own
    runs."""
    from .workers import Pool  # multiprocessing: only a build that works in parallel

    if shared and _BUILD.active:
        with _BUILD.use(workers) as pool:
            yield pool
        return
    pool = Pool(fn, workers, worker_start, (os.getpid(),))
    try:
        yield pool
    except BaseException:
        pool.kill()
        raise
    pool.close()


# A job as a worker receives it: the build it is part of (0 unless the workers are kept),
# its note pickled, and the job without its note.
Wired = tuple[int, bytes, Job]


def _wired_job(item: Wired) -> JobResult:
    import pickle

    from .. import compiled

    _build, note, job = item
    result = run_job(replace(job, note=pickle.loads(note)))
    compiled.save()  # a worker ends without exit handlers: what it compiled is kept now
    return result


def _kept_job(item: Wired) -> JobResult:
    if item[0] != _SERVED[0]:  # files may have come or gone since the last build
        _SERVED[0] = item[0]
        assets.forget()
    return _wired_job(item)


_SERVED = [0]  # in a kept worker: the build whose jobs it ran last
_KEPT = _Held(_kept_job, resize=True)
# Started at its first use by a build's phase, whatever size it then asks for, since a pool
# larger than a phase's work only leaves a worker waiting.
_BUILD = _Held(_wired_job, resize=False)


class _Wire(Made[Wired]):
    """The jobs in the order they are handed out, each made ready to send when it is: a
    note is pickled once for all its outputs' jobs rather than once for each (its bytes are
    let go with its last job)."""

    def __init__(self, jobs: list[Job], build: int) -> None:
        self.jobs, self.build = jobs, build
        self.left = Counter(job.note.id for job in jobs)
        self.packed: dict[str, bytes] = {}
        super().__init__(len(jobs), self._wired)

    def _wired(self, index: int) -> Wired:
        import pickle

        job = self.jobs[index]
        note_id = job.note.id
        data = self.packed.pop(note_id, None)
        if data is None:
            data = pickle.dumps(job.note, protocol=pickle.HIGHEST_PROTOCOL)
        self.left[note_id] -= 1
        if self.left[note_id] > 0:
            self.packed[note_id] = data
        # The note travels pickled beside the job.
        return self.build, data, replace(job, note=None)  # type: ignore[arg-type]


Sink = Callable[[Job, JobResult], JobResult]


def offering(sink: Sink, offer: Callable[[str, str, bytes], None]) -> Sink:
    """``sink``, then each job's project parts handed to ``offer(output, note id, packed)``
    once its files are on disk (a part is made from the files the combined output would
    read back: only those that were written may stand in for them)."""

    def take(job: Job, result: JobResult) -> JobResult:
        parts, result.parts = result.parts, {}
        done = sink(job, result)
        if not done.unwritten:
            for name, packed in parts.items():
                if name not in done.failed:
                    offer(name, job.note.id, packed)
        return done

    return take


def _as_is(_job: Job, result: JobResult) -> JobResult:
    return result


def render_all(jobs: list[Job], workers: int, progress: Progress | None,
               sink: Sink = _as_is) -> list[Rendered]:
    """Every job's result, in the jobs' order, made by ``workers`` processes (the build
    has turned ``-j 0`` into one per core). Each result goes through ``sink`` the moment it
    comes (the write phase: a job's bytes need not wait in memory for every other job), but
    for one note's in the warm worker, which come together."""
    total = len(jobs)
    if total == 0:
        return []
    # One note renders in this process: starting a pool costs more than it gains, unless a
    # watch keeps one started, or the note is large enough for its outputs to be worth
    # sharing out between this process and a worker.
    one_note = len({job.note.id for job in jobs}) == 1
    large = total > 1 and sum(map(cost, jobs)) >= SHARED_COST
    if _KEPT.active and workers > 1:
        _KEPT.build += 1
        results = _in_pool(jobs, workers, progress, sink, _KEPT)
    elif one_note and workers > 1 and large:
        results = _in_pool(jobs, min(workers, total) - 1, progress, sink, here=True)
    elif one_note and workers > 1 and warmed():
        # A worker warmed while the note was read renders a small note faster than this
        # process, which has loaded none of what rendering needs; a copy of it shares them.
        results = _in_warm_worker(jobs, progress, sink)
    elif one_note or workers == 1:
        results = []
        for i, job in enumerate(jobs):
            _tick(progress, i, total, job.note.id)
            results.append(Rendered(job, sink(job, run_job(job))))
    else:
        results = _in_pool(jobs, min(workers, total), progress, sink)
    _tick(progress, total, total, "")
    return results


# About how much CPU each output takes per item of a note, relative to one another (the bench
# vault's first 50 notes, one process: guide 8.3 s, flashcards 4.3, handout 3.6, timeline
# 3.5, deck 2.7); outputs not named take next to none. The items an output is made of: the
# figure draws only events, the handout only people, the others all four kinds.
_COST = {"guide": 6.3, "flashcards": 3.3, "handout": 2.7, "timeline": 2.7, "deck": 2.0}
_ITEMS = {"timeline": ("events",), "handout": ("people",)}
_ALL_ITEMS = ("events", "people", "terms", "questions")


def cost(job: Job) -> float:
    """A guess at a job's CPU time, to hand out the longest jobs first."""
    note = job.note
    return sum(_COST.get(name, 0.1) * (1 + sum(len(getattr(note, kind))
                                               for kind in _ITEMS.get(name, _ALL_ITEMS)))
               for name, _ in job.names)


# A note whose outputs cost this much (``cost``: about 60 items) renders in this process and
# a worker side by side: a worker's start and its own imports cost less than the outputs it
# takes off this process.
SHARED_COST = 850.0


def _in_pool(jobs: list[Job], workers: int, progress: Progress | None, sink: Sink,
             kept: _Held | None = None, here: bool = False) -> list[Rendered]:
    """``here``: this process renders jobs too, whenever it waits for no result, in a pool
    of its own (the build's, if started, is not for one note)."""
    results: list[JobResult | None] = [None] * len(jobs)
    # Longest first: a long note's job started last would keep one worker busy while the
    # others have nothing left to do. Results still come back in the jobs' own order.
    order = sorted(range(len(jobs)), key=lambda i: (-cost(jobs[i]), i))
    wire = _Wire([jobs[i] for i in order], kept.build if kept else 0)
    with _pool(workers, kept, here) as pool:
        for done, (at, result) in enumerate(
                pool.run(wire, lambda at: run_job(jobs[order[at]])) if here else pool.run(wire)):
            index = order[at]
            _tick(progress, done, len(jobs), jobs[index].note.id)
            results[index] = _settled(sink, jobs[index], result)
    return [Rendered(job, result) for job, result in zip(jobs, results, strict=True)
            if result is not None]


def _in_warm_worker(jobs: list[Job], progress: Progress | None, sink: Sink
                    ) -> list[Rendered]:
    """One note's jobs handed to the warm worker all at once, which shares them with a
    forked copy of itself (``forked``); if the worker itself is lost, they go to the pool
    one by one, as they did before: only a job that fails again fails."""
    wire = _Wire(jobs, 0)
    batch = ([cost(job) for job in jobs], [wire[i] for i in range(len(jobs))])
    with workers_for(1, _wired_job) as pool:
        [(_, outcome)] = list(pool.run([batch], fn=_shared_jobs))
    if not isinstance(outcome, list):
        return _in_pool(jobs, 1, progress, sink)
    results = []
    for index, job in enumerate(jobs):
        _tick(progress, index, len(jobs), job.note.id)
        results.append(Rendered(job, _settled(sink, job, outcome[index])))
    return results


def _settled(sink: Sink, job: Job, result: JobResult | Exception) -> JobResult:
    """A job's result through ``sink``; a job that failed in its worker as ``_lost``."""
    return sink(job, result if isinstance(result, JobResult) else _lost(job, result))


def _shared_jobs(batch: tuple[list[float], list[Wired]]) -> list[JobResult | Exception]:
    """In the warm worker: the jobs shared with a forked copy that dies with it."""
    from . import forked

    costs, items = batch
    worker = os.getpid()
    return forked.run_shared(items, _wired_job, costs, start=lambda: worker_start(worker))


@contextlib.contextmanager
def _pool(workers: int, kept: _Held | None, here: bool) -> Iterator[Pool]:
    """The pool a render phase hands its jobs to: the watch's kept one, else the build's
    (``workers_for``), else, to share one note's jobs with this process, one of its own
    (unless the build warmed one: ``start_early``)."""
    with kept.use(workers) if kept else workers_for(
            workers, _wired_job, shared=not here or warmed()) as pool:
        yield pool


def _lost(job: Job, error: Exception) -> JobResult:
    """A note whose worker died or raised: every renderer failed, earlier outputs stay."""
    out = JobResult(failed={name for name, _ in job.names})
    out.diagnostics.append(Diagnostic(
        Severity.ERROR, "renderer", f"rendering stopped ({error}); this note's earlier "
        "outputs were left as they were: build again, or with -j 1 to see the error",
        job.note.source))
    return out


def worker_start(parent: int) -> None:
    """A worker dies with its parent: even a SIGKILL of the build leaves no worker behind.
    (Started afresh by the command, it keeps what it compiles as the command does:
    ``compiled``.)"""
    import signal
    import threading
    import time

    try:  # Linux: the kernel kills the worker when its parent dies
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # elsewhere: notice that the parent is gone
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _tick(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress:
        progress(done, total, label)
