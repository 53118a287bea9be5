"""The jobs sent to the workers: a note with several outputs to render is pickled once for
all of its jobs, and its bytes are let go with its last job."""

from __future__ import annotations

import pickle

from studypress.build import render
from studypress.model import Event, Note, text
from studypress.renderers.base import RenderOptions


def _jobs() -> list[render.Job]:
    notes = [Note(id=f"n{i}", title=f"Note {i}", source=f"n{i}.md",
                  events=(Event(None, text(f"Event {i}."), 3),)) for i in range(2)]
    return [render.Job(note, ((name, name),), RenderOptions(), "", "", 0, "", "")
            for name in ("guide", "deck", "model") for note in notes]


def test_a_note_is_pickled_once_for_all_its_jobs_and_let_go_after_the_last():
    jobs = _jobs()
    wire = render._Wire(jobs, 3)
    sent = [wire[i] for i in range(len(wire))]
    assert wire.packed == {}  # every note's last job is sent: nothing held
    by_note: dict[str, set[int]] = {}
    for (build, packed, job), original in zip(sent, jobs, strict=True):
        assert build == 3 and job.note is None
        assert job.names == original.names
        assert pickle.loads(packed) == original.note
        by_note.setdefault(original.note.id, set()).add(id(packed))
    assert {n: len(ids) for n, ids in by_note.items()} == {"n0": 1, "n1": 1}


def test_a_wired_job_renders_as_the_job_itself(tmp_path, monkeypatch):
    ran: list[render.Job] = []
    monkeypatch.setattr(render, "run_job", lambda job: ran.append(job) or render.JobResult())
    job = _jobs()[0]
    render._wired_job(render._Wire([job], 0)[0])
    assert ran == [job]
