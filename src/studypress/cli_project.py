"""The project commands: ``init``, ``clean`` and ``layouts`` (list, copy). Each parses its
options and calls the module that does the work (scaffold, clean, layout_files)."""

# Annotations stay objects (no ``from __future__ import annotations``): typer reads every
# command's parameters at each start, and evaluating them from strings took twice as long.

from pathlib import Path
from typing import Annotated

import typer

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130  # as studypress.cli documents them

layouts_app = typer.Typer(
    help="List the layout files in use (the project's or the defaults); copy one to edit.",
    invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None)

ProjectArg = Annotated[Path | None, typer.Argument(
    help="A folder in the project (default: the working folder).", show_default=False)]


def _project(where: Path | None):
    from .project import ConfigError, discover

    try:
        return discover([where] if where else None)
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None


def init(
    folder: Annotated[Path, typer.Argument(
        help="The folder of the new project (made when missing).")] = Path("."),
) -> None:
    """Start a project: studypress.toml, an example note, layouts/ and a .gitignore."""
    from .project import shown
    from .scaffold import InitError
    from .scaffold import init as make

    try:
        created = make(folder)
    except InitError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for path in created.files:
        typer.echo(f"created {shown(path)}")
    for line in created.notes:
        typer.echo(line, err=True)
    there = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shown(folder)} && "
    typer.echo(f"next: {there}studypress build")


def clean(
    where: ProjectArg = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Output folder (default: the project's output/).",
        show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only problems.")] = False,
) -> None:
    """Remove what the builds wrote into the output folder, and nothing else."""
    from . import progress
    from .clean import LOCK_NAME
    from .clean import clean as run_clean
    from .project import shown

    project = _project(where)
    folder = output if output is not None else project.output
    try:
        result = run_clean(folder, project.root / LOCK_NAME, progress.waiting(typer.echo, quiet))
    except KeyboardInterrupt:  # in the wait for a build, or half-way: as build says it
        typer.echo("interrupted: the files removed so far are gone, the others stay; clean "
                   "again to finish", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    for path, why in result.kept:
        typer.echo(f"kept {shown(path)}: {why}", err=True)
    for line in result.messages:
        typer.echo(line, err=True)
    if not quiet and result.removed:
        typer.echo(f"removed {len(result.removed)} file(s) from {shown(folder)}")


@layouts_app.callback()
def layouts(ctx: typer.Context, where: Annotated[Path | None, typer.Option(
        "--project", help="A folder in the project (default: the working folder).",
        show_default=False)] = None) -> None:
    """List every layout file with its origin: project (overrides the default) or default."""
    if ctx.invoked_subcommand is not None:
        return
    from .layout_files import listing
    from .project import shown

    project = _project(where)
    files = listing(project.layouts)
    width = max((len(f.name) for f in files), default=0)
    for f in files:
        typer.echo(f"{f.name:<{width}}  {f.origin:<12}  {shown(f.path)}")


@layouts_app.command("copy")
def layouts_copy(
    name: Annotated[str, typer.Argument(help="A layout file, as `studypress layouts` names it.")],
    where: Annotated[Path | None, typer.Option(
        "--project", help="A folder in the project (default: the working folder).",
        show_default=False)] = None,
) -> None:
    """Copy a default layout file into the project's layouts/ to edit it."""
    from .layout_files import LayoutCopyError, copy
    from .project import shown

    try:
        target = copy(name, _project(where).layouts)
    except LayoutCopyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"copied the default {name} to {shown(target)}; edit it there")


def register(app: typer.Typer) -> None:
    """Add the project commands to the ``studypress`` command."""
    app.command()(init)
    app.command()(clean)
    app.add_typer(layouts_app, name="layouts")
