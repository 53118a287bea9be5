"""studypress: compile Markdown study notes into a PDF study guide, an Anki deck and a
cast-of-characters handout."""

from .model import MODEL_VERSION, Diagnostic, Event, HistoricalDate, Note, Person, Question, Term

__version__ = "0.1.0"

__all__ = [
    "MODEL_VERSION",
    "Diagnostic",
    "Event",
    "HistoricalDate",
    "Note",
    "Person",
    "Question",
    "Term",
    "__version__",
]
