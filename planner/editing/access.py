"""Who may edit: editing is off unless the configuration turns it on.

The app passes ``st.secrets`` (or any mapping read from its configuration)::

    [editing]
    enabled = true
    password = "..."

Nothing here imports streamlit; a missing or odd configuration means read-only.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

SECTION = "editing"
_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})


def _section(config: Mapping[str, Any] | None) -> Mapping[str, Any]:
    try:
        section = config.get(SECTION) if isinstance(config, Mapping) else None
    except OSError:  # st.secrets raises FileNotFoundError when there is no secrets file at all
        return {}
    return section if isinstance(section, Mapping) else {}


def editing_enabled(config: Mapping[str, Any] | None) -> bool:
    """True only when ``config["editing"]["enabled"]`` is explicitly true (true, or "true"/"yes"/"on"/"1")."""
    flag = _section(config).get("enabled")
    if isinstance(flag, bool):
        return flag
    return isinstance(flag, str) and flag.strip().lower() in _TRUE_WORDS


def editing_password(config: Mapping[str, Any] | None) -> str | None:
    """``config["editing"]["password"]`` if it is non-empty text, else None (then nobody can log in)."""
    password = _section(config).get("password")
    return password if isinstance(password, str) and password else None


def check_password(given: str, expected: str | None) -> bool:
    """Whether ``given`` is ``expected``, compared in constant time; never true without a password set."""
    if not expected or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
