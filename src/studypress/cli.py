"""The ``studypress`` command's entry point; exit codes 0 ok, 1 errors in notes, 2 usage.

A plain ``studypress build`` (every option spelt out in full and valid) runs the build from
here, without loading typer: importing it and setting up the command took 40% of a build
that has nothing to do. Anything else, every mistake included, goes to the full command line
(``cli_app``), which parses and reports it; both run the same ``build_command``.
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

EXIT_OK, EXIT_NOTES, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM

Echo = Callable[..., None]  # echo(message, err=False), as typer.echo


def print_diagnostics(echo: Echo, diagnostics: Iterable[Any], quiet: bool = False) -> None:
    """The diagnostics on stderr (without the notes, with ``quiet``)."""
    from .diagnostics import terminal_safe

    for d in diagnostics:
        if quiet and d.severity == "info":
            continue
        # Messages quote note text and file names: no escape sequence reaches the terminal.
        echo(terminal_safe(d.format()), err=True)


def print_lines(echo: Echo, lines: Iterable[str]) -> None:
    """Lines on stderr, made safe for a terminal."""
    from .diagnostics import terminal_safe

    for line in lines:
        echo(terminal_safe(line), err=True)


def overrides(paths: list[Path] | None, output: Path | None, paper: str | None,
              printing: str | None, only: list[str] | None, jobs: int | None,
              strict: bool | None, force: bool = False, force_output: bool = False) -> Any:
    """The command line's settings, to lay over the project's."""
    from .project import Overrides

    return Overrides(paths, output, paper, printing, only or None, jobs, strict, force,
                     force_output)


def build_config(echo: Echo, given: Any) -> Any:
    """The project's settings (studypress.toml) with the command line's (``given``) over
    them; a mistake in them exits 2."""
    from .project import ConfigError
    from .project import build_config as config_of

    try:
        return config_of(given)
    except ConfigError as exc:
        echo(str(exc), err=True)
        raise SystemExit(EXIT_USAGE) from None


def build_command(echo: Echo, paths: list[Path] | None = None, output: Path | None = None,
                  paper: str | None = None, printing: str | None = None,
                  only: list[str] | None = None, jobs: int | None = None,
                  force: bool = False, strict: bool | None = None, quiet: bool = False,
                  force_output: bool = False) -> NoReturn:
    """``studypress build``, its options parsed: build, print what it said, exit."""
    from .build import Terminated
    from .stops import stopping

    # SIGTERM unwinds the build as Ctrl-C does (workers stopped, temporary files removed)
    # instead of ending the process where it stands; the first of the two decides.
    with stopping():
        try:
            _build(echo, overrides(paths, output, paper, printing, only, jobs, strict, force,
                                   force_output), quiet)
        except KeyboardInterrupt:
            print_lines(echo, ["interrupted: outputs already written are whole; the rest are "
                               "built next time"])
            raise SystemExit(EXIT_INTERRUPTED) from None
        except Terminated:
            raise SystemExit(EXIT_TERMINATED) from None


def _build(echo: Echo, given: Any, quiet: bool) -> NoReturn:
    from . import progress
    from .build import BuildError
    from .build import build as run_build
    from .stops import raise_if_stopped

    started = time.perf_counter()
    config = build_config(echo, given)
    bar = progress.start(quiet)
    try:
        report = run_build(config, progress=bar, waiting=progress.waiting(echo, quiet))
        raise_if_stopped()  # a stop a finalizer swallowed: the build still stops here
    except BuildError as exc:
        print_lines(echo, [f"error: {exc}"])
        raise SystemExit(EXIT_USAGE) from None
    finally:
        if bar:
            bar.close()
    print_diagnostics(echo, report.diagnostics, quiet)
    print_lines(echo, report.messages)
    if not quiet:
        echo(progress.summary(report.built, report.unchanged, report.diagnostics,
                              time.perf_counter() - started, config.output))
    raise SystemExit(EXIT_NOTES if report.failed else EXIT_OK)


# --------------------------------------------------------------------------- a plain build

# build's options as the full command line declares them (cli_app.build): flags, and options
# taking a value, by the name each sets.
_FLAGS = {"--force": ("force", True), "--strict": ("strict", True),
          "--no-strict": ("strict", False), "--quiet": ("quiet", True),
          "--force-output": ("force_output", True)}
_VALUED = {"--output": "output", "--paper": "paper", "--printing": "printing",
           "--only": "only", "--jobs": "jobs"}
_SHORT_FLAGS = {"q": ("quiet", True)}
_SHORT_VALUED = {"o": "output", "j": "jobs"}


def plain_build(args: list[str]) -> dict[str, Any] | None:
    """The options of ``studypress build ...`` when ``args`` are that, each option spelt
    as the full command line takes it and every value valid; else None. Anything unusual
    (``--help``, ``--``, a value starting with ``-``, shell completion) is None too."""
    if not args or args[0] != "build" or _completing() or not _plain_streams():
        return None
    given: dict[str, Any] = {"paths": [], "output": None, "paper": None, "printing": None,
                             "only": [], "jobs": None, "force": False, "strict": None,
                             "quiet": False, "force_output": False}
    rest = list(reversed(args[1:]))
    while rest:
        arg = rest.pop()
        if arg.startswith("--"):
            ok = _long(arg, rest, given)
        elif arg.startswith("-"):
            ok = _short(arg, rest, given)
        else:
            ok = _put(given, "paths", arg)
        if not ok:
            return None
    if not all(_readable(p) for p in [*given["paths"], given.get("output")] if p):
        return None
    given["paths"] = given["paths"] or None
    given["only"] = given["only"] or None
    return given


def _long(arg: str, rest: list[str], given: dict[str, Any]) -> bool:
    name, eq, value = arg.partition("=")
    if name in _FLAGS and not eq:
        key, flag = _FLAGS[name]
        given[key] = flag
        return True
    if name not in _VALUED or (not eq and not rest):
        return False
    return _put(given, _VALUED[name], value if eq else rest.pop())


def _short(arg: str, rest: list[str], given: dict[str, Any]) -> bool:
    """``-q``, ``-o out``, ``-oout``, ``-j2``, ``-qj 2``: letters as click reads them."""
    for i, letter in enumerate(arg[1:], 2):
        if letter in _SHORT_FLAGS:
            key, flag = _SHORT_FLAGS[letter]
            given[key] = flag
        elif letter in _SHORT_VALUED:
            if len(arg) == i and not rest:
                return False
            return _put(given, _SHORT_VALUED[letter], arg[i:] or rest.pop())
        else:
            return False
    return len(arg) > 1  # a lone "-" is left to the full command line


def _put(given: dict[str, Any], key: str, value: str) -> bool:
    """Take one value, converted as the full command line converts it; False when that
    would refuse it or read it otherwise (an empty value, one starting with ``-``)."""
    if not value or value.startswith("-"):
        return False
    if key in ("paths", "only"):
        if key == "only" and value not in _outputs():
            return False
        given[key].append(Path(value) if key == "paths" else value)
    elif key == "output":
        given[key] = Path(value)
    elif key == "jobs":
        if not (value.isascii() and value.isdigit()):
            return False
        given[key] = int(value)
    else:
        from .project import PAPERS, PRINTINGS

        if value not in {"paper": PAPERS, "printing": PRINTINGS}[key]:
            return False
        given[key] = value
    return True


def _outputs() -> list[str]:
    from .renderers import names

    return names()


def _readable(path: Path) -> bool:
    """As click's check of a path argument: one that exists must be readable."""
    try:
        os.stat(path)
    except OSError:
        return True
    except ValueError:  # a NUL in it: click does not catch that either
        return False
    return os.access(path, os.R_OK)


def _completing() -> bool:
    """Whether the shell asks for completions (click's ``_PROG_COMPLETE`` variable)."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)


def _plain_streams() -> bool:
    """Whether stdout and stderr are text streams click writes to as they are (it wraps a
    stream whose encoding is ASCII in one of its own)."""
    import codecs
    import io

    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or not stream.encoding \
                or stream.errors is None:
            return False
        try:
            if codecs.lookup(stream.encoding).name == "ascii":
                return False
        except LookupError:
            return False
    return True


def echo(message: str, err: bool = False) -> None:
    """A line on stdout (stderr with ``err``) as typer.echo writes it: escape sequences
    left out when the stream is not a terminal, flushed."""
    stream = sys.stderr if err else sys.stdout
    line = message + "\n"
    if "\033" in line and not stream.isatty():
        import re

        line = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", line)
    stream.write(line)
    stream.flush()


class _Pacified:
    """A stream whose flush ignores a closed pipe (click's PacifyFlushWrapper): output cut
    short by ``| head`` ends the command with 1, not with a traceback at exit."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        import errno

        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def run_plain(given: dict[str, Any]) -> NoReturn:
    """Run a plain build, ending as the full command line ends one (typer's ``_main``)."""
    import errno

    try:
        build_command(echo, **given)
    except EOFError:
        echo("", err=True)
        echo("Aborted!", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Pacified(sys.stdout), _Pacified(sys.stderr)
        raise SystemExit(1) from None


def main() -> None:
    """Console-script entry point."""
    from . import stops

    stops.for_the_process()
    try:
        args = sys.argv[1:]
        given = plain_build(args)
        if given is not None:
            run_plain(given)
        from .cli_app import for_command

        for_command(args)()
    finally:
        stops.settled()  # the exit status is decided: a late signal no longer changes it


def run() -> NoReturn:
    """The whole process (``studypress``, ``python -m studypress``): ``main``, then an exit
    that skips taking the interpreter apart object by object, which a finished command
    does not need (a tenth of a one-note rebuild). Exit handlers still run and the output
    is flushed; an exception other than an exit leaves as it always did. The patterns its
    modules compile, and the code of their dataclasses' methods, are kept for the next
    process (``compiled``)."""
    from . import compiled

    compiled.install()
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    compiled.save()
    handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's own: others exit as ever
    if handlers is None:
        sys.exit(code)
    os._exit(_finish(code, handlers))


def _finish(code: object, handlers: Callable[[], None]) -> int:
    """What Python's own exit does with ``code``, up to the point where the process ends
    (``handlers``: the exit handlers, run)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code & 0xFF
    else:
        echo(str(code), err=True)
        status = 1
    handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or a reader that went away
            status = status or 1
    return status


def __getattr__(name: str) -> Any:
    """The full command line's app and helpers (``from studypress.cli import app``), loaded
    when first asked for."""
    if name.startswith("__"):
        raise AttributeError(name)
    from . import cli_app

    try:
        return getattr(cli_app, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
