"""A large note's outputs rendered side by side in this process and a worker (the build of
one edited note in a large vault), and the pool that lets this process take jobs too."""

from __future__ import annotations

import os
import time

from studypress.build import render, workers
from studypress.build.render import Job, place_of, places_of
from studypress.model import Event, Note, text
from studypress.renderers.base import Output, RenderOptions, RenderResult


class Slow:
    """Says which process rendered it, after long enough for the other one to take a job."""

    name = "slow"

    def render(self, note, ctx):
        time.sleep(0.3)
        return RenderResult(files=[Output(f"{note.id}.pid", str(os.getpid()).encode())])


RENDERER = Slow()


def _square(x: int) -> tuple[int, int]:
    time.sleep(0.05)
    return os.getpid(), x * x


def test_the_pool_gives_every_item_once_to_a_worker_or_this_process():
    pool = workers.Pool(_square, 1, lambda: None)
    try:
        got = dict(pool.run(list(range(6)), here=lambda i: (os.getpid(), i * i)))
    finally:
        pool.close()
    assert sorted(got) == list(range(6))
    assert all(square == i * i for i, (_, square) in got.items())
    pids = {pid for pid, _ in got.values()}
    assert os.getpid() in pids and len(pids) == 2  # both took items


def _jobs(events: int) -> list[Job]:
    note = Note(id="big", title="Big", source="big.md",
                events=tuple(Event(None, text(f"Event {n}."), n) for n in range(events)))
    return [Job(note, ((name, "tests.test_one_note_shared"),), RenderOptions(), "", "", 0,
                "", "") for name in ("one", "two", "three")]


def test_a_large_note_renders_here_and_in_a_worker_with_its_results_in_order(monkeypatch):
    monkeypatch.setattr(render, "SHARED_COST", 50.0)
    jobs = _jobs(200)
    assert sum(map(render.cost, jobs)) >= render.SHARED_COST
    out = render.render_all(jobs, 2, None)
    assert [r.job for r in out] == jobs
    pids = {r.result.files[name][0].content.decode()
            for r, name in zip(out, ("one", "two", "three"), strict=True)}
    assert str(os.getpid()) in pids and len(pids) == 2


def test_a_small_note_or_one_core_renders_in_this_process_alone(monkeypatch):
    monkeypatch.setattr(render, "SHARED_COST", 50.0)
    for jobs, cores in ((_jobs(3), 2), (_jobs(200), 1)):
        out = render.render_all(jobs, cores, None)
        assert {r.result.files[r.job.names[0][0]][0].content for r in out} == {
            str(os.getpid()).encode()}


def test_places_of_a_build_are_each_note_s_place_of(tmp_path):
    root = tmp_path / "project"
    for folder in ("vault/.obsidian", "vault/deep/er", "loose", "other/.obsidian"):
        (root / folder).mkdir(parents=True)
    files = {f"n{i}": root / rel for i, rel in enumerate(
        ("vault/a.md", "vault/deep/er/b.md", "vault/deep/er/c.md", "loose/d.md", "e.md",
         "other/f.md"))}
    outside = tmp_path / "elsewhere" / "g.md"
    outside.parent.mkdir()
    files["n9"] = outside
    (root / "link.md").symlink_to(root / "vault" / "deep" / "er" / "b.md")
    files["n10"] = root / "link.md"
    for path in files.values():
        path.resolve().touch()
    got = places_of({k: str(p.resolve()) for k, p in files.items()}, root)
    assert got == {k: place_of(p, root) for k, p in files.items()}
    assert got["n1"].vault == "vault" and got["n1"].path == "deep/er/b.md"
    assert got["n3"].vault == "project" and got["n3"].path == "loose/d.md"
    assert got["n9"].path == "g.md"
