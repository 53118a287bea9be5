"""The record of what each hostile or unlucky input does: every robustness test names its
input class and the outcome it asserts, and docs/robustness.md is made from these rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Case:
    area: str  # what kind of input: "cache", "paths", "note", "signals" ...
    given: str  # the input
    outcome: str  # what studypress does, as the test asserts
    test: str  # module.function


CASES: dict[str, Case] = {}


def case(area: str, given: str, outcome: str) -> Callable[[F], F]:
    """Register a test's input class and outcome for docs/robustness.md."""

    def mark(fn: F) -> F:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        CASES[name] = Case(area, given, outcome, name)
        return fn

    return mark
