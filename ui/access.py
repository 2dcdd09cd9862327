"""Who may edit in this session: off unless configured, then a sign-in.

Editing is switched on in ``.streamlit/secrets.toml``::

    [editing]
    enabled = true
    password = "..."

or with Streamlit's OpenID Connect login (an ``[auth]`` section). Projector
mode never shows edit controls.
"""

from __future__ import annotations

import streamlit as st

from planner.editing import access
from ui.context import Context

_SIGNED_IN = "_signed_in_as"


def _secrets() -> object:
    try:
        return st.secrets
    except Exception:  # no secrets file: read-only
        return {}


def enabled() -> bool:
    return access.editing_enabled(_secrets())  # type: ignore[arg-type]


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def who() -> str | None:
    """The signed-in editor's name, or None."""
    if _oidc_configured():
        try:
            if st.user.is_logged_in:
                return str(st.user.get("email") or st.user.get("name") or "oidc-user")
        except Exception:
            return None
    name = st.session_state.get(_SIGNED_IN)
    return str(name) if name else None


def sign_in_form(ctx: Context) -> None:
    """Password (or OIDC) sign-in; the password is compared in constant time."""
    if _oidc_configured():
        if st.button(ctx.t("ed.sign_in_oidc")):
            st.login()
        return
    with st.form("sign-in"):
        name = st.text_input(ctx.t("ed.your_name"), max_chars=100)
        password = st.text_input(ctx.t("ed.password"), type="password")
        if st.form_submit_button(ctx.t("ed.sign_in")):
            expected = access.editing_password(_secrets())  # type: ignore[arg-type]
            if name.strip() and access.check_password(password, expected):
                st.session_state[_SIGNED_IN] = name.strip()
                st.rerun()
            st.error(ctx.t("ed.wrong_password"))


def sign_out(ctx: Context) -> None:
    if st.button(ctx.t("ed.sign_out"), key="sign-out"):
        st.session_state.pop(_SIGNED_IN, None)
        if _oidc_configured():
            st.logout()
        st.rerun()
