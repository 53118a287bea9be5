"""Patterns kept from one process for the next: rebuilt from their kept code they are the
patterns ``re`` compiles, only constants are kept (never a pattern made from a note), and a
file that is not whole, not this Python's or not the user's own is left unread."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress import cachefiles, patterns

SRC = Path(__file__).resolve().parents[1] / "src"
SAMPLES = [
    (r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})", 0),
    (r"\bquiz\b|\bshort[- ]answer\b", re.I),
    (r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+", 0),
    (r"(?x) (?P<space>\ +) | (?P<word>\w+)", 0),
    (r"^\s*(?:[-*+]|\d+[.)])\s+", re.M),
    (r"(?<![\w'’])(?:vor\s+unserer\s+zeitrechnung|до\s+н\.\s*э\.)", re.I),
]


def _never(*_args: object) -> re.Pattern[str]:
    raise AssertionError("compiled again: the kept code was not used")


@pytest.fixture
def keeping(monkeypatch) -> None:
    """This process keeps patterns as the command does, without ``re`` patched for the whole
    test run (``install`` is tested in processes of its own)."""
    from re import _compiler

    monkeypatch.setattr(patterns, "_REAL", _compiler.compile)
    monkeypatch.setattr(patterns, "_TABLE", None)


@pytest.fixture
def folder(tmp_path, monkeypatch, keeping) -> Path:
    monkeypatch.setenv("STUDYPRESS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _saved(pairs) -> Path:
    for source, flags in pairs:
        patterns.compile(source, flags)
    patterns.save()
    path = patterns.cache_file()
    assert path is not None and path.is_file()
    return path


def test_a_kept_pattern_is_the_pattern_re_compiles(folder):
    path = _saved(SAMPLES)
    table = patterns._Table(path)  # as the next process reads it
    for source, flags in SAMPLES:
        kept, real = table.pattern(source, int(flags), _never), re.compile(source, flags)
        assert kept == real and kept.flags == real.flags
        assert kept.groups == real.groups and kept.groupindex == real.groupindex
    date = table.pattern(*SAMPLES[0], _never).fullmatch("1923-10")
    assert date is not None and date.group("m") == "10"


_PIECES = st.sampled_from([r"a", r"\d+", r"[a-zé]", r"(?P<n{}>x|y)", r"(?:ab)*", r"\b", r"ß",
                           r"[^\W\d]", r"İ", r".{1,3}?", r"(?=q)", r"$", r"\s*",
                           r"[\u0400-\u04ff]"])


@given(st.lists(_PIECES, min_size=1, max_size=6), st.sampled_from([0, re.I, re.M | re.S]))
def test_any_pattern_kept_is_the_pattern_re_compiles(pieces, flags):
    source = "".join(p.replace("{}", str(i)) for i, p in enumerate(pieces))
    real = re.compile(source, flags)
    parts = patterns._parts(source, int(flags), real)
    assert parts is not None
    import _sre

    made = _sre.compile(source, *parts)
    assert made == real and made.groupindex == real.groupindex


def test_save_adds_to_what_another_process_kept_meanwhile(folder):
    path = _saved(SAMPLES[:2])
    patterns._TABLE = None  # another process, which has not read the file
    other = patterns._table()
    other.known.clear()
    patterns.compile(*SAMPLES[2])
    patterns.save()
    assert set(patterns._load(path)) == {(s, int(f)) for s, f in SAMPLES[:3]}


@pytest.mark.parametrize("harm", ["cut short", "another python", "a flipped byte", "not a file"])
def test_a_file_not_whole_or_not_this_python_s_is_not_read(folder, harm):
    path = _saved(SAMPLES)
    data = path.read_bytes()
    if harm == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif harm == "a flipped byte":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif harm == "another python":
        import marshal
        import zlib

        build, table = marshal.loads(data[len(patterns._MAGIC) + 4:])
        payload = marshal.dumps((build + "-other", table))
        path.write_bytes(patterns._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    else:
        path.unlink()
        path.mkdir()
    assert patterns._load(path) == {}
    patterns._TABLE = None
    for source, flags in SAMPLES:  # compiled as ever
        assert patterns.compile(source, flags) == re.compile(source, flags)


def test_entries_of_another_shape_are_left_unread(folder):
    import marshal
    import zlib

    path = _saved(SAMPLES)
    good = patterns._load(path)
    odd = {**{key: blob for key, (blob, _) in good.items()},  # an earlier shape
           ("x", "0"): (b"", None), "y": (b"", None), ("z", 0): (b"", 7)}
    payload = marshal.dumps((patterns._build(), odd))
    path.write_bytes(patterns._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    assert patterns._load(path) == {}
    patterns._TABLE = None
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_a_bad_pattern_still_raises_re_s_error(folder):
    with pytest.raises(re.error):
        patterns.compile(r"(unclosed")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes")
def test_a_file_others_may_write_is_not_read(folder):
    path = _saved(SAMPLES)
    assert patterns._load(path)
    path.chmod(0o666)
    assert patterns._load(path) == {}


def test_an_empty_folder_setting_keeps_nothing(tmp_path, monkeypatch, keeping):
    monkeypatch.setenv("STUDYPRESS_CACHE_DIR", "")
    assert patterns.cache_file() is None
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    patterns.save()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_costs_no_second_compile(tmp_path, monkeypatch,
                                                              keeping):
    blocked = tmp_path / "file"
    blocked.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("STUDYPRESS_CACHE_DIR", str(blocked / "cache"))
    worked_out: list[str] = []
    real_parts = patterns._parts
    monkeypatch.setattr(patterns, "_parts", lambda s, f, c: worked_out.append(s) or
                        real_parts(s, f, c))
    assert patterns.compile(*SAMPLES[1]) == re.compile(*SAMPLES[1])
    patterns.save()  # no error: the patterns are compiled again next time
    assert blocked.read_text(encoding="utf-8") == "in the way"
    assert worked_out == []  # the engine's code is worked out only for a file to write


def test_a_folder_whose_files_anyone_may_write_gets_no_file(folder, monkeypatch):
    real_fstat = os.fstat

    def fstat(fd: int):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode | 0o066, *tuple(st)[1:]))

    monkeypatch.setattr(os, "fstat", fstat)  # as a folder that ignores modes shows them
    patterns.compile(*SAMPLES[0])
    patterns.save()
    assert not list(folder.glob("patterns-*")) and not list(folder.glob(".patterns-*"))


def test_a_pattern_given_as_a_str_subclass_is_compiled_and_the_others_kept(folder):
    class Marked(str):
        pass

    assert patterns.compile(Marked("a+b"), 0) == re.compile("a+b")
    path = _saved(SAMPLES[:1])
    assert set(patterns._load(path)) == {(SAMPLES[0][0], 0)}


def test_other_versions_old_files_and_dead_writers_leftovers_go(folder):
    import time

    folder.mkdir(parents=True)
    ours = patterns._MAGIC_NAME + b"1\n"
    files = {"patterns-00000000.bin": ours, "patterns-11111111.bin": ours,  # old, recent
             "patterns-22222222.bin": b"someone else's", "patterns-old.bin": ours,
             ".patterns-dead.tmp": b"", ".patterns-live.tmp": b"", "notes.txt": b""}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    long_ago = time.time() - cachefiles.UNUSED - 60
    for name in ("patterns-00000000.bin", "patterns-22222222.bin", "patterns-old.bin",
                 "notes.txt"):
        os.utime(folder / name, (long_ago, long_ago))
    os.utime(folder / ".patterns-dead.tmp", (time.time() - cachefiles.STALE - 60,) * 2)
    path = _saved(SAMPLES)
    gone = {"patterns-00000000.bin", ".patterns-dead.tmp"}
    assert sorted(p.name for p in folder.iterdir()) == sorted({*files, path.name} - gone)


def test_a_program_that_never_installs_reads_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYPRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "_REAL", None)
    monkeypatch.setattr(patterns, "_TABLE", None)
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    patterns.save()
    assert not (tmp_path / "cache").exists()


def test_whatever_befalls_the_keeping_the_pattern_is_compiled(folder, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the keeping broke")

    monkeypatch.setattr(patterns._Table, "pattern", broken)
    assert patterns.compile(*SAMPLES[3]) == re.compile(*SAMPLES[3])


def test_new_patterns_that_add_nothing_leave_the_file_alone(folder):
    path = _saved(SAMPLES[:1])
    before = path.stat().st_mtime_ns
    site = next(site for _, site in patterns._load(path).values())
    assert site is None  # asked for by compile: no module line
    line = f"{SRC}/x.py:1:3"
    patterns._write(path, {("first", 0): (re.compile("first"), line)})
    mid = path.stat().st_mtime_ns
    assert mid != before
    patterns._write(path, {("second", 0): (re.compile("second"), line)})  # the line varies
    assert path.stat().st_mtime_ns == mid
    assert ("second", 0) not in patterns._load(path)


@pytest.mark.parametrize(("env", "expected"), [
    ({"XDG_CACHE_HOME": "/var/cache/me"}, "/var/cache/me/studypress"),
    ({"XDG_CACHE_HOME": "relative/cache"}, "~/.cache/studypress"),
    ({}, "~/.cache/studypress"),
])
@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folders")
def test_the_cache_folder_follows_the_xdg_rules(monkeypatch, env, expected):
    monkeypatch.delenv("STUDYPRESS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cachefiles.cache_folder() == Path(os.path.expanduser(expected))


_MODULE = '''
import re

AT_IMPORT = re.compile(r"kept at import [0-9]+")
VARIES = re.compile("|".join(["one way", __import__("os").environ.get("NOTED", "")]))


class Holder:
    IN_A_CLASS = re.compile(r"kept in a class body")


def from_a_note(name):
    return re.compile(re.escape(name) + r"\\b")


def from_a_note_in_a_class(name):
    class Local:
        made = re.compile(re.escape(name) + " in a class")

    return Local.made


def from_a_note_by_exec(name):
    exec("import re; re.compile(" + repr(re.escape(name)) + " + ' by exec')")
    return eval("__import__('re').compile(" + repr(re.escape(name)) + " + ' by eval')")
'''


def _run(tmp_path: Path, script: str, **more: str) -> str:
    env = {**os.environ, **more, "STUDYPRESS_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join([str(SRC), str(tmp_path)])}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], env=env,
                          capture_output=True, text=True, check=True).stdout


def test_only_constants_are_kept_never_a_pattern_made_from_a_note(tmp_path):
    (tmp_path / "noted.py").write_text(_MODULE, encoding="utf-8")
    path = Path(_run(tmp_path, '''
        from studypress import patterns
        patterns.install()
        import noted
        for make in (noted.from_a_note, noted.from_a_note_in_a_class,
                     noted.from_a_note_by_exec):
            make("Ada Lovelace of the note")
        patterns.save()
        print(patterns.cache_file())
    ''').strip())
    kept = {source for source, _ in patterns._load(path)}
    assert {r"kept at import [0-9]+", r"kept in a class body"} <= kept
    assert not any("Ada" in source for source in kept)
    assert b"Ada" not in path.read_bytes()


def test_a_process_after_the_first_builds_a_module_s_pattern_from_the_file(tmp_path):
    (tmp_path / "noted.py").write_text(_MODULE, encoding="utf-8")
    first = '''
        import re
        from re import _compiler
        compiled = []
        real = _compiler.compile
        _compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)
        from studypress import patterns
        patterns.install()
        import noted
        patterns.save()
        print(sum("kept at import" in str(p) for p in compiled))
        print(noted.AT_IMPORT.fullmatch("kept at import 42") is not None)
    '''
    assert _run(tmp_path, first).split() == ["1", "True"]  # compiled, then kept
    assert _run(tmp_path, first).split() == ["0", "True"]  # from the file, and it matches


def test_a_module_line_whose_pattern_changes_from_process_to_process_keeps_one(tmp_path):
    # A pattern joined from a set comes out in another order in each process.
    (tmp_path / "noted.py").write_text(_MODULE, encoding="utf-8")
    script = '''
        from studypress import patterns
        patterns.install()
        import noted
        patterns.save()
        print(patterns.cache_file())
    '''
    path = Path(_run(tmp_path, script, NOTED="first").strip())
    before = path.stat().st_mtime_ns
    _run(tmp_path, script, NOTED="second")
    assert path.stat().st_mtime_ns == before  # not written again for it
    kept = {source for source, _ in patterns._load(path)}
    assert "one way|first" in kept and "one way|second" not in kept


def test_a_build_with_kept_patterns_writes_the_same_bytes(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    seed = Path(__file__).parent / "notes" / \
        "russian-history-ii-us-recognition-of-soviet-union-timeline.md"
    (notes / seed.name).write_bytes(seed.read_bytes())
    outputs = {}
    written = None
    for run, cache in (("plain", ""), ("first", "cache"), ("kept", "cache")):
        if run == "kept":
            written = next((tmp_path / "cache").glob("patterns-*.bin")).stat().st_mtime_ns
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(SRC),
               "STUDYPRESS_CACHE_DIR": str(tmp_path / cache) if cache else ""}
        out = tmp_path / f"out-{run}"
        (tmp_path / "studypress.lock").unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "studypress", "build", "notes", "-o", str(out),
                        "-q", "-j", "1"], env=env, cwd=tmp_path, check=True)
        outputs[run] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                        if p.is_file() and not p.name.startswith(".studypress-")}
    kept = list((tmp_path / "cache").glob("patterns-*.bin"))
    assert len(kept) == 1 and len(patterns._load(kept[0])) > 100
    # The third run compiled nothing the file lacked (else it would have written it again):
    # it read the file and built its patterns from it.
    assert kept[0].stat().st_mtime_ns == written
    assert outputs["plain"].keys() == outputs["kept"].keys()
    assert {"guide.pdf", "deck.apkg"} <= {Path(k).name for k in outputs["plain"]}
    assert [k for k in outputs["plain"] if outputs["plain"][k] != outputs["kept"][k]] == []


def test_a_module_file_written_since_keeps_its_line_s_new_pattern(tmp_path):
    module = tmp_path / "edited.py"
    script = '''
        from studypress import patterns
        patterns.install()
        import edited
        patterns.save()
        print(patterns.cache_file())
    '''
    module.write_text('import re\nX = re.compile("first constant")\n', encoding="utf-8")
    path = Path(_run(tmp_path, script).strip())
    module.write_text('import re\nX = re.compile("second constant")\n', encoding="utf-8")
    later = module.stat().st_mtime_ns + 10**9
    os.utime(module, ns=(later, later))  # the same line, in the code as it is now
    _run(tmp_path, script)
    kept = {source for source, _ in patterns._load(path)}
    assert "second constant" in kept and "first constant" not in kept


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a forked child")
def test_a_forked_child_writes_only_what_it_compiles(tmp_path):
    (tmp_path / "noted.py").write_text(_MODULE, encoding="utf-8")
    out = _run(tmp_path, '''
        import os
        from studypress import patterns
        patterns.install()
        import noted
        pid = os.fork()
        if pid == 0:
            patterns.save()  # the parent's patterns are the parent's to write
            os._exit(0)
        os.waitpid(pid, 0)
        print(patterns.cache_file().exists())
        patterns.save()
        print(patterns.cache_file().exists())
    ''')
    assert out.split() == ["False", "True"]


def test_a_worker_started_afresh_keeps_patterns_as_the_command_that_started_it(tmp_path):
    worker = ("import studypress; from studypress import patterns; "
              "print(patterns._REAL is not None)")
    script = f'''
        import subprocess, sys
        from studypress import compiled
        if sys.argv[1:] == ["install"]:
            compiled.install()  # as the command does
        print(subprocess.run([sys.executable, "-c", {worker!r}], capture_output=True,
                             text=True, check=True).stdout.strip())
    '''
    env = {**os.environ, "STUDYPRESS_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(SRC)}
    env.pop("STUDYPRESS_KEEPS_COMPILED", None)
    for mode, expected in (("install", "True"), ("library", "False")):
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(script), mode], env=env,
                              capture_output=True, text=True, check=True)
        assert done.stdout.split() == [expected]


def test_reportlabs_uri_pattern_the_slowest_to_compile_is_built_from_the_file(tmp_path):
    script = '''
        from re import _compiler
        seen = []
        real = _compiler.compile
        _compiler.compile = lambda p, flags=0: seen.append(str(p)) or real(p, flags)
        from studypress import patterns
        patterns.install()
        import reportlab.platypus.paragraph as paragraph
        patterns.save()
        print(sum(p.startswith("(^(?:[a-z0-9") for p in seen))
        print(paragraph.uri_pat.match("HTTPS://www.Example.org/a/b") is not None)
    '''
    assert _run(tmp_path, script).split() == ["1", "True"]  # compiled, then kept
    assert _run(tmp_path, script).split() == ["0", "True"]  # from the file, and it matches
