"""Who is this session, and what may they see and edit (the rules are in planner/editing/access.py).

Editing is switched on in ``.streamlit/secrets.toml``::

    [editing]
    enabled = true
    password = "..."          # a small set-up: one shared password

or with Streamlit's OpenID Connect login (an ``[auth]`` section), with roles
in a ``[roles]`` section (:class:`planner.editing.access.Policy`). Projector
mode never shows edit controls; no edit control is shown to someone who may
not use it, and every refusal says why.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from planner.editing import access
from planner.presentation.markdown import inert
from ui import settings
from ui.context import Context

_SIGNED_IN = "_signed_in_as"
LOCKOUT = access.Lockout()  # one per server process, shared by its sessions


def _secrets() -> Any:
    return settings.config()  # an unreadable file never gets here: the app shows its error page instead


def enabled() -> bool:
    return access.editing_enabled(_secrets())


def policy() -> access.Policy:
    return access.Policy.from_config(_secrets())


def oidc_configured() -> bool:
    return "auth" in _secrets()


def _claims() -> dict[str, Any] | None:
    """The signed-in person's ID token claims, or None (not signed in, or a cookie that fails its signature)."""
    try:
        if not st.user.is_logged_in:
            return None
        return {k: st.user.get(k) for k in st.user.keys()}  # noqa: SIM118 (st.user is not a dict)
    except Exception:
        return None


def expired() -> bool:
    """Whether the provider's ID token has expired (its ``exp``): the person must sign in again."""
    claims = _claims() if oidc_configured() else None
    exp = claims.get("exp") if claims else None
    return isinstance(exp, int | float) and exp < time.time()


def identity() -> access.Identity | None:
    """The signed-in person, or None (also when their sign-in has expired)."""
    if oidc_configured():
        claims = _claims()
        if claims is None or expired():
            return None
        email = claims.get("email") if isinstance(claims.get("email"), str) else None
        name = claims.get("name") if isinstance(claims.get("name"), str) else None
        sub = str(claims.get("sub") or "")
        return access.Identity(
            name=(name or email or sub or "?").strip(), email=email, groups=policy().groups_of(claims), via="oidc"
        )
    name = st.session_state.get(_SIGNED_IN)
    return access.Identity(name=str(name)) if name else None


def who() -> str | None:
    """The signed-in editor as the change log and git record them, or None."""
    person = identity()
    return person.label if person else None


def may_view() -> bool:
    """Everyone may view, unless the roles say only signed-in people may."""
    return not policy().viewers_signed_in or identity() is not None


def may_edit(programme: str | None) -> bool:
    """Whether this session may change ``programme`` (None: the portfolio-wide files)."""
    person = identity()
    return person is not None and policy().may_edit(person, programme)


def editable_names(ctx: Context) -> str:
    """The programmes this session may edit, by name, for a refusal."""
    person = identity()
    allowed = policy().editable(person) if person else frozenset()
    return ", ".join(p.name for p in ctx.plan.programmes if allowed is None or p.id in allowed) or "–"


def _client() -> str:
    """The lock-out's key: the client's address (behind a proxy, the proxy's: then every client together)."""
    try:
        address = st.context.ip_address
    except Exception:
        address = None
    return address if isinstance(address, str) and address else "unknown"


def sign_in_form(ctx: Context) -> None:
    """Password (or OIDC) sign-in; the password is compared in constant time, repeated failures lock out."""
    if oidc_configured():
        if expired():
            st.warning(inert(ctx.t("ed.expired")))
        if st.button(ctx.t("ed.sign_in_oidc"), key="sign-in-oidc"):
            st.login()
        return
    if _locked_out(ctx):
        return
    if access.editing_password(_secrets()) is None:  # nobody could sign in: say so, not "wrong password"
        st.error(inert(ctx.t("cfg.no_password")))
        return
    with st.form("sign-in"):
        name = st.text_input(ctx.t("ed.your_name"), max_chars=100)
        password = st.text_input(ctx.t("ed.password"), type="password")
        if st.form_submit_button(ctx.t("ed.sign_in")):
            expected = access.editing_password(_secrets())
            if name.strip() and access.check_password(password, expected):
                LOCKOUT.succeeded(_client())
                st.session_state[_SIGNED_IN] = name.strip()
                st.rerun()
            LOCKOUT.failed(_client())
            if not _locked_out(ctx):
                st.error(inert(ctx.t("ed.wrong_password")))


def _locked_out(ctx: Context) -> bool:
    """Say so and return True while this client is locked out after too many wrong passwords."""
    wait = LOCKOUT.locked_for(_client())
    if wait:
        st.error(inert(ctx.tn("ed.locked_out", max(1, round(wait / 60)))))
    return bool(wait)


def sign_out(ctx: Context) -> None:
    if st.button(ctx.t("ed.sign_out"), key="sign-out"):
        st.session_state.pop(_SIGNED_IN, None)
        if oidc_configured():
            st.logout()  # the browser goes to /auth/logout, then to the provider's end of session
            return
        st.rerun()


def editor(ctx: Context) -> access.Identity | None:
    """The person who may edit on this page, or None after saying why not (projector, editing off,
    not signed in, not an editor). For an editor, also what narrows their editing."""
    if ctx.projector:
        st.info(inert(ctx.t("ed.projector")))
        return None
    if not enabled():
        st.info(inert(ctx.t("ed.disabled")))
        st.code('[editing]\nenabled = true\npassword = "…"', language="toml")
        return None
    if who() is None:
        sign_in_form(ctx)
        return None
    person = identity()
    label = person.label if person else ""
    st.caption(inert(ctx.t("ed.signed_in", who=label)))
    sign_out(ctx)
    if person is None or not policy().is_editor(person):  # signed in, but not an editor: no edit controls
        st.warning(inert(ctx.t("ed.not_editor", who=label)))
        return None
    return person


def scope_notices(ctx: Context, person: access.Identity) -> None:
    """The settings that narrow who may edit, and the programmes this person may edit if not all."""
    narrowing = settings.notices([p.id for p in ctx.on_disk.programmes])
    if narrowing:
        lines = [ctx.t("cfg.notice"), *(f"- {settings.mistake_text(m, ctx.lang)}" for m in narrowing)]
        st.warning("\n".join(inert(line) for line in lines))
    if policy().editable(person) is not None:
        st.info(inert(ctx.t("ed.only_programmes", names=editable_names(ctx))))
