"""The ``studypress`` command line: parse options, call build/check/inspect, map outcomes to
exit codes (0 ok, 1 errors in notes, 2 usage). ``cli.main`` runs a plain build without it."""

# Annotations stay objects (no ``from __future__ import annotations``): typer reads every
# command's parameters at each start, and evaluating them from strings took twice as long.

import contextlib
import enum
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, cli
from .anki_sync.command import register as register_sync_command
from .cli_project import register as register_project_commands
from .renderers import names as renderer_names

try:  # typer 0.2x carries its own copy of click
    from typer._click.exceptions import NoSuchOption
except ImportError:  # pragma: no cover - older typer, on click itself
    from click.exceptions import NoSuchOption  # type: ignore[no-redef]


def close_options(typed: str, known: Iterable[str]) -> list[str]:
    """The options an unknown one was probably meant as: those it begins (``--forc`` →
    ``--force``) or nearly spells (``--stirct`` → ``--strict``), compared without their
    dashes, which click counts as likeness and so offers ``--jobs`` for ``--bogus``."""
    from difflib import SequenceMatcher  # only an unknown option needs it

    word = typed.lstrip("-")
    return sorted(name for name in known if (len(word) >= 2 and name.lstrip("-").startswith(
        word)) or SequenceMatcher(None, word, name.lstrip("-")).ratio() >= 0.75)


@contextlib.contextmanager
def _close_suggestions() -> Iterator[None]:
    try:
        yield
    except NoSuchOption as exc:
        command = exc.ctx.command if exc.ctx is not None else None
        known = [o for p in command.params for o in (*p.opts, *p.secondary_opts)
                 if o.startswith("--")] if command is not None else exc.possibilities or ()
        exc.possibilities = close_options(exc.option_name, known)
        raise


class _Group(TyperGroup):
    """The command group; an unknown option of any command suggests only close names."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _close_suggestions():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # the subcommands' options are parsed in here
        with _close_suggestions():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Group,
    name="studypress",
    help="Compile Markdown study notes into a PDF study guide, an Anki deck and a "
    "cast-of-characters handout.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: formatting them with rich imports rich, markdown-it and
    # pygments, three times what the rest of --help takes.
    rich_markup_mode=None,
)

EXIT_OK, EXIT_NOTES, EXIT_USAGE = cli.EXIT_OK, cli.EXIT_NOTES, cli.EXIT_USAGE


class Paper(enum.StrEnum):
    a4 = "a4"
    letter = "letter"


class Printing(enum.StrEnum):
    full = "full"
    questions = "questions"
    answers = "answers"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studypress {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("-V", "--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Compile Markdown study notes into print and Anki."""


PathsArg = Annotated[list[Path] | None, typer.Argument(
    help="Notes or folders of notes (default: source/).", show_default=False)]
StrictOverride = Annotated[bool | None, typer.Option(
    "--strict/--no-strict", help="Treat warnings as errors (default: the project's setting).",
    show_default=False)]
Output = enum.StrEnum("Output", {name: name for name in renderer_names()})


def _print_diagnostics(diagnostics, quiet: bool = False) -> None:
    cli.print_diagnostics(typer.echo, diagnostics, quiet)


def _print_lines(lines) -> None:
    cli.print_lines(typer.echo, lines)


def _summary(diagnostics) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning")}
    return f"{counts['error']} error(s), {counts['warning']} warning(s)"


# The options build and watch share; None means "as studypress.toml says" (or the default).
OutputOpt = Annotated[Path | None, typer.Option(
    "-o", "--output", help="Output folder (default: the project's output/).",
    show_default=False)]
PaperOpt = Annotated[Paper | None, typer.Option(
    help="Paper size of the PDFs (default: a4).", show_default=False)]
PrintingOpt = Annotated[Printing | None, typer.Option(
    help="Guide printing: full, questions (no answer key) or answers only (default: full).",
    show_default=False)]
OnlyOpt = Annotated[list[Output] | None, typer.Option(
    "--only", help="Build only these outputs (repeatable), e.g. --only deck.",
    show_default=False)]
JobsOpt = Annotated[int | None, typer.Option(
    "-j", "--jobs", help="Parallel workers (0: one per core; default 0).", min=0,
    show_default=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help="Rebuild even unchanged notes.")]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="Print only problems.")]
ForceOutputOpt = Annotated[bool, typer.Option(
    "--force-output", help="Write even into a folder the build would refuse (the notes' or "
    "the project's folder, /, a folder of files no build wrote).")]


@app.command()
def build(
    paths: PathsArg = None, output: OutputOpt = None, paper: PaperOpt = None,
    printing: PrintingOpt = None, only: OnlyOpt = None, jobs: JobsOpt = None,
    force: ForceOpt = False, strict: StrictOverride = None, quiet: QuietOpt = False,
    force_output: ForceOutputOpt = False,
) -> None:
    """Compile every note under PATHS into OUTPUT (settings from studypress.toml, if any)."""
    given = _overrides(paths, output, paper, printing, only, jobs, strict, force, force_output)
    cli.build_command(typer.echo, given.paths, given.output, given.paper, given.printing,
                      given.only, given.jobs, given.force, given.strict, quiet,
                      given.force_output)


def _overrides(paths, output, paper, printing, only, jobs, strict, force=False,
               force_output=False):
    return cli.overrides(
        paths, output, paper.value if paper else None, printing.value if printing else None,
        [o.value for o in only] if only else None, jobs, strict, force, force_output)


def _build_config(paths, output, paper, printing, only, jobs, strict, force=False,
                  force_output=False):
    """The project's settings (studypress.toml) with the command line's over them."""
    return cli.build_config(typer.echo, _overrides(paths, output, paper, printing, only, jobs,
                                                   strict, force, force_output))


@app.command()
def check(paths: PathsArg = None, strict: StrictOverride = None,
          quiet: QuietOpt = False) -> None:
    """Report diagnostics for the notes without writing anything."""
    from .build import BuildError, discover_all, read_sources
    from .diagnostics import has_errors, ordered
    from .diagnostics import strict as promote

    config = _build_config(paths, None, None, None, None, None, strict)
    strict = config.strict
    try:
        found = discover_all(config.paths)
    except BuildError as exc:
        _print_lines([f"error: {exc}"])
        raise typer.Exit(EXIT_USAGE) from None
    files = found.files
    read = read_sources(files)
    from .project import config_diagnostics

    diagnostics = [*config_diagnostics(config.project_dir), *found.diagnostics,
                   *read.diagnostics, *(d for n in read.notes for d in n.brief.diagnostics)]
    diagnostics = ordered(promote(diagnostics) if strict else diagnostics)
    _print_diagnostics(diagnostics, quiet)
    if not quiet:
        typer.echo(f"checked {len(files)} note(s): {_summary(diagnostics)}")
    raise typer.Exit(EXIT_NOTES if has_errors(diagnostics) else EXIT_OK)


@app.command()
def inspect(
    note: Annotated[Path, typer.Argument(help="The note to show.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the model as JSON.")] = False,
    lines: Annotated[bool, typer.Option("--lines", help="Print every source line with what "
                                        "it became.")] = False,
) -> None:
    """Show what the reader understood of NOTE."""
    from .build import display_path
    from .jsonform import note_to_json
    from .reader import ReadError, read_note
    from .summary import summary

    if note.is_dir():
        typer.echo(f"error: {note} is a folder; inspect shows one note, e.g. "
                   f"studypress inspect {note / 'note.md'}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if not note.is_file():
        typer.echo(f"error: {note}: no such note", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        model = read_note(note, display_path(note))
    except ReadError as exc:
        _print_lines([str(exc)])
        raise typer.Exit(EXIT_NOTES) from None
    if lines:
        from .reader.accounting import report
        from .reader.decoding import decode

        typer.echo(report(decode(note.read_bytes()), model))
    elif as_json:
        typer.echo(json.dumps(note_to_json(model), ensure_ascii=False, indent=2))
    else:
        from .diagnostics import terminal_safe

        typer.echo("\n".join(terminal_safe(line) for line in summary(model).split("\n")))
    raise typer.Exit(EXIT_OK)


@app.command()
def watch(
    paths: PathsArg = None, output: OutputOpt = None, paper: PaperOpt = None,
    printing: PrintingOpt = None, only: OnlyOpt = None, jobs: JobsOpt = None,
    force: ForceOpt = False, strict: StrictOverride = None, quiet: QuietOpt = False,
    force_output: ForceOutputOpt = False,
) -> None:
    """Build, then rebuild whenever a note, a layout or studypress.toml changes.

    Takes the options build takes; Ctrl-C stops it."""
    from .build import BuildError, check_output, discover_all
    from .watch import command

    # A bad setting, a missing path or a refused output folder: exit 2 now, not watch forever.
    config = _build_config(paths, output, paper, printing, only, jobs, strict, force,
                           force_output)
    try:
        discover_all(config.paths)
        check_output(config)
    except BuildError as exc:
        _print_lines([f"error: {exc}"])
        raise typer.Exit(EXIT_USAGE) from None
    command(_overrides(paths, output, paper, printing, only, jobs, strict, force,
                       force_output), quiet)
    raise typer.Exit(EXIT_OK)


register_project_commands(app)
register_sync_command(app)


def for_command(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` names, when they name one: typer sets up every
    command's parameters at each start, and a build needs its own alone. Anything else (no
    command, an option first, a misspelt command to suggest a name for) gets them all."""
    import copy

    from typer.main import get_command_name

    named = [c for c in app.registered_commands
             if args and (c.name or get_command_name(c.callback.__name__)) == args[0]]
    if len(named) != 1:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = named, []
    return one

