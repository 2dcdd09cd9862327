"""Office files that are the same bytes for the same plan: a meeting's pack can be rebuilt exactly.

A .pptx or .xlsx is a zip: each member carries the time it was written, and
openpyxl stamps ``docProps/core.xml`` with the time of writing. Both are set
to the pack's date instead (in the workbooks a deck's native charts carry as
well), so the same plan as of the same day always gives the same file (and a closed meeting's pack can be checked against a rebuild).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stamped(raw: bytes, day: dt.date) -> bytes:
    """``raw`` (a zip) with every member dated ``day`` and the document's created/modified times set to it."""
    when = (max(day.year, 1980), day.month, day.day, 0, 0, 0)  # a zip cannot date before 1980
    iso = f"{day.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>" + iso + rb"\g<2>", data)
            elif info.filename.endswith(".xlsx"):  # a native chart's data: a workbook inside the deck
                data = stamped(data, day)
            copy = zipfile.ZipInfo(info.filename, date_time=when)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            target.writestr(copy, data)
    return out.getvalue()
