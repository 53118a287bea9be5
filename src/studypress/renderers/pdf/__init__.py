"""What the PDF renderers (guide, handout) share.

Markup, glyph coverage and fallback, text runs drawn on a canvas, document dates.
"""
