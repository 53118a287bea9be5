"""``python -m studypress``."""

from .cli import run

run()
