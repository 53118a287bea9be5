"""What a test sees a function called with, the function still doing its work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def record_calls(monkeypatch: Any, owner: Any, name: str,
                 what: Callable[..., Any] = lambda *args, **kwargs: args) -> list[Any]:
    """Replace ``owner.name`` for the test by a function that notes ``what(*args)`` of each
    call (a method's arguments start with ``self``) and then calls the real one; the list
    of what was noted."""
    seen: list[Any] = []
    real = getattr(owner, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(what(*args, **kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return seen
