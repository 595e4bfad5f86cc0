"""Sign-in with roles for a dashboard served beyond this computer.

On a loopback address (``127.0.0.1``, ``localhost``, ``::1``) the dashboard is open, as for one analyst at
their own desk. Served on any other address it requires sign-in: every request but the sign-in page needs a
session, and an unsigned request gets no data (pages redirect to ``/login``; the callbacks that carry data
answer 401).

* **Users and roles** are kept in a JSON file (``<user data dir>/regint/users.json``, ``$REGINT_USERS`` or
  ``regint serve --users``), written with mode 0600 by ``regint users add``. A *reader* views; an *expert*
  also enters judgements (the AHP form, questionnaire uploads); an *analyst* also imports files and builds
  reports (and may enter judgements).
* **Passwords** are stored only as Argon2id hashes (argon2-cffi, RFC 9106 parameters), never in clear.
* **Sessions** are signed cookies (HttpOnly, SameSite=Strict) that expire ``session_minutes`` after sign-in
  (default 8 hours); the signing key is ``$REGINT_SECRET_KEY`` or a random one per process (a restart signs
  everyone out).
* **Who did it**: the signed-in user is the actor of the request (:mod:`regint._actor`), so each import
  records them in the import log and each expert entry carries their name.
* **A trusted reverse proxy** that authenticates users itself (the office's single sign-on) can pass the user
  in a header (``--trust-header X-Remote-User``); the role then comes from the users file (``reader`` for
  users not in it). Only use this when the dashboard can be reached through that proxy alone.

References
----------
Biryukov, A., Dinu, D., Khovratovich, D. and Josefsson, S. (2021). RFC 9106: Argon2 Memory-Hard Function for
Password Hashing and Proof-of-Work Applications. IETF.
OWASP Foundation, "Session Management Cheat Sheet".
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from regint._actor import reset_actor, set_actor
from regint._options import check_option
from regint.errors import DataError

Role = Literal["analyst", "expert", "reader"]
ROLES: tuple[str, ...] = ("analyst", "expert", "reader")
#: What each action needs.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),
    "judge": frozenset({"expert", "analyst"}),
    "import": frozenset({"analyst"}),
    "report": frozenset({"analyst"}),
}
#: Dashboard callbacks (by the id of an output) that do more than view, and the action each is.
CALLBACK_ACTIONS: dict[str, str] = {
    "data-report": "import", "ahp-save-msg": "judge", "q-report": "judge",
    "rep-job": "report", "rep-progress": "report", "rep-download": "report",
}
LOOPBACK: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
_OPEN_PATHS = ("/login", "/logout")


def is_loopback(host: str) -> bool:
    """Whether ``host`` answers only this computer."""
    return host in LOOPBACK or host.startswith("127.")


def default_users_path() -> Path:
    """``$REGINT_USERS``, else ``<user data dir>/regint/users.json``."""
    env = os.environ.get("REGINT_USERS")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("regint", appauthor=False)) / "users.json"


@dataclass(frozen=True)
class User:
    """A dashboard user: login name, role and display name."""

    name: str
    role: str
    full_name: str = ""

    def may(self, action: str) -> bool:
        """Whether the role allows ``action`` (``view``, ``judge``, ``import``, ``report``)."""
        return self.role in PERMISSIONS.get(action, frozenset())


class UserFile:
    """The users file: login → role, display name and Argon2id hash of the password."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = default_users_path() if path is None else Path(path)
        from argon2 import PasswordHasher

        self._hasher = PasswordHasher()

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            users = doc["users"]
            if not isinstance(users, dict):
                raise TypeError("users is not an object")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DataError(f"the users file {self.path} cannot be read ({exc}). Fix: restore it, or remove it "
                            "and add the users again with `regint users add`.") from exc
        return users

    def _write(self, users: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + ".part")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"users": users}, fh, ensure_ascii=False, indent=1)
        part.replace(self.path)

    def add(self, name: str, password: str, role: str, full_name: str = "") -> User:
        """Add a user or replace their password and role."""
        name = name.strip()
        check_option("role", role, ROLES)
        if not name or any(ch.isspace() for ch in name):
            raise DataError(f"user name {name!r} is empty or has spaces. Fix: use a login such as 'ivanova'.")
        if len(password) < 8:
            raise DataError("the password is shorter than 8 characters. Fix: choose a longer one.")
        users = self._read()
        users[name] = {"role": role, "full_name": full_name, "hash": self._hasher.hash(password)}
        self._write(users)
        return User(name, role, full_name)

    def remove(self, name: str) -> bool:
        """Remove a user; whether they existed."""
        users = self._read()
        if users.pop(name, None) is None:
            return False
        self._write(users)
        return True

    def users(self) -> list[User]:
        """Every user (without hashes)."""
        return [User(n, u.get("role", "reader"), u.get("full_name", "")) for n, u in sorted(self._read().items())]

    def get(self, name: str) -> User | None:
        """The user with this login, or ``None``."""
        entry = self._read().get(name)
        return None if entry is None else User(name, entry.get("role", "reader"), entry.get("full_name", ""))

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs, else ``None`` (same work done for unknown names)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        entry = self._read().get(name)
        stored = entry["hash"] if entry else self._hasher.hash(secrets.token_hex(8))
        try:
            self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if entry is None:
            return None
        return User(name, entry.get("role", "reader"), entry.get("full_name", ""))


@dataclass(frozen=True)
class AuthConfig:
    """How the dashboard signs users in (see the module notes)."""

    users: UserFile
    session_minutes: float = 480.0
    trusted_header: str | None = None


def callback_outputs(body: Any) -> list[str]:
    """The component ids a Dash callback request writes to (``output`` is ``"id.prop"`` or ``"..a.p...b.q.."``)."""
    if not isinstance(body, dict):
        return []
    text = str(body.get("output", ""))
    parts = [p for p in text.strip(".").split("...") if p] if text.startswith("..") else [text]
    return [p.rsplit(".", 1)[0] for p in parts if p]


def action_of(outputs: Iterable[str]) -> str:
    """The strongest action among the callbacks' outputs (``view`` when none is listed)."""
    order = ("import", "report", "judge")
    found = {CALLBACK_ACTIONS[o] for o in outputs if o in CALLBACK_ACTIONS}
    return next((a for a in order if a in found), "view")


def install(server: Any, config: AuthConfig) -> None:
    """Require sign-in on the Flask ``server`` of a Dash app: routes, session cookie and request checks."""
    from flask import Response, g, jsonify, redirect, request, session

    server.secret_key = os.environ.get("REGINT_SECRET_KEY") or secrets.token_hex(32)
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                         PERMANENT_SESSION_LIFETIME=timedelta(minutes=config.session_minutes))
    lifetime = config.session_minutes * 60

    def signed_in() -> User | None:
        if config.trusted_header:
            header = request.headers.get(config.trusted_header, "").strip()
            if header:
                return config.users.get(header) or User(header, "reader")
        name, issued = session.get("user"), session.get("issued")
        if not name or not isinstance(issued, (int, float)) or time.time() - issued > lifetime:
            session.clear()
            return None
        return config.users.get(str(name))  # a removed user is signed out

    @server.before_request
    def check() -> Any:
        g.regint_actor_token = None
        if request.path in _OPEN_PATHS:
            return None
        user = signed_in()
        if user is None:
            if request.path.startswith("/_dash") or request.method != "GET":
                return jsonify(error="sign in first (/login)"), 401
            return redirect("/login")
        if request.path == "/_dash-update-component":
            action = action_of(callback_outputs(request.get_json(silent=True)))
            if not user.may(action):
                return jsonify(error=f"{user.name} ({user.role}) may not {action}"), 403
        g.regint_user = user
        g.regint_actor_token = set_actor(user.name)
        return None

    @server.teardown_request
    def release(_exc: BaseException | None) -> None:
        token = g.pop("regint_actor_token", None)
        if token is not None:
            reset_actor(token)

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        failed = False
        if request.method == "POST":
            user = config.users.verify(request.form.get("user", "").strip(), request.form.get("password", ""))
            if user is not None:
                session.clear()
                session.permanent = True
                session["user"], session["issued"] = user.name, time.time()
                return redirect("/")
            failed = True
        return Response(login_page(failed), mimetype="text/html")

    @server.route("/logout")
    def logout() -> Any:
        session.clear()
        return redirect("/login")


def login_page(failed: bool = False) -> str:
    """The sign-in form (Russian and English on one page)."""
    note = ("<p class='err'>Неверное имя или пароль. / Wrong user name or password.</p>" if failed else "")
    return ("<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>regint — вход / sign in</title>"
            "<style>body{font-family:sans-serif;max-width:22em;margin:4em auto}label{display:block;margin:.6em 0}"
            "input{width:100%;padding:.3em}.err{color:#b00}</style></head><body>"
            "<h1>regint</h1><p>Войдите, чтобы продолжить. / Sign in to continue.</p>" + note +
            "<form method='post' action='/login'>"
            "<label>Имя пользователя / User name<input name='user' autocomplete='username' required></label>"
            "<label>Пароль / Password<input name='password' type='password' autocomplete='current-password' "
            "required></label><button type='submit'>Войти / Sign in</button></form></body></html>")
