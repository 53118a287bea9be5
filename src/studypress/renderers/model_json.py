"""``model.json``: the content model as the reader understood it (for tools and debugging)."""

from __future__ import annotations

from .. import jsontext
from ..jsonform import note_to_json
from ..model import Note
from .base import Output, RenderContext, RenderResult


class ModelJson:
    name = "model"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        data = jsontext.dumps(note_to_json(note), 2, ensure_ascii=False) + "\n"
        return RenderResult(files=[Output("model.json", data.encode("utf-8"))])


RENDERER = ModelJson()
