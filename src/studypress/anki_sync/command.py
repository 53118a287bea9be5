"""The ``sync`` command: parse its options, build and sync (sync.py), print what happened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_OK, EXIT_NOTES, EXIT_USAGE = 0, 1, 2  # as studypress.cli documents them
LISTED = 20  # added or updated notes listed by name; notes to delete are always all listed


def _echo(line: str, err: bool = False) -> None:
    from ..diagnostics import terminal_safe

    # Labels quote note text: no escape sequence reaches the terminal.
    typer.echo(terminal_safe(line), err=err)


def _list(title: str, changes: Sequence[Any], err: bool = False,
          most: int | None = None) -> None:
    if changes:
        _echo(f"{title} ({len(changes)}):", err)
        for change in changes[:most]:
            _echo(f"  {change}", err)
        if most is not None and len(changes) > most:
            _echo(f"  and {len(changes) - most} more", err)


def _announce(stale: Sequence[Any]) -> None:
    _list("deleting the notes no item of the project makes any more", stale)


def print_report(report: Any, prune: bool, quiet: bool) -> None:
    """What the sync did (or, in a dry run, would do)."""
    from ..project import shown

    would = "would be " if report.dry_run else ""
    if not quiet:
        # A first sync adds every item: the count says it; a few lines show which.
        _list(f"{would}added", report.added, most=LISTED)
        _list(f"{would}updated", report.updated, most=LISTED)
    _list("skipped, since the collection has a note with the same GUID under another note "
          "type", report.skipped, err=True)
    if report.stale and (report.dry_run or not prune):
        what = ("would be deleted with --prune" if not prune else "would be deleted")
        _list(f"no item of the project makes these notes any more; they {what}",
              report.stale)
    deleted = len(report.stale) if report.dry_run and prune else report.deleted
    counts = (f"{len(report.added)} added, {len(report.updated)} updated, "
              f"{report.unchanged} unchanged, {deleted} deleted")
    if report.dry_run:
        _echo(f"dry run: nothing written to {shown(report.collection)}; a sync would give "
              f"{counts}")
    elif not quiet:
        _echo(f"synced into {shown(report.collection)}: {counts}")


def sync(
    collection: Annotated[Path, typer.Option(
        "--collection", "-c", help="The Anki collection file (collection.anki2 in an Anki "
        "profile's folder); Anki must be closed.", show_default=False)],
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Folders of notes (default: the project's source/).", show_default=False)] = None,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Delete the project's notes that no item makes any more (they "
        "are listed first).")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what the sync would do; the collection is left as it "
        "was.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only problems.")] = False,
) -> None:
    """Build the project's deck and write it straight into an Anki collection (Anki closed).

    Notes are added and updated as an import of the deck would; cards keep their history.
    """
    from .. import progress
    from ..build import BuildError
    from ..project import ConfigError, Overrides, build_config
    from .collection import SyncError
    from .sync import sync_project

    try:
        config = build_config(Overrides(paths=paths))
        synced = sync_project(config, collection, prune=prune, dry_run=dry_run,
                              on_prune=_announce, waiting=progress.waiting(_echo, quiet))
    except (ConfigError, BuildError, SyncError) as exc:
        _echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for d in synced.build.diagnostics:
        if not (quiet and d.severity == "info"):
            _echo(d.format(), err=True)
    for line in synced.build.messages:
        _echo(line, err=True)
    if synced.sync is None:
        _echo(f"error: not synced into {collection}: the build has errors", err=True)
        raise typer.Exit(EXIT_NOTES)
    print_report(synced.sync, prune, quiet)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``sync`` to the ``studypress`` command."""
    app.command()(sync)
