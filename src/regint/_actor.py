"""Who is acting: the signed-in dashboard user, else the operating-system account running regint.

The store records this name with every import (``imports.imported_by``) and the dashboard with every expert
entry. The dashboard sets it for the duration of a request with :func:`acting_as`; the CLI never sets it, so a
command-line import carries the login name of whoever ran it.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ACTOR: ContextVar[str | None] = ContextVar("regint_actor", default=None)


def signed_in_user() -> str | None:
    """The user signed in to the dashboard for the current request, or ``None`` outside one."""
    return _ACTOR.get()


def current_actor() -> str:
    """The signed-in user, else the operating-system login name (``"unknown"`` when it cannot be found)."""
    user = _ACTOR.get()
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers) and no LOGNAME/USER
        return "unknown"


@contextmanager
def acting_as(user: str | None) -> Iterator[None]:
    """Within the block, :func:`current_actor` is ``user`` (``None``: the operating-system user)."""
    token = _ACTOR.set(user)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def set_actor(user: str | None) -> object:
    """Set the actor until :func:`reset_actor` with the returned token (for request hooks)."""
    return _ACTOR.set(user)


def reset_actor(token: object) -> None:
    """Undo :func:`set_actor`."""
    _ACTOR.reset(token)  # type: ignore[arg-type]
