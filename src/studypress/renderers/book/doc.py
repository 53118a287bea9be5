"""The book's document template: the guide's pages, with a bare title page and a running
header that names the chapter being read."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable

from ..guide.doc import Anchor, GuideDoc

CHAPTER_LEVEL = 0  # outline and contents level of a chapter (its sections sit one deeper)


class BookDoc(GuideDoc):
    """``GuideDoc`` for a whole book. A chapter opens on a page with the footer alone (the
    guide's first-page template); the pages after it carry the chapter's title as header."""

    def beforeDocument(self) -> None:
        super().beforeDocument()
        # Each pass starts with the book's own title, the header of pages before chapter 1.
        self.info = replace(self.info, header=self._book_title)

    def __init__(self, *args: object, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self._book_title = self.info.header

    def afterFlowable(self, flowable: Flowable) -> None:
        super().afterFlowable(flowable)
        if isinstance(flowable, Anchor) and flowable.level == CHAPTER_LEVEL:
            self.info = replace(self.info, header=flowable.title)

    def _first_page(self, canv, doc) -> None:
        if self.page > 1:  # the title page carries no page number
            super()._first_page(canv, doc)
