"""``model.json``: the content model as the reader understood it (for tools and debugging)."""

from __future__ import annotations

import json

from ..jsonform import note_to_json
from ..model import Note
from .base import Output, RenderContext, RenderResult


class ModelJson:
    name = "model"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        data = json.dumps(note_to_json(note), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        return RenderResult(files=[Output("model.json", data.encode("utf-8"))])


RENDERER = ModelJson()
