"""The meeting pack as one self-contained HTML file: every view, its charts drawn by plotly.js, nothing fetched.

plotly.js travels in the file gzip-compressed and is unpacked by the browser; a map is drawn as SVG
outlines (a file opened from disk gets no WebGL map). Each chart has its description as a caption and its
data as a table.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from planner.plan.loader import Plan
from planner.presentation import chart_text, i18n
from planner.presentation.charts import map_drawing
from planner.presentation.pack_slides import Slide, footer


def _html_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """A table with its header cells marked as such (th scope=col)."""
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(plan: Plan, deck: Sequence[Slide], lang: str, as_of: dt.date) -> str:
    """One self-contained HTML file: plotly.js inlined once (compressed, see :func:`_plotly_loader`), nothing fetched."""
    parts = []
    for s in deck:
        body = ""
        if s.figure is not None:
            words = chart_text.alternative(s.figure, lang)
            data = (
                f"<details><summary>{html.escape(i18n.t('ct.data', lang, name=words.name))}</summary>"
                f"{_html_table(words.rows)}</details>"
                if words.rows
                else ""
            )
            chart = _chart(map_drawing.as_drawing(s.figure), f"fig-{s.key}")
            body = f"<figure><figcaption>{html.escape(words.description)}</figcaption>{chart}{data}</figure>"
        elif s.table:
            body = _html_table(s.table)
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in s.lines)
        parts.append(
            f"<section id='{html.escape(s.key)}'><h2>{html.escape(s.title)}</h2><ul>{lines}</ul>{body}</section>"
        )
    title = html.escape(plan.portfolio.title)
    status_text = html.escape(i18n.t("w.status_header", lang, date=i18n.day(as_of, lang)))
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2rem;color:#1a1a1a}"
        "section{page-break-after:always;margin-bottom:3rem}h1{font-size:2rem}h2{font-size:1.6rem}"
        "li{font-size:1.1rem}table{border-collapse:collapse;font-size:1.1rem}"
        "td,th{border:1px solid #999;padding:.4rem .8rem;text-align:left}footer{color:#555}"
        "figure{margin:0}figcaption{font-size:1rem;margin:.5rem 0;color:#333}summary{cursor:pointer;margin:.5rem 0}</style>"
        f"{_plotly_loader()}</head><body>"
        f"<h1>{title}</h1><p><strong>{status_text}</strong></p>{''.join(parts)}"
        f"<footer>{html.escape(footer(plan, lang, as_of))}</footer></body></html>"
    )


PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": ""}
# a figure's JSON inside a script element: no "</script>", "<!--" or "&" the HTML parser would read
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _chart(fig: go.Figure, div_id: str) -> str:
    """A figure's box, and the script that draws it in it once plotly.js is ready."""
    spec = fig.to_json(validate=False).translate(_SCRIPT_SAFE)
    height = int(fig.layout.height) if fig.layout.height else 500
    config = json.dumps(PLOTLY_CONFIG)
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;"></div>'
        f'<script type="text/javascript">window.plotlyReady.then(() => {{ const f = {spec}; '
        f'Plotly.newPlot("{div_id}", f.data, f.layout, {config}); }});</script>'
    )


@functools.cache
def _plotly_loader() -> str:
    """plotly.js, gzip-compressed in the file, unpacked by the browser itself (DecompressionStream) when opened.

    plotly.js is 4.8 MB as text and 2.0 MB compressed and base64-encoded: the pack stays small enough to
    mail. ``window.plotlyReady`` resolves once it has run; each chart's script waits for it.
    """
    from plotly.offline import get_plotlyjs

    packed = base64.b64encode(gzip.compress(get_plotlyjs().encode("utf-8"), 9, mtime=0)).decode("ascii")
    return (
        f"<script id='plotlyjs-gzip' type='application/gzip;base64'>{packed}</script>"
        "<script type='text/javascript'>window.plotlyReady = (async () => {"
        "const packed = document.getElementById('plotlyjs-gzip').textContent;"
        "const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));"
        "const code = await new Response(new Blob([bytes]).stream()"
        ".pipeThrough(new DecompressionStream('gzip'))).text();"
        "const script = document.createElement('script'); script.textContent = code;"
        "document.head.appendChild(script);"
        "})();</script>"
    )
