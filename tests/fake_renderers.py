"""Renderers used by the build tests: one that fails on request, one with a project output."""

from __future__ import annotations

from studypress.model import Note
from studypress.renderers.base import Output, RenderContext, RenderResult


class Echo:
    name = "echo"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        if "FAIL" in note.title:
            raise RuntimeError("asked to fail")
        if "SILENT" in note.title:
            return RenderResult()
        if "WARN" in note.title:
            from studypress.model import Diagnostic, Severity

            return RenderResult(files=[Output("echo.txt", b"warned")], diagnostics=[Diagnostic(
                Severity.WARNING, "echo-warning", "asked to warn", note.source, 1)])
        previous = ctx.previous("echo.txt")
        runs = 1 + (int(previous.split(b"|")[1]) if previous else 0)
        body = f"{note.title}|{runs}|{ctx.build_time}|{ctx.options.paper}"
        for target in note.embeds:
            data = ctx.asset(target)
            body += f"|{target}={data.decode() if data is not None else None}"
        return RenderResult(files=[Output("echo.txt", body.encode())])

    def render_project(self, notes: list[Note], ctx: RenderContext) -> RenderResult:
        names = ",".join(sorted(n.id for n in notes))
        return RenderResult(files=[Output("all.txt", names.encode())])


RENDERER = Echo()
