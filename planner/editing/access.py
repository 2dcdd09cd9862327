"""Who may edit: editing is off unless the configuration turns it on.

The app passes ``st.secrets`` (or any mapping read from its configuration)::

    [editing]
    enabled = true
    password = "..."

Who may see and edit what is a :class:`Policy` read from the ``[roles]``
section; repeated wrong passwords lock a client out (:class:`Lockout`).

Nothing here imports streamlit; a missing or odd configuration means read-only.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.editing.locate import value_at
from planner.editing.records import FieldPath

SECTION = "editing"
_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})


def _section(config: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return _named_section(config, SECTION)


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


# ------------------------------------------------------------ who may see and edit what

ROLES = "roles"
GROUP_PREFIX = "group:"
PORTFOLIO_WIDE = None  # a change to portfolio.yaml, or to a vendor beyond one programme's readiness


@dataclass(frozen=True)
class Identity:
    """The person behind a session: ``name`` is what the change log and git record."""

    name: str
    email: str | None = None
    groups: frozenset[str] = frozenset()
    via: str = "password"  # or "oidc"

    @property
    def label(self) -> str:
        """'Mette Jensen (mette@medcom.dk)', or the name alone: the change log's and git's author."""
        if self.email and self.email.lower() != self.name.lower():
            return f"{self.name} ({self.email})"
        return self.name


@dataclass(frozen=True)
class Policy:
    """Roles from the ``[roles]`` section of the configuration::

        [roles]
        viewers = "everyone"                      # or "signed-in"
        editors = ["mette@medcom.dk"]             # may edit everything
        editor_groups = ["udrulningsplan-redaktion"]
        groups_claim = "groups"                   # the ID token's claim with the groups
        [roles.programmes]                        # may edit only these programmes
        kontaktlaege = ["anna@kl.dk", "group:kontaktlaege"]

    Without editors, editor groups or programme editors, every signed-in
    person may edit everything (a small set-up with one password).
    """

    viewers_signed_in: bool = False
    editors: frozenset[str] = frozenset()  # lower-case e-mail addresses
    editor_groups: frozenset[str] = frozenset()
    groups_claim: str = "groups"
    programmes: Mapping[str, frozenset[str]] = field(default_factory=dict)  # id -> e-mails and "group:x"

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> Policy:
        section = _named_section(config, ROLES)
        by_programme = section.get("programmes")
        return cls(  # anything but exactly "everyone" keeps the plan for signed-in people (settings.check says why)
            viewers_signed_in=section.get("viewers", "everyone") != "everyone",
            editors=_lowered(section.get("editors")),
            editor_groups=frozenset(_texts(section.get("editor_groups"))),
            groups_claim=str(section.get("groups_claim") or "groups"),
            programmes={
                str(pid): _lowered(who, keep_groups=True)
                for pid, who in (by_programme.items() if isinstance(by_programme, Mapping) else ())
            },
        )

    @property
    def restricted(self) -> bool:
        """Whether anyone is named: then only those named may edit."""
        return bool(self.editors or self.editor_groups or any(self.programmes.values()))

    def edits_everything(self, who: Identity) -> bool:
        if not self.restricted or who.via == "password":  # one shared password is one role
            return True
        return (who.email or "").lower() in self.editors or bool(who.groups & self.editor_groups)

    def editable(self, who: Identity) -> frozenset[str] | None:
        """The programmes ``who`` may edit; None for all of them (and the portfolio-wide files)."""
        if self.edits_everything(who):
            return None
        email, groups = (who.email or "").lower(), {GROUP_PREFIX + g for g in who.groups}
        return frozenset(pid for pid, named in self.programmes.items() if email in named or groups & named)

    def is_editor(self, who: Identity) -> bool:
        editable = self.editable(who)
        return editable is None or bool(editable)

    def may_edit(self, who: Identity, programme: str | None) -> bool:
        """Whether ``who`` may change ``programme`` (:data:`PORTFOLIO_WIDE`: the shared files)."""
        editable = self.editable(who)
        return editable is None or (programme is not PORTFOLIO_WIDE and programme in editable)

    def groups_of(self, claims: Mapping[str, Any]) -> frozenset[str]:
        """The groups in an ID token's claims (a list, or one text)."""
        return frozenset(_texts(claims.get(self.groups_claim)))


def _named_section(config: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    try:  # st.secrets raises FileNotFoundError when there is no secrets file at all
        section = config.get(name) if isinstance(config, Mapping) else None
    except OSError:
        return {}
    return section if isinstance(section, Mapping) else {}


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
    return []


def _lowered(value: object, keep_groups: bool = False) -> frozenset[str]:
    """E-mail addresses compared without case; ``group:name`` keeps its name's case."""
    return frozenset(
        v if keep_groups and v.startswith(GROUP_PREFIX) else v.lower()
        for v in _texts(value)
        if keep_groups or not v.startswith(GROUP_PREFIX)
    )


# ------------------------------------------------------------ password lock-out

MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60


class Lockout:
    """Failed password sign-ins per client: after ``limit`` failures within ``seconds``, refused for ``seconds``.

    Kept in this process's memory (two servers each count their own), shared
    by every session of the process.
    """

    def __init__(self, limit: int = MAX_FAILURES, seconds: float = LOCKOUT_SECONDS) -> None:
        self.limit, self.seconds = limit, seconds
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(key, []) if now - t < self.seconds]
        self._failures[key] = kept
        return kept

    def locked_for(self, key: str, now: float | None = None) -> float:
        """Seconds left before ``key`` may try again (0: it may)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = self._recent(key, now)
            return max(0.0, recent[-1] + self.seconds - now) if len(recent) >= self.limit else 0.0

    def failed(self, key: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(key, now).append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


def programmes_touched(
    file: str, paths: Iterable[FieldPath], data: Any, programme_files: Mapping[str, str]
) -> set[str | None]:
    """The programmes that changes at ``paths`` of ``file`` (parsed as ``data``) touch.

    ``programme_files`` maps a file's name in the data folder to its
    programme's id. A readiness statement in the vendors' file belongs to its
    programme; anything else outside a programme's file is
    :data:`PORTFOLIO_WIDE`.
    """
    if file in programme_files:
        return {programme_files[file]}
    touched: set[str | None] = set()
    for path in paths:
        if len(path) >= 4 and path[0] == "vendors" and path[2] == "readiness":
            statement = value_at(data, tuple(path[:4]))
            programme = statement.get("programme") if isinstance(statement, Mapping) else None
            touched.add(str(programme) if isinstance(programme, str) else PORTFOLIO_WIDE)
        else:
            touched.add(PORTFOLIO_WIDE)
    return touched or {PORTFOLIO_WIDE}
