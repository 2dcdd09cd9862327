"""The app's settings checked before anything is shown: a mistake that could widen access closes the app.

The settings are the sections of ``.streamlit/secrets.toml`` the app reads
(``[editing]``, ``[roles]``, ``[git]``, and Streamlit's own ``[auth]``).
:func:`check` lists every mistake with its place (``roles.viewers``), what is
wrong and a did-you-mean where one is close. A mistake is *closing* when
reading past it could show the plan or its edit controls to more people than
the file means to (a misspelt ``viewers``, an editor list that is not a
list, an unknown key in ``[roles]``): the app then shows no data until it is
fixed. The rest (editing switched on without a password, a role for a
programme that does not exist) narrow access and are shown to editors.

Nothing here imports streamlit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.plan.problems import did_you_mean

SECTIONS = ("editing", "roles", "git", "auth")
KEYS: dict[str, tuple[str, ...]] = {
    "editing": ("enabled", "password"),
    "roles": ("viewers", "editors", "editor_groups", "groups_claim", "programmes"),
    "git": ("enabled", "remote", "branch", "pull", "push"),
}
VIEWERS = ("everyone", "signed-in")
CODES = (  # Mistake.code: each has a text in the catalogues ("cfg." + code)
    "unknown_section",
    "not_a_section",
    "unknown_key",
    "bad_value",
    "not_a_list",
    "not_a_name",
    "not_true_false",
    "no_password",
    "unknown_programme",
)


@dataclass(frozen=True)
class Mistake:
    """One setting that is wrong: ``where`` is its dotted place, ``closing`` whether it stops the app."""

    where: str
    code: str  # the message's key: unknown_key, bad_value, not_a_list, ...
    closing: bool
    value: str = ""  # the offending key or value, never a secret's value
    hint: str = ""  # a did-you-mean, or the values it may take


@dataclass(frozen=True)
class Unreadable:
    """A secrets file that exists but cannot be read or parsed: the app shows nothing but this."""

    file: str
    line: int | None
    column: int | None
    reason: str  # the parser's words without the position (tomllib never quotes a value)


def unreadable(path: Path, error: BaseException | None = None) -> Unreadable:
    """What is wrong with a secrets file that failed to load (parsed here again for its line and column)."""
    if error is None:
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            error = exc
    if isinstance(error, tomllib.TOMLDecodeError):
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        if found:
            return Unreadable(str(path), int(found.group(1)), int(found.group(2)), reason)
        return Unreadable(str(path), None, None, reason)
    if isinstance(error, UnicodeDecodeError):
        return Unreadable(str(path), None, None, "not UTF-8 text")
    if isinstance(error, OSError):
        return Unreadable(str(path), None, None, error.strerror or type(error).__name__)
    return Unreadable(str(path), None, None, "cannot be read")


def _suggest(word: str, choices: Iterable[str]) -> str:
    found = re.search(r"'([^']+)'", did_you_mean(word, tuple(choices)))
    return found.group(1) if found else ""


def _is_texts(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def check(config: Mapping[str, Any], programmes: Iterable[str] = ()) -> list[Mistake]:
    """Every mistake in the settings; ``programmes`` are the plan's programme ids (for ``[roles.programmes]``)."""
    found: list[Mistake] = []
    for name, section in config.items():
        if name not in SECTIONS:
            close = _suggest(str(name), SECTIONS)
            # '[role]' for '[roles]' would drop every restriction it means to set
            found.append(Mistake(str(name), "unknown_section", closing=bool(close), value=str(name), hint=close))
        elif name != "auth" and not isinstance(section, Mapping):
            found.append(Mistake(str(name), "not_a_section", closing=name == "roles", value=str(name)))
    for name in ("editing", "roles", "git"):
        section = config.get(name)
        if not isinstance(section, Mapping):
            continue
        for key in section:
            if key not in KEYS[name]:
                close = _suggest(str(key), KEYS[name])
                found.append(
                    Mistake(f"{name}.{key}", "unknown_key", closing=name == "roles", value=str(key), hint=close)
                )
    found += _editing(config.get("editing"), signs_in_elsewhere="auth" in config)
    found += _roles(config.get("roles"), tuple(programmes))
    found += _git(config.get("git"))
    return found


def _editing(section: object, *, signs_in_elsewhere: bool) -> list[Mistake]:
    if not isinstance(section, Mapping):
        return []
    found: list[Mistake] = []
    enabled = section.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        found.append(Mistake("editing.enabled", "not_true_false", closing=False, hint="true, false"))
    password = section.get("password")
    if enabled is True and not signs_in_elsewhere and (not isinstance(password, str) or not password):
        found.append(Mistake("editing.password", "no_password", closing=False))
    return found


def _roles(section: object, programmes: tuple[str, ...]) -> list[Mistake]:
    if not isinstance(section, Mapping):
        return []
    found: list[Mistake] = []
    viewers = section.get("viewers", "everyone")
    if not isinstance(viewers, str) or viewers not in VIEWERS:
        shown = str(viewers)[:40]
        close = _suggest(shown, VIEWERS) if isinstance(viewers, str) else ""
        found.append(Mistake("roles.viewers", "bad_value", closing=True, value=shown, hint=close or ", ".join(VIEWERS)))
    for key in ("editors", "editor_groups"):
        if key in section and not _is_texts(section[key]):
            found.append(Mistake(f"roles.{key}", "not_a_list", closing=True))
    if "groups_claim" in section and not (isinstance(section["groups_claim"], str) and section["groups_claim"]):
        found.append(Mistake("roles.groups_claim", "not_a_name", closing=True))
    by_programme = section.get("programmes")
    if by_programme is None:
        return found
    if not isinstance(by_programme, Mapping):
        return [*found, Mistake("roles.programmes", "not_a_section", closing=True, value="programmes")]
    for pid, who in by_programme.items():
        if not _is_texts(who):
            found.append(Mistake(f"roles.programmes.{pid}", "not_a_list", closing=True))
        if programmes and pid not in programmes:
            close = _suggest(str(pid), programmes)
            found.append(
                Mistake(f"roles.programmes.{pid}", "unknown_programme", closing=False, value=str(pid), hint=close)
            )
    return found


def _git(section: object) -> list[Mistake]:
    if not isinstance(section, Mapping):
        return []
    return [
        Mistake(f"git.{key}", "not_true_false", closing=False, hint="true, false")
        for key in ("enabled", "pull", "push")
        if key in section and not isinstance(section[key], bool)
    ]


def closing(mistakes: Iterable[Mistake]) -> list[Mistake]:
    return [m for m in mistakes if m.closing]
