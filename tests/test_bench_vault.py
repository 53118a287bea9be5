"""The benchmark vault: deterministic, read without errors or warnings, holding what it planted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from studypress.model import Precision, Severity
from studypress.reader import read_note

_PATH = Path(__file__).resolve().parents[1] / "bench" / "make_vault.py"
_SPEC = importlib.util.spec_from_file_location("make_vault", _PATH)
make_vault = importlib.util.module_from_spec(_SPEC)
sys.modules["make_vault"] = make_vault  # dataclasses look their module up while decorating
_SPEC.loader.exec_module(make_vault)


def test_small_vault_reads_without_problems_and_holds_the_planted_counts(tmp_path):
    planted = make_vault.make_vault(12, tmp_path)
    precisions, faq = set(), 0
    for plan in planted:
        note = read_note(tmp_path / plan.file, plan.file, tmp_path)
        problems = [d for d in note.diagnostics if d.severity is not Severity.INFO]
        assert problems == [], plan.file
        found = (len(note.events), len(note.people), len(note.questions), len(note.terms))
        assert found == (plan.events, plan.people, plan.questions, plan.terms), plan.file
        precisions |= {e.date.precision for e in note.events if e.date}
        faq += len(note.faq)
    assert precisions == set(Precision)
    assert faq > 0
    assert all(10 <= p.events <= 300 and 0 <= p.people <= 60 for p in planted)
    assert sum(p.questions for p in planted) > 0 and sum(p.terms for p in planted) > 0


def test_a_note_depends_on_its_index_and_seed_only(tmp_path):
    small = make_vault.make_vault(3, tmp_path / "small")
    large = make_vault.make_vault(6, tmp_path / "large")
    for plan in small:
        assert (tmp_path / "small" / plan.file).read_bytes() == (
            tmp_path / "large" / plan.file).read_bytes()
    assert large[:3] == small
    other, _ = make_vault.note_text(1, seed=1)
    assert other != make_vault.note_text(1)[0]
