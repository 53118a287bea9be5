"""``python -m studypress``."""

from .cli import main

main()
