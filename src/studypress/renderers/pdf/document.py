"""PDF document facts every PDF renderer stamps the same way: dates."""

from __future__ import annotations

import time


def pdf_date(seconds: int) -> str:
    """A PDF date string (UTC) for the document's creation and modification date."""
    t = time.gmtime(max(0, seconds))
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", t)
