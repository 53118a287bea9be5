"""Images a card shows, as Anki media.

Anki copies a package's media only when a field refers to it, and it keeps one media folder
for the whole collection, where two decks' ``map.png`` would collide. So each image travels
under a name made from its content (``<sha256 prefix>.<ext>``): the same picture always has
the same name, a changed picture gets a new one (which changes the field, so the card updates),
and no two different files can meet under one name. The name is also plain hex, so nothing a
note calls its file can reach Anki's HTML or its media folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePosixPath

# Image types every Anki client shows in an <img>, with the extension they travel under.
IMAGE_TYPES = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "svg": "svg",
               "webp": "webp"}
HASH_CHARS = 32  # 128 bits of SHA-256: collisions are out of reach in any collection


def file_part(target: str) -> str:
    """The file an embed names, without Obsidian's ``#heading`` or ``|size`` suffixes."""
    return target.split("#")[0].split("|")[0].strip()


def image_extension(target: str) -> str | None:
    """The extension an embedded image travels under, or None when it is not an image."""
    suffix = PurePosixPath(file_part(target).replace("\\", "/")).suffix.lower().lstrip(".")
    return IMAGE_TYPES.get(suffix)


def media_name(target: str, data: bytes) -> str | None:
    """The content-hashed media file name for an embedded image, or None when the target is
    not an image or the file is empty."""
    ext = image_extension(target)
    if ext is None or not data:
        return None
    return f"{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}.{ext}"


class Media:
    """Resolves embed targets to media names and keeps the files the fields refer to.

    ``asset`` gives an embedded file's bytes (None when missing). Only targets a field
    actually shows are read, so the package carries exactly the media its cards use.
    """

    def __init__(self, asset: Callable[[str], bytes | None]) -> None:
        self._asset = asset
        self._names: dict[str, str | None] = {}
        self.files: dict[str, bytes] = {}  # media name → bytes
        self.used: dict[str, str] = {}  # embed target → media name

    def __call__(self, target: str) -> str | None:
        """The media name to show ``target`` under, or None to show it as text."""
        if target not in self._names:
            name = None
            data = self._asset(target) if image_extension(target) is not None else None
            if data is not None:
                name = media_name(target, data)
                if name is not None:
                    self.files[name] = data
            self._names[target] = name
        name = self._names[target]
        if name is not None:
            self.used[target] = name
        return name
