"""Text for a Markdown renderer (Streamlit's) that cannot make the browser fetch or open anything.

The plan's texts are data: a summary may hold ``![b](http://host/x)``, which
Markdown would turn into an image every viewer's browser fetches from that
host, or ``[here](javascript:...)``. :func:`inert` makes every link and image
plain text by escaping the brackets that open them, and every raw HTML tag
text by escaping its angle bracket; the text reads as written. The app's own
texts use neither, so whole sentences can be passed through it.
"""

from __future__ import annotations

import re

_OPENERS = re.compile(r"([\[\]<])")


def inert(text: str) -> str:
    """``text`` with ``[``, ``]`` and ``<`` escaped: no link, image or HTML tag is left to render."""
    return _OPENERS.sub(r"\\\1", text)
