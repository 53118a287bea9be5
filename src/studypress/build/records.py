"""The records the build phases pass along: what the command asked for, the files found, the
notes read from them, and what the build reports at the end."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, has_errors
from ..renderers import base

if TYPE_CHECKING:
    from ..model import Note


class BuildError(Exception):
    """A problem with the command itself (a missing path): exit code 2."""


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file the build was given, found by discovery."""

    path: Path
    display: str  # as shown in diagnostics, relative to the current folder when possible
    root: Path  # the folder the build was given: embeds are looked up below it
    real: str = ""  # the path with every link resolved ("": not known yet)

    def resolved(self) -> str:
        """The path with every link resolved."""
        return self.real or str(self.path.resolve())


@dataclass(frozen=True)
class NoteBrief:
    """What a build needs of a note it does not render: its id, its embeds (in its key), its
    diagnostics (reported every build) and how many items it holds (against the limit)."""

    id: str
    source: str
    embeds: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    items: int = 0  # events, people, terms and questions

    @classmethod
    def of(cls, note: Note) -> NoteBrief:
        """The brief of a note."""
        return cls(note.id, note.source, note.embeds, note.diagnostics,
                   len(note.events) + len(note.people) + len(note.terms) + len(note.questions))


@dataclass(frozen=True, eq=False)
class SourceNote:
    """A note together with the file it was read from: the build finds a note's file here,
    never by parsing the display string its diagnostics carry. The note itself is loaded
    when first asked for (a note kept from the last build and not rendered never is)."""

    file: SourceFile
    brief: NoteBrief
    digest: str = ""  # sha256 of the bytes the note was read from
    load: Callable[[], Note] | None = field(default=None, repr=False)
    # Each embed target looked up while reading it, and whether it was found in the vault.
    found: Mapping[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, file: SourceFile, note: Note, digest: str = "",
             found: Mapping[str, bool] | None = None) -> SourceNote:
        """A note just read."""
        return cls(file, NoteBrief.of(note), digest, lambda: note, found or {})

    @property
    def id(self) -> str:
        return self.brief.id

    @cached_property
    def note(self) -> Note:
        """The note (loaded once)."""
        assert self.load is not None
        return self.load()

    def forget(self) -> None:
        """Let the loaded note go (it is loaded again when asked for)."""
        self.__dict__.pop("note", None)

    def fetch(self) -> Note:
        """The note, loaded again unless it is already, and not kept: a combined output
        takes every note of a large vault once."""
        loaded = self.__dict__.get("note")  # where ``note`` keeps it, once asked for
        if loaded is not None:
            return loaded
        assert self.load is not None
        return self.load()


@dataclass
class BuildConfig:
    """What one build is asked to do: the project's settings with the command line's."""

    paths: list[Path]
    output: Path
    options: base.RenderOptions = field(default_factory=base.RenderOptions)
    renderers: list[str] | None = None  # None: every registered renderer
    strict: bool = False
    jobs: int = 0  # 0: one per core
    force: bool = False
    project_dir: Path = field(default_factory=Path.cwd)
    # The project's own source folders: a build of other folders leaves its combined outputs
    # and lock alone (empty: the folders built are the whole project).
    sources: list[Path] = field(default_factory=list)
    force_output: bool = False  # write into a folder the build would refuse (see outputs.py)


@dataclass
class BuildReport:
    """What a build did and said."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)
