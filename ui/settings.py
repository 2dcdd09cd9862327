"""The app's settings (``.streamlit/secrets.toml``), read so that a mistake closes the app rather than opens it.

Only a missing secrets file means "no settings" (read-only for everyone). A
file that exists but cannot be read or parsed, or settings with a mistake that
could widen access (:mod:`planner.editing.settings`), show every visitor a
short configuration-error page naming the file, line and setting, never a
value, and nothing else; each is logged once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import config as st_config
from streamlit.errors import StreamlitSecretNotFoundError

from planner.editing import settings
from planner.presentation import i18n
from planner.presentation.markdown import inert

_log = logging.getLogger("udrulningsplan.settings")
_logged: set[str] = set()
_logged_lock = threading.Lock()


def _secret_files() -> list[Path]:
    return [Path(p) for p in st_config.get_option("secrets.files")]


def read() -> Mapping[str, Any] | settings.Unreadable:
    """The settings as a plain mapping ({} when there is no secrets file), or what makes the file unreadable."""
    try:
        return st.secrets.to_dict()
    except (StreamlitSecretNotFoundError, FileNotFoundError) as exc:
        present = [p for p in _secret_files() if os.path.lexists(p)]
        if not present:
            return {}  # no file: read-only for everyone
        return settings.unreadable(present[0], exc.__cause__ if isinstance(exc.__cause__, OSError) else None)
    except (OSError, UnicodeDecodeError) as exc:  # a file Streamlit could not open or decode
        present = [p for p in _secret_files() if os.path.lexists(p)]
        return settings.unreadable(present[0] if present else Path("secrets.toml"), exc)


def config() -> Mapping[str, Any]:
    """The settings for the rules of access and sync; an unreadable file gives none (the app is closed anyway)."""
    found = read()
    return {} if isinstance(found, settings.Unreadable) else found


def _once(message: str) -> None:
    with _logged_lock:
        if message in _logged:
            return
        _logged.add(message)
    _log.error(message)


def mistake_text(mistake: settings.Mistake, lang: str) -> str:
    """'roles.viewers: ukendt værdi 'signed in'; mente du 'signed-in'?'"""
    text = f"{mistake.where}: " + i18n.t("cfg." + mistake.code, lang, value=mistake.value)
    if mistake.hint and "," in mistake.hint:  # the values it may take
        text += "; " + i18n.t("cfg.one_of", lang, hint=mistake.hint)
    elif mistake.hint:
        text += "; " + i18n.t("cfg.did_you_mean", lang, hint=mistake.hint)
    return text


def closed_page(lang: str) -> bool:
    """Show the configuration-error page and return True when the settings must close the app."""
    found = read()
    if isinstance(found, settings.Unreadable):
        where = f"{found.file}:{found.line}:{found.column}" if found.line else found.file
        _once(f"settings file cannot be read, the app shows no data: {where}: {found.reason}")
        if found.line:
            message = i18n.t("cfg.unreadable_at", lang, file=found.file, line=found.line, column=found.column,
                             reason=found.reason)  # fmt: skip
        else:
            message = i18n.t("cfg.unreadable", lang, file=found.file, reason=found.reason)
        _page(lang, [message])
        return True
    closing = settings.closing(settings.check(found))
    if not closing:
        return False
    for m in closing:
        _once(f"settings mistake, the app shows no data: {mistake_text(m, 'en')}")
    present = [str(p) for p in _secret_files() if p.is_file()]
    where = present[0] if present else "secrets.toml"
    _page(lang, [i18n.t("cfg.closed", lang, file=where), *(f"- {mistake_text(m, lang)}" for m in closing)])
    return True


def _page(lang: str, lines: list[str]) -> None:
    st.title(inert(i18n.t("cfg.title", lang)))
    st.error("\n".join(inert(line) for line in lines))
    st.info(inert(i18n.t("cfg.fix", lang)))


def notices(programmes: list[str]) -> list[settings.Mistake]:
    """The settings' mistakes that narrow access, for editors (the closing ones never get this far)."""
    return [m for m in settings.check(config(), programmes) if not m.closing]
