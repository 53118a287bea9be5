"""Collecting diagnostics while reading, and printing them compiler-style."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """A message about a place in a note (or a layout): what is wrong, at which file and line."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int | None = None

    def format(self) -> str:
        """Compiler style: ``source/x.md:14: warning: message``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


class Collector:
    """Gathers the diagnostics for one source file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, severity: Severity, code: str, message: str, line: int | None) -> None:
        self.items.append(Diagnostic(severity, code, message, self.file, line))

    def error(self, code: str, message: str, line: int | None = None) -> None:
        self.add(Severity.ERROR, code, message, line)

    def warning(self, code: str, message: str, line: int | None = None) -> None:
        self.add(Severity.WARNING, code, message, line)

    def info(self, code: str, message: str, line: int | None = None) -> None:
        self.add(Severity.INFO, code, message, line)


def sort_key(d: Diagnostic) -> tuple[str, int, str]:
    return (d.file, d.line or 0, d.code)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by file and line, as compilers print them."""
    return sorted(diagnostics, key=sort_key)


def strict(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Warnings promoted to errors (``--strict``)."""
    return [
        Diagnostic(Severity.ERROR, d.code, d.message, d.file, d.line)
        if d.severity is Severity.WARNING
        else d
        for d in diagnostics
    ]


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


# C0 and C1 control characters, DEL included: escape sequences and bells that would reach the
# terminal. Line ends and tabs become spaces, so one diagnostic stays one line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile("[\t\n]")


def terminal_safe(text: str) -> str:
    """``text`` without control characters, safe to print on a terminal or write in a log."""
    return _CONTROL.sub("", _SPACE.sub(" ", text))
