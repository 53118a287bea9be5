"""The code of dataclasses' methods kept from one process for the next: a class made from the
kept code is the class ``dataclasses`` makes, the command keeps it and its workers with it,
and a file that is not whole, not this Python's or not the user's own is left unread."""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import keyword
import os
import subprocess
import sys
import textwrap
import types
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress import cachefiles, dataclass_code

SRC = Path(__file__).resolve().parents[1] / "src"

# Classes of every kind dataclasses writes methods for: frozen (``__setattr__``, ``__hash__``),
# ordered, with defaults and factories, slots, keyword-only fields, an ``InitVar``.
CLASSES = '''
import dataclasses
from dataclasses import InitVar, dataclass, field


@dataclass(frozen=True)
class Day:
    year: int
    month: int = 1
    day: int = 1


@dataclass(order=True)
class Ranked:
    rank: int
    names: list = field(default_factory=list)
    note: str = field(default="", compare=False)


@dataclass(slots=True, kw_only=True)
class Slotted:
    a: int
    b: str = "b"


@dataclass
class Scaled:
    width: float
    scale: InitVar[float] = 1.0

    def __post_init__(self, scale):
        self.width *= scale


def behaviour():
    day = Day(1917, 11)
    try:
        day.year = 1
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    return (repr(day), day == Day(1917, 11, 1), hash(day) == hash(Day(1917, 11)), frozen,
            sorted([Ranked(2, ["x"]), Ranked(1)]) == [Ranked(1), Ranked(2, ["x"])],
            Ranked(1, note="a") == Ranked(1, note="b"), repr(Slotted(a=3)),
            hasattr(Slotted(a=1), "__dict__"), Scaled(2.0, 1.5).width,
            [f.name for f in dataclasses.fields(Ranked)])
'''


@pytest.fixture
def keeping(tmp_path, monkeypatch) -> Path:
    """This process keeps code as the command does, in a folder of its own; undone after."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STUDYPRESS_CACHE_DIR", str(folder))
    monkeypatch.setattr(dataclass_code, "_TABLE", None)
    monkeypatch.setattr(dataclasses, "exec", None, raising=False)
    monkeypatch.delattr(dataclasses, "exec")
    dataclass_code.install()
    return folder


def _classes(name: str) -> dict:
    """The module ``CLASSES``, made afresh (``__module__``: the module dataclasses found)."""
    namespace: dict = {"__name__": name}
    module = sys.modules[name] = type(sys)(name)
    try:
        # Not under this file's ``annotations`` future: InitVar is told by its object.
        exec(compile(CLASSES, f"<{name}>", "exec", dont_inherit=True), namespace)
    finally:
        del sys.modules[name]
    namespace["__module__"] = module
    return namespace


@contextlib.contextmanager
def _unhooked():
    """``dataclasses`` with its own ``exec`` for a while, whatever is installed."""
    ours = vars(dataclasses).pop("exec", None)
    try:
        yield
    finally:
        if ours is not None:
            dataclasses.exec = ours


def _plain() -> dict:
    with _unhooked():
        return _classes("plain_classes")


def _plain_behaviour() -> tuple:
    return _plain()["behaviour"]()


def _methods(namespace: dict) -> dict:
    """What a class's methods are, beyond their code: name, signature, annotations,
    defaults, and the module they run in."""
    out = {}
    for cls in ("Day", "Ranked", "Slotted", "Scaled"):
        for name, fn in vars(namespace[cls]).items():
            fn = getattr(fn, "__wrapped__", fn)  # ``__repr__`` comes wrapped
            if not isinstance(fn, types.FunctionType) or fn.__module__ is None:
                continue
            if fn.__globals__ is not vars(namespace["__module__"]) and name != "__post_init__":
                out[cls, name] = "runs in another module's globals"
                continue
            out[cls, name] = (fn.__qualname__, str(inspect.signature(fn)),
                              {k: repr(v) for k, v in fn.__annotations__.items()},
                              repr(fn.__defaults__), repr(fn.__kwdefaults__),
                              repr(typing.get_type_hints(fn, vars(dataclasses))))
    return out


def test_classes_made_from_kept_code_are_the_classes_dataclasses_makes(keeping, monkeypatch):
    made = _classes("first")
    dataclass_code.save()
    path = dataclass_code.cache_file()
    assert path is not None and path.is_file()
    kept = dataclass_code._load(path)
    assert len(kept) >= 8  # an __init__, __repr__, __eq__ … of each class

    # A later process: the file read again, nothing compiled.
    monkeypatch.setattr(dataclass_code, "_TABLE", dataclass_code._Table(path))

    def never(*_args, **_kwargs):
        raise AssertionError("compiled again: the kept code was not used")

    monkeypatch.setattr(dataclass_code, "compile", never, raising=False)
    again = _classes("again")
    plain = _plain()
    assert again["behaviour"]() == made["behaviour"]() == plain["behaviour"]()
    assert _methods(again) == _methods(made) == _methods(plain)
    assert len(_methods(plain)) >= 12
    for cls in ("Day", "Ranked", "Slotted", "Scaled"):
        for method in ("__init__", "__repr__", "__eq__"):
            # ``__repr__`` comes wrapped (``reprlib.recursive_repr``).
            ours, theirs = (getattr(getattr(ns[cls], method), "__wrapped__",
                                    getattr(ns[cls], method)).__code__ for ns in (again, made))
            assert ours == theirs and ours.co_filename == "<string>"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
                .filter(lambda n: not keyword.iskeyword(n) and n not in ("self", "object")),
                min_size=1, max_size=6, unique=True),
       st.booleans(), st.booleans())
def test_any_class_s_kept_code_is_what_exec_compiles(tmp_path_factory, names, frozen, order):
    folder = tmp_path_factory.mktemp("kept")
    path = folder / "dataclass-code-00000000.bin"
    table = dataclass_code._Table(path)
    sources: list[str] = []

    def recording(source, globals=None, locals=None, /):
        if isinstance(source, str):
            sources.append(source)
            source = table.code(source)
        exec(source, globals, locals)

    dataclasses.exec = recording  # type: ignore[attr-defined]
    try:
        cls = dataclasses.make_dataclass("Made", [(n, int) for n in names], frozen=frozen,
                                         order=order)
    finally:
        del dataclasses.exec
    assert sources
    new, table.new = table.new, {}
    dataclass_code._write(path, new)
    again = dataclass_code._Table(path)
    for source in sources:
        assert again.code(source) == compile(source, "<string>", "exec", dont_inherit=True)
    assert not again.new  # every one of them from the file
    shown = ", ".join(f"{name}={n}" for n, name in enumerate(names))
    assert repr(cls(*range(len(names)))) == f"Made({shown})"


@pytest.mark.parametrize("harm", ["cut short", "a flipped byte", "another python",
                                  "others may write it", "a folder"])
def test_a_file_not_whole_not_this_python_s_or_not_the_user_s_own_is_left_unread(
        keeping, harm):
    import marshal

    _classes("first")
    dataclass_code.save()
    path = dataclass_code.cache_file()
    data = path.read_bytes()
    if harm == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif harm == "a flipped byte":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif harm == "another python":
        build, table = marshal.loads(data[len(dataclass_code._MAGIC) + 4:])
        path.write_bytes(cachefiles.framed(dataclass_code._MAGIC,
                                           marshal.dumps((build + "-other", table))))
    elif harm == "others may write it":
        if not hasattr(os, "getuid"):
            pytest.skip("no file modes here")
        path.chmod(0o666)
    else:
        path.unlink()
        path.mkdir()
    assert dataclass_code._load(path) == {}
    dataclass_code._TABLE = dataclass_code._Table(path)
    assert _classes("again")["behaviour"]() == _plain_behaviour()  # compiled as ever


def test_code_that_is_not_this_python_s_is_compiled_again(keeping):
    _classes("first")
    dataclass_code.save()
    path = dataclass_code.cache_file()
    table = dataclass_code._Table(path)
    table.known = {source: b"not marshalled code" for source in table.known}
    dataclass_code._TABLE = table
    assert _classes("again")["behaviour"]() == _plain_behaviour()
    assert table.new  # compiled, to be kept again


def test_a_program_that_never_installs_reads_and_writes_no_file(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    code = textwrap.dedent(f"""
        import dataclasses, sys
        sys.path.insert(0, {str(SRC)!r})
        from studypress import dataclass_code
        from studypress import model
        dataclass_code.save()
        assert "exec" not in vars(dataclasses)
    """)
    env = {**os.environ, "STUDYPRESS_CACHE_DIR": str(folder)}
    env.pop("STUDYPRESS_KEEPS_COMPILED", None)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not folder.exists()


def test_the_command_keeps_code_and_a_process_it_starts_afresh_too(tmp_path):
    folder = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "STUDYPRESS_KEEPS_COMPILED"}
    env.update(STUDYPRESS_CACHE_DIR=str(folder), PYTHONPATH=str(SRC))
    note = tmp_path / "n.md"
    note.write_text("# N\n\n## Timeline\n\n- **1917:** A thing happens.\n", encoding="utf-8")
    command = [sys.executable, "-m", "studypress", "build", str(note), "-o",
               str(tmp_path / "out"), "-q", "--only", "model"]
    subprocess.run(command, check=True, env=env)
    [path] = folder.glob("dataclass-code-*.bin")
    first = dataclass_code._load(path)
    assert len(first) > 100
    before = path.stat().st_mtime_ns
    subprocess.run([*command, "--force"], check=True, env=env)
    assert path.stat().st_mtime_ns == before  # all of it read, nothing new to add
    # A worker started afresh (spawn, forkserver) has the command's environment.
    probe = ("import dataclasses, studypress; from studypress import dataclass_code; "
             "print(vars(dataclasses).get('exec') is dataclass_code._exec)")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True, env={**env, "STUDYPRESS_KEEPS_COMPILED": "1"})
    assert out.stdout.strip() == "True"


def test_each_kind_tidies_only_its_own_files(keeping):
    import time

    keeping.mkdir(parents=True)
    long_ago = time.time() - cachefiles.UNUSED - 60
    theirs = keeping / "patterns-00000000.bin"
    theirs.write_bytes(b"studypress-patterns 1\n")
    ours = keeping / "dataclass-code-00000000.bin"
    ours.write_bytes(dataclass_code._MAGIC_NAME + b"0\n")
    for old in (theirs, ours):
        os.utime(old, (long_ago, long_ago))
    _classes("first")
    dataclass_code.save()
    names = {p.name for p in keeping.iterdir()}
    assert theirs.name in names and ours.name not in names
    assert dataclass_code.cache_file().name in names


def test_whatever_befalls_the_keeping_the_classes_are_those_dataclasses_makes(keeping,
                                                                                monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the keeping broke")

    monkeypatch.setattr(dataclass_code._Table, "code", broken)
    made, plain = _classes("made"), _plain()
    assert made["behaviour"]() == plain["behaviour"]()
    assert _methods(made) == _methods(plain)  # annotations as objects, not strings


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_copy_leaves_what_its_parent_compiled_to_the_parent(keeping):
    _classes("first")
    assert dataclass_code._TABLE.new
    pid = os.fork()
    if pid == 0:  # the copy: it would write only what it compiles itself
        os._exit(0 if dataclass_code._TABLE.new == {} else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert dataclass_code._TABLE.new


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")
@pytest.mark.parametrize("harm", ["a link to a file", "a second name", "a folder others write"])
def test_a_file_reached_another_way_than_its_own_is_left_unread(keeping, harm):
    _classes("first")
    dataclass_code.save()
    path = dataclass_code.cache_file()
    elsewhere = path.parent.parent / "elsewhere.bin"
    elsewhere.write_bytes(path.read_bytes())
    elsewhere.chmod(0o600)  # the user's own, as the kept file is: refused only for the harm
    assert dataclass_code._load(path)
    if harm == "a link to a file":
        path.unlink()
        path.symlink_to(elsewhere)
    elif harm == "a second name":
        path.unlink()
        os.link(elsewhere, path)
    else:
        path.parent.chmod(0o777)
    assert dataclass_code._load(path) == {}
