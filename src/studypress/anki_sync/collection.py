"""The Anki collection file a sync writes into: checked before anything touches it, and
opened with the ``anki`` package, an optional extra.

Anki keeps its collection open in SQLite's exclusive locking mode, so while Anki runs, even
reading the file fails with "database is locked": that is how a collection held open is told
apart. The check reads through a read-write connection on purpose: a read-only one would leave
``-wal`` and ``-shm`` files behind (the collection is in WAL mode), while a read-write one
removes them when it closes and never changes the collection itself.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

INSTALL = "pip install studypress[anki]"
PROFILE_FILE = "collection.anki2"  # the collection in an Anki profile folder


class SyncError(Exception):
    """A problem with the command or the collection, said with its path: exit code 2."""


def held_open(path: Path) -> SyncError:
    """The error for a collection another program (Anki) holds open."""
    return SyncError(f"{path}: the collection is open in Anki (or another program holds "
                     "it); close Anki, then sync again")


def anki_module() -> Any:
    """``anki.collection``, or a SyncError saying how to install it."""
    try:
        from anki import collection
    except ImportError:
        raise SyncError("sync writes into Anki's collection with the anki package, which "
                        f"is not installed; install it with: {INSTALL}") from None
    return collection


def check(path: Path) -> None:
    """Raises SyncError unless ``path`` is an Anki collection no program holds open."""
    if path.is_dir():
        inside = path / PROFILE_FILE
        hint = (f"; its collection is {inside}" if inside.is_file()
                else f"; give the {PROFILE_FILE} file of an Anki profile")
        raise SyncError(f"{path}: is a folder, not an Anki collection{hint}")
    if not path.exists():
        raise SyncError(f"{path}: no such collection (an Anki profile keeps it as "
                        f"{PROFILE_FILE} in the profile's folder)")
    # mode=rw: a missing file is an error, never a new empty database.
    uri = path.resolve().as_uri() + "?mode=rw"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0)
    except sqlite3.Error as exc:
        raise SyncError(f"{path}: cannot open the collection ({exc})") from None
    try:
        connection.execute("SELECT ver FROM col").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise held_open(path) from None
        raise SyncError(f"{path}: not an Anki collection ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise SyncError(f"{path}: not an Anki collection ({exc})") from None
    finally:
        connection.close()


def open_collection(module: Any, path: Path) -> Any:
    """The collection opened with the anki package; a SyncError when Anki refuses it."""
    from anki.errors import AnkiException, DBError

    try:
        return module.Collection(str(path))
    except DBError as exc:
        if "already open" in str(exc) or "locked" in str(exc):
            raise held_open(path) from None
        raise SyncError(f"{path}: Anki cannot open the collection ({exc})") from None
    except AnkiException as exc:
        raise SyncError(f"{path}: Anki cannot open the collection ({exc})") from None
