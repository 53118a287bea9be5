"""Start a command the way a terminal does, so a test's Ctrl-C reaches it."""

from __future__ import annotations

import signal


def ctrl_c_as_in_a_terminal() -> None:
    """Give the child the default SIGINT action before it starts.

    A shell starts background jobs with SIGINT ignored, and Python keeps an ignored SIGINT
    ignored; a test suite run that way would send Ctrl-C to a build that cannot hear it.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
