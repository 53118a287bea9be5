"""What a build holds for its whole length is frozen out of the collector's reach
(studypress.collector.settle) only while the build runs: a long-running watch gets it back."""

from __future__ import annotations

import gc

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build
from studypress.collector import build_lifetime, settle
from tests import fake_renderers


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settle_outside_a_build_freezes_nothing():
    settle()
    assert gc.get_freeze_count() == 0


def test_settle_freezes_until_the_build_ends():
    with build_lifetime():
        settle()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        made_after = [object() for _ in range(10)]
        assert gc.get_freeze_count() == frozen  # only what stood when it settled
    assert gc.get_freeze_count() == 0
    assert made_after


def test_an_inner_lifetime_leaves_the_outer_ones_frozen():
    with build_lifetime():
        settle()
        with build_lifetime():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_failed_build_gives_everything_back():
    with pytest.raises(RuntimeError), build_lifetime():
        settle()
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0


def test_a_build_renders_settled_and_ends_unfrozen(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "echo", "tests.fake_renderers")
    seen: list[int] = []
    render = fake_renderers.Echo.render

    def counting(self, note, ctx):
        seen.append(gc.get_freeze_count())
        return render(self, note, ctx)

    monkeypatch.setattr(fake_renderers.Echo, "render", counting)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text("# N\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = BuildConfig(paths=[tmp_path / "notes"], output=tmp_path / "out",
                         renderers=["echo"], project_dir=tmp_path, jobs=1)
    assert build(config).built == ["n"]
    assert seen and all(count > 0 for count in seen)
    assert gc.get_freeze_count() == 0
