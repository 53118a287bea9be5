"""What a renderer receives and returns. Renderers take values and return bytes (or what
writes them); only the build writes files."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from ..diagnostics import Diagnostic
from ..layouts import Layouts
from ..lazy import Made

if TYPE_CHECKING:
    from ..model import Note


@dataclass(frozen=True)
class RenderOptions:
    """Build-wide choices from the command line."""

    paper: str = "a4"  # "a4" or "letter"
    printing: str = "full"  # guide: "full", "questions" or "answers"
    project_name: str = "studypress"


@dataclass(frozen=True)
class NotePlace:
    """Where a note's file is, as Obsidian names it."""

    vault: str  # the folder holding .obsidian/ (else the project folder), by its name
    path: str  # the file relative to that folder, with forward slashes


@dataclass(frozen=True)
class RenderContext:
    """Everything a renderer may use besides the note."""

    options: RenderOptions
    layouts: Layouts
    build_time: int  # seconds since the epoch: SOURCE_DATE_EPOCH, else the note's mtime
    # Reads a file this build wrote last time (relative to the note's output folder, or to
    # output/ for a project renderer); None when there is none. Ledgers use it.
    previous: Callable[[str], bytes | None] = lambda _: None
    # The bytes of a file the note embeds (``![[map.png]]`` → Note.embeds), found beside the
    # note or in its vault; None when it is missing.
    asset: Callable[[str], bytes | None] = lambda _: None
    # Reads a file the project keeps beside its sources (relative to the project folder,
    # e.g. the deck's studypress.lock), which outlives output/; None when there is none.
    project_file: Callable[[str], bytes | None] = lambda _: None
    # Note id → where its file is (the note's own, or every note's for a project renderer).
    places: Mapping[str, NotePlace] = field(default_factory=dict)
    # remember(kind, note_id, make): make(), or what it gave an earlier build when nothing it
    # depends on (the note's outputs and place) changed. Project renderers use it per note.
    remember: Callable[[str, str, Callable[[], Any]], Any] = lambda _k, _n, make: make()
    # Where a file ``project_file`` reads is on disk, for a renderer that needs only part of
    # a large one (a note's entries in the lock); None when there is none, or when it is to
    # be read through ``project_file``.
    project_path: Callable[[str], str | None] = lambda _: None


@dataclass(frozen=True)
class Output:
    """A file a renderer made: its bytes, or, for a file too large to hold whole (a large
    project's combined deck and lock), a function that writes them into a binary file, which
    the build calls with the file it writes (seekable; the function may be called again)."""

    path: str  # relative to output/<note-id>/ (or to output/ for project renderers)
    content: bytes | Callable[[BinaryIO], object]

    @property
    def data(self) -> bytes:
        """The file's bytes (a written one's made in memory: for small files and tests)."""
        if isinstance(self.content, bytes):
            return self.content
        out = io.BytesIO()
        self.content(out)
        return out.getvalue()


@dataclass
class RenderResult:
    """What rendering one note gave: files, diagnostics and messages."""

    files: list[Output] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # plain report lines for the user
    # Files for the project folder (paths relative to it), from ``render_project`` only: state
    # meant to be committed with the notes, never pruned or cleaned with the outputs.
    project_files: list[Output] = field(default_factory=list)


class Notes(Made["Note"]):
    """A project's notes for a renderer's ``render_project``, each loaded when it is taken
    and not kept: a large vault's notes do not fit in memory at once. ``ids`` are theirs, in
    the same order, known without loading them."""

    def __init__(self, ids: Sequence[str], load: Callable[[int], Note]) -> None:
        self.ids = tuple(ids)
        super().__init__(len(self.ids), load)


class Renderer(Protocol):
    """One output format. ``render`` runs per note; ``render_project`` (optional) once."""

    name: str

    def render(self, note: Note, ctx: RenderContext) -> RenderResult: ...


class ProjectRenderer(Protocol):
    name: str

    def render_project(self, notes: Sequence[Note], ctx: RenderContext) -> RenderResult: ...
