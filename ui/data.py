"""The data folder as the pages see it: loaded once per content, change detection, map boundaries.

The plan is loaded again only when a data file's bytes change (an edit shows on
the next rerun without a restart); its :attr:`~planner.plan.loader.Plan.version`
is the hash of those bytes, so everything derived from it is keyed by content
(:mod:`ui.cache`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading
import time
from pathlib import Path
from typing import Any

import cachetools
import streamlit as st

from planner.analysis import schedule
from planner.editing import store
from planner.plan import folder_layout, loader, model, reference, safefile
from ui import cache, git_sync

# A file's hash is reused while its size, inode and modification time are unchanged, except in the
# first seconds after a change: a second write within the clock's resolution would keep all three
# (git calls such entries "racily clean" and hashes them again, as this does).
RACY_NS = 2_000_000_000

_hashes: dict[str, tuple[tuple[int, int, int], str]] = {}  # path -> (size, inode, mtime), sha256 of the bytes
_hashes_lock = threading.Lock()


def _file_hash(path: Path, base: Path) -> str:
    """sha256 of the file's bytes; read again only when the file may have changed.

    Read as the loader reads (:func:`safefile.read_bytes`): a link out of the
    folder, a pipe or a device is never opened, and a file is read up to its
    limit, so change detection can neither hang nor fill the memory.
    """
    try:
        stat = path.stat()
    except (OSError, RuntimeError):  # gone, or a link loop (the loader says which)
        return "<unreadable>"
    signature = (stat.st_size, stat.st_ino, stat.st_mtime_ns)
    key = str(path)
    with _hashes_lock:
        known = _hashes.get(key)
    if known is not None and known[0] == signature and time.time_ns() - stat.st_mtime_ns > RACY_NS:
        return known[1]
    try:
        digest = hashlib.sha256(safefile.read_bytes(path, base, reference.BOUNDARIES_LIMIT)).hexdigest()
    except (OSError, safefile.UnsafeFile) as exc:
        return f"<unreadable: {getattr(exc, 'code', '')} {signature}>"
    with _hashes_lock:
        _hashes[key] = (signature, digest)
    return digest


def fingerprint(data_dir: str) -> str:
    """A hash of the data folder's path and every data file's name and bytes."""
    digest = hashlib.sha256(data_dir.encode("utf-8", "surrogateescape"))
    base = Path(data_dir)
    for pattern in folder_layout.PLAN_GLOBS:
        for path in sorted(base.glob(pattern)):
            digest.update(str(path.relative_to(base)).encode("utf-8", "surrogateescape"))
            digest.update(_file_hash(path, base).encode())
    return digest.hexdigest()


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(data_dir: str, version: str) -> loader.Plan:
    """The folder as loaded when its files hashed to ``version`` (the argument is the cache key)."""
    return dataclasses.replace(loader.load(data_dir), version=version)


def version() -> str:
    """The data folder's version now (its fingerprint): computed once per run, handed to what needs it."""
    return fingerprint(loader.data_dir())


def on_disk(version: str) -> loader.Plan:
    """The plan as its files are now (``version``: :func:`version`), every statement included (the edit
    forms work on this)."""
    data_dir = loader.data_dir()
    git_sync.pull_in_background(data_dir)  # [git] pull = true: what others pushed shows on a later run
    return _load(data_dir, version)


# the data versions this server has loaded, checked and drawn a page of (the latest few: one per save)
_prepared: cachetools.LRUCache[str, bool] = cachetools.LRUCache(maxsize=16)
_prepared_lock = threading.Lock()


def prepared(version: str) -> bool:
    """Whether the data as its files are now has been loaded, checked and drawn once by this server.

    If not, the view about to run prepares it (``tools/warm.py`` does so from the server's start and after
    each change of the data, so a visitor rarely meets it) and says so while it works.
    """
    with _prepared_lock:
        return version in _prepared


def mark_prepared(p: loader.Plan) -> None:
    """``p``'s version is drawn: its values are in the caches."""
    with _prepared_lock:
        _prepared[p.version] = True


def _known_on(p: loader.Plan, as_of: dt.date) -> loader.Plan:
    known = schedule.known_on(p.vendors, as_of)
    if all(a is b for a, b in zip(known, p.vendors, strict=True)):
        return p
    return dataclasses.replace(p, vendors=known)


def known_on(p: loader.Plan, as_of: dt.date) -> loader.Plan:
    """The plan with only what vendors had said by ``as_of`` (a view as of a date)."""
    return cache.value(_known_on, p, as_of)


def _vendors_by_programme(p: loader.Plan) -> dict[str, tuple[model.Vendor, ...]]:
    found: dict[str, dict[str, model.Vendor]] = {}
    for vendor in p.vendors:
        for readiness in vendor.readiness:
            found.setdefault(readiness.programme, {}).setdefault(vendor.id, vendor)
    return {pid: tuple(vendors.values()) for pid, vendors in found.items()}


def vendors_for(p: loader.Plan, programme_id: str) -> tuple[model.Vendor, ...]:
    """The vendors with a readiness for the programme, in plan order.

    Schedule and status functions take the vendor list and pick the
    programme's readiness from it; handing them only these vendors gives the
    same result without going through every vendor for every programme.
    """
    return cache.value(_vendors_by_programme, p).get(programme_id, ())


# ------------------------------------------------------------ map boundaries


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries(path: str, mtime: float, size: int) -> dict[str, Any]:
    del mtime, size  # the cache key: a changed file is read again
    return reference.Reference(municipalities=(), boundaries_path=Path(path)).boundaries()


def boundaries(p: loader.Plan) -> dict[str, Any] | None:
    path = p.reference.boundaries_path
    if path is None or not path.exists():
        return None
    stat = path.stat()
    return _boundaries(str(path), stat.st_mtime, stat.st_size)


# Streamlit serves this folder at app/static/ (server.enableStaticServing in .streamlit/config.toml).
STATIC = Path(__file__).resolve().parent.parent / "static"


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries_file(path: str, mtime: float, size: int) -> tuple[str, bytes]:
    """The name (new contents, new name: never a stale copy in a browser) and bytes of the static file."""
    raw = json.dumps(_boundaries(path, mtime, size), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return f"boundaries-{hashlib.sha256(raw).hexdigest()[:16]}.json", raw


def _boundaries_url(path: str, mtime: float, size: int) -> str | None:
    name, raw = _boundaries_file(path, mtime, size)
    try:
        if not (STATIC / name).exists():  # first use, or removed while the server ran
            STATIC.mkdir(exist_ok=True)
            store.write_atomic(STATIC / name, raw)
    except OSError:  # a read-only install: the figure carries the boundaries itself
        return None
    return f"app/static/{name}"


_feeds_written: dict[str, bytes] = {}  # name -> what this server last wrote (no read of the file on every view)
_feeds_lock = threading.Lock()


def feed_name(p: loader.Plan, lang: str) -> str:
    """The feed's file name: stable for a data folder (a calendar subscribes to it once), its own for each folder."""
    folder = hashlib.sha256(str(Path(p.data_dir).resolve()).encode("utf-8")).hexdigest()[:10]
    return f"udrulningsplan-{folder}-{lang}.ics"


def calendar_feed(p: loader.Plan, lang: str) -> bytes:
    """The plan's calendar as an .ics file's bytes, built once per plan version and language."""
    from planner.presentation import calendar_feed as feed

    return cache.value(feed.to_ics, p, lang)


def calendar_feed_url(p: loader.Plan, lang: str) -> str | None:
    """The address of the plan's calendar feed, rewritten in static/ when the plan changes (None if it cannot be).

    Servers sharing a data folder write the same bytes under the same name.
    """
    raw = calendar_feed(p, lang)
    name = feed_name(p, lang)
    path = STATIC / name
    with _feeds_lock:
        if _feeds_written.get(name) != raw or not path.exists():
            try:
                if not path.exists() or path.read_bytes() != raw:
                    STATIC.mkdir(exist_ok=True)
                    store.write_atomic(path, raw)
            except OSError:  # a read-only install: the feed is offered as a download only
                return None
            _feeds_written[name] = raw
    return f"app/static/{name}"


def map_boundaries(p: loader.Plan) -> dict[str, Any] | str | None:
    """The boundaries for a map in the browser: the URL of a static file the browser fetches once.

    The map then carries only its colours and hover texts (a few kB, not half a
    megabyte per view). Falls back to the GeoJSON itself where the file cannot be written.
    """
    path = p.reference.boundaries_path
    if path is None or not path.exists():
        return None
    stat = path.stat()
    return _boundaries_url(str(path), stat.st_mtime, stat.st_size) or boundaries(p)
