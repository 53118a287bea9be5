"""``studypress watch``: build, then build again whenever a note, a layout or the project's
settings change.

Changes come as file-system events (``watchfiles``), not by polling, grouped so that one save
(which editors make as several writes and renames) gives one build. Each build goes through the
normal cache, so only the notes that changed are rendered again, and a changed layout renders
again the notes whose outputs use it. A broken note or layout is reported and the watch goes on:
the next good save builds.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .project import CONFIG_NAME, LAYOUTS_DIR, PYPROJECT

DEBOUNCE_MS = 1600  # the longest a burst of changes is gathered before a build starts
STEP_MS = 50  # a burst ends after this long without a change (watchfiles' own default)


@dataclass
class Round:
    """One build of the watch: what set it off, and its report or the reason it failed."""

    changed: list[Path] = field(default_factory=list)  # empty for the first build
    report: Any = None  # a BuildReport
    error: str | None = None
    seconds: float = 0.0
    output: Path | None = None


@dataclass(frozen=True)
class _Targets:
    trees: tuple[Path, ...]  # watched with everything below: the notes, the layouts
    root: Path  # watched on its own: the settings file, and a layouts/ folder appearing
    output: Path


def _targets(config: Any) -> _Targets:
    """What to watch for these settings."""
    root = Path(config.project_dir)
    trees: list[Path] = []
    for path in (*map(Path, config.paths), root / LAYOUTS_DIR):
        if path.exists() and not any(_within(path, seen) for seen in trees):
            trees.append(path)
    return _Targets(tuple(trees), root, Path(config.output))


def _broken_targets() -> _Targets:
    """Broken settings: only the folder of the settings file, for the fix."""
    from .project import find_config

    found = find_config(Path.cwd())
    root = found.parent if found else Path.cwd()
    return _Targets((), root, root / "output")


def _within(path: Path, folder: Path) -> bool:
    return folder.is_dir() and path.resolve().is_relative_to(folder.resolve())


# Files editors and office suites write beside the file being saved, and remove again: vim's
# write test ("4913", numbered on when taken), backups ("note.md~"), emacs' auto-save
# ("#note.md#"), temporary and partial downloads, Office's owner file ("~$note.docx"), kate's
# and JetBrains' swap files, Chrome's ".crswap". Dot files (".note.md.swp", ".#note.md",
# ".~lock.note.odt#", ".note.md.tmp") are litter by their dot.
_LITTER = re.compile(
    r"""^(?:\d+            # vim's write test
        |.*~               # a backup
        |\#.*\#           # emacs' auto-save
        |~\$.*             # Office's owner file
        |.*\.(?:sw[a-p]|tmp|temp|bak|part|crdownload|crswap|kate-swp|orig|rej)
        |.*___jb_(?:tmp|old|bak)___
        )$""", re.VERBOSE | re.IGNORECASE)


def is_litter(path: Path, under: tuple[Path, ...] = ()) -> bool:
    """Whether a changed file is no note, layout or setting but an editor's or tool's own:
    a dot file, a file inside a dot folder below a watched folder (Obsidian's ``.obsidian/``
    workspace, ``.trash/``, ``.git/``), or a temporary, swap or backup file by its name."""
    name = path.name
    if name.startswith(".") or _LITTER.match(name):
        return True
    for root in under:
        if path.is_relative_to(root):
            return any(part.startswith(".") for part in path.relative_to(root).parts[:-1])
    return False


class _Filter:
    """The editors' and tools' litter (``is_litter``) and the output folder do not count;
    in the project's own folder only the settings files and layouts/ do."""

    def __init__(self, output: Path, names: frozenset[str] | None = None,
                 trees: tuple[Path, ...] = ()) -> None:
        from watchfiles import DefaultFilter

        self._default = DefaultFilter()
        self._output = output.resolve()
        self._names = names
        # Both spellings of each tree: watchfiles reports paths as they were given.
        self._trees = tuple(dict.fromkeys((*trees, *(t.resolve() for t in trees))))

    def __call__(self, change: Any, path: str) -> bool:
        if not self._default(change, path):
            return False
        if self._names is not None:
            return Path(path).name in self._names
        if Path(path).resolve().is_relative_to(self._output):
            return False  # our own writes would start the next build
        return not is_litter(Path(path), self._trees)


ROOT_NAMES = frozenset({CONFIG_NAME, PYPROJECT, LAYOUTS_DIR})


def _build_once(make_config: Callable[[], Any], build: Callable[[Any], Any],
                changed: list[Path]) -> tuple[Round, Any]:
    """One build; every failure becomes the round's error, never an exception."""
    from .build import BuildError
    from .project import ConfigError

    started = time.perf_counter()
    result = Round(changed=changed)
    config = None
    try:
        config = make_config()
        result.output = config.output
        result.report = build(config)
    except (ConfigError, BuildError) as exc:
        result.error = str(exc) if isinstance(exc, ConfigError) else f"error: {exc}"
    except Exception as exc:  # keep watching: the next save may fix it
        result.error = (f"error: the build failed ({type(exc).__name__}: {exc}); watching "
                        "for the next change")
    result.seconds = time.perf_counter() - started
    return result, config


class _Watcher:
    """watchfiles in threads of their own (one for the trees, one for the project folder), so
    they are listening before the first build ends and keep what is saved during a build for
    the next one."""

    def __init__(self, targets: _Targets, debounce_ms: int, step_ms: int) -> None:
        import queue

        self.targets = targets
        self.batches: queue.Queue[set[Path] | None] = queue.Queue()
        self._stop = threading.Event()
        self._timing = (debounce_ms, step_ms)
        groups = [(targets.trees, True, _Filter(targets.output, trees=targets.trees)),
                  ((targets.root,), False, _Filter(targets.output, ROOT_NAMES))]
        self._threads = [threading.Thread(target=self._run, args=g, daemon=True,
                                          name="studypress-watch")
                         for g in groups if g[0]]
        for thread in self._threads:
            thread.start()

    def _run(self, paths: tuple[Path, ...], recursive: bool, keep: _Filter) -> None:
        import watchfiles

        debounce_ms, step_ms = self._timing
        try:
            for batch in watchfiles.watch(*paths, watch_filter=keep, debounce=debounce_ms,
                                          step=step_ms, stop_event=self._stop,
                                          recursive=recursive, raise_interrupt=False):
                self.batches.put({Path(p) for _, p in batch})
        except Exception:  # a watched folder went away: the next round watches anew
            time.sleep(0.5)
        finally:
            self.batches.put(None)

    def next(self, stop: threading.Event) -> list[Path] | None:
        """The files of the next burst (and any queued behind it); None once stopped, and an
        empty list when a watcher ended on its own (watch again)."""
        import queue

        while not stop.is_set():
            try:
                first = self.batches.get(timeout=0.1)
            except queue.Empty:
                continue
            if first is None:
                return []
            files = set(first)
            while True:
                try:
                    more = self.batches.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    break
                files |= more
            return sorted(files)
        return None

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)


def watch(make_config: Callable[[], Any], on_round: Callable[[Round], None], *,
          build: Callable[[Any], Any] | None = None, stop: threading.Event | None = None,
          debounce_ms: int = DEBOUNCE_MS, step_ms: int = STEP_MS,
          on_start: Callable[[_Targets], None] | None = None) -> None:
    """Build now, then after every burst of changes, until ``stop`` is set (or Ctrl-C).

    ``make_config`` is asked again before every build, so an edited studypress.toml counts
    from the next build on."""
    if build is None:
        from .build import build as run

        build = run
    stop = stop or threading.Event()
    changed: list[Path] = []
    watcher: _Watcher | None = None
    try:
        while not stop.is_set():
            watcher = _rewatch(watcher, _peek(make_config), debounce_ms, step_ms, on_start)
            result, _ = _build_once(make_config, build, changed)
            on_round(result)
            files = watcher.next(stop)
            if files is None:
                return
            changed = files
    finally:
        if watcher is not None:
            watcher.close()


def _peek(make_config: Callable[[], Any]) -> Any:
    """The settings, or None when they are broken (the build reports why)."""
    try:
        return make_config()
    except Exception:
        return None


def _rewatch(watcher: _Watcher | None, config: Any, debounce_ms: int, step_ms: int,
             on_start: Callable[[_Targets], None] | None) -> _Watcher:
    """The watcher for these settings: the running one while its targets stay the same, or
    while the settings are broken (it watches the settings file too)."""
    if config is None and watcher is not None:
        return watcher
    targets = _targets(config) if config is not None else _broken_targets()
    if watcher is not None and watcher.targets == targets:
        return watcher
    if watcher is not None:
        watcher.close()
    if on_start:
        on_start(targets)
    return _Watcher(targets, debounce_ms, step_ms)


# --------------------------------------------------------------------------- the command


def command(given: Any, quiet: bool, stop: threading.Event | None = None) -> None:
    """``studypress watch`` with the options ``build`` takes (``given``: project.Overrides);
    prints each build as ``build`` does."""
    from dataclasses import replace

    import typer

    from .project import build_config

    rounds = [0]

    def make_config() -> Any:
        # --force means "rebuild everything once", not on every save.
        return build_config(given if rounds[0] == 0 else replace(given, force=False))

    def build(config: Any) -> Any:
        from . import progress
        from .build import build as run

        display = progress.start(quiet)
        try:
            return run(config, progress=display, waiting=progress.waiting(typer.echo, quiet))
        finally:
            if display:
                display.close()

    def on_round(result: Round) -> None:
        rounds[0] += 1
        _print_round(result, quiet, typer.echo)

    def on_start(targets: _Targets) -> None:
        from .project import shown

        if not quiet:
            where = [shown(t) for t in targets.trees] or [shown(targets.root)]
            typer.echo(f"watching {', '.join(where)}; Ctrl-C to stop", err=True)

    from .build.render import kept_workers

    # The workers stay for the whole watch: a save renders in processes that have their
    # fonts loaded already, the note's outputs side by side.
    with kept_workers(), contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends a watch
        watch(make_config, on_round, build=build, stop=stop, on_start=on_start)


def _print_round(result: Round, quiet: bool, echo: Callable[..., None]) -> None:
    from . import progress
    from .project import shown

    if result.changed and not quiet:
        names = [shown(p) for p in result.changed]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        echo(f"changed: {', '.join(names[:3])}{more}", err=True)
    from .diagnostics import terminal_safe

    if result.error:
        echo(terminal_safe(result.error), err=True)
        return
    report = result.report
    for d in report.diagnostics:
        if not (quiet and d.severity == "info"):
            echo(terminal_safe(d.format()), err=True)
    for line in report.messages:
        echo(terminal_safe(line), err=True)
    if not quiet:
        echo(progress.summary(report.built, report.unchanged, report.diagnostics,
                              result.seconds, result.output or Path("output")))
