"""How much room a text takes when drawn: the one estimate every chart, slide and label box sizes by.

No font file is read (the planner would then depend on a font installed where it runs). The app, the
HTML pack and LibreOffice draw in DejaVu Sans, or Arial where a reader has it; a character's mean
advance in DejaVu Sans is about 0.6 of the font size (digits 0.64, lower case 0.6, capitals wider)
and about 0.7 in its bold face. The estimates below have a little room to spare, so a label sized by
them stays clear of its neighbours in either font.
"""

from __future__ import annotations

EM = 0.62  # a regular character's mean advance against the font size
BOLD_EM = 0.7  # a bold one's (DejaVu Sans Bold, LibreOffice's stand-in for the deck's titles)


def char(size: float, *, bold: bool = False) -> float:
    """A character's mean width at font size ``size``, in the size's own unit (px or pt)."""
    return size * (BOLD_EM if bold else EM)


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of one line of ``text`` at font size ``size``, in the size's own unit."""
    return len(text) * char(size, bold=bold)


def per_line(room: float, size: float, *, bold: bool = False) -> int:
    """How many characters fit on a line ``room`` wide (same unit as ``size``)."""
    return int(room // char(size, bold=bold))
