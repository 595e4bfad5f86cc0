"""``regint serve``: the dashboard on a local web server (loopback by default; sign-in beyond it) and
``regint users``: the users who may sign in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from regint.study import Study

__all__ = ["report_one", "serve_command", "users_app"]

users_app = typer.Typer(help="Users of the dashboard served beyond this computer: add, list, remove.",
                        no_args_is_help=True)


def report_one(study: Study, lang: str, fmt: str, out: Path, progress: Callable[[str], None]) -> Path:
    """The dashboard's report job: one language and format of ``study``'s report (the report module renders)."""
    from regint.report.build import build_report

    return build_report(study, langs=(lang,), out=out, formats=(fmt,), progress=progress).files[(lang, fmt)]


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. The default answers only this "
                                      "computer; another address exposes the dashboard to the network and "
                                      "requires sign-in.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="TCP port.")] = 8050,
    debug: Annotated[bool, typer.Option("--debug", help="Dash debug mode (reloader and error pages; "
                                        "development only).")] = False,
    responses: Annotated[Path | None, typer.Option("--responses", help="Folder of the expert responses "
                                                   "(default: the user data directory).")] = None,
    users: Annotated[Path | None, typer.Option("--users", help="Users file (default REGINT_USERS or the user "
                                               "data directory); see `regint users add`.")] = None,
    trust_header: Annotated[str | None, typer.Option("--trust-header", help="Take the signed-in user from this "
                                                     "header set by the office's reverse proxy (e.g. "
                                                     "X-Remote-User).")] = None,
    session_minutes: Annotated[float, typer.Option("--session-minutes", min=1, help="Sessions expire this long "
                                                   "after sign-in.")] = 480.0,
) -> None:
    """Start the dashboard: explore, compare, run scenarios and collect expert judgements in the browser."""
    from rich.console import Console

    from regint.web.app import create_app
    from regint.web.auth import AuthConfig, UserFile, is_loopback

    console = Console(stderr=True)
    if debug and not is_loopback(host):
        raise typer.BadParameter("--debug runs code sent by the debugger page; use it only with a loopback --host.")
    auth = None
    if not is_loopback(host) or trust_header:
        user_file = UserFile(users)
        if not user_file.users() and not trust_header:
            raise typer.BadParameter(f"listening on {host} requires sign-in, and the users file "
                                     f"{user_file.path} has no users. Fix: regint users add NAME --role analyst.")
        auth = AuthConfig(user_file, session_minutes=session_minutes, trusted_header=trust_header)
        console.print(f"sign-in required ({len(user_file.users())} users in {user_file.path})")
    app = create_app(responses_dir=responses, warm_up=True, auth=auth, report_builder=report_one)
    console.print(f"regint dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=debug)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name, e.g. ivanova.")],
    role: Annotated[str, typer.Option("--role", help="analyst (imports, reports), expert (judgements) or "
                                      "reader (views).")] = "reader",
    full_name: Annotated[str, typer.Option("--full-name", help="Name shown with their entries.")] = "",
    users: Annotated[Path | None, typer.Option("--users", help="Users file.")] = None,
    password: Annotated[str, typer.Option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
                                          help="Asked for when omitted (stored only as an Argon2id hash).")] = "",
) -> None:
    """Add a user who may sign in to the dashboard (or change their password and role)."""
    from regint.web.auth import UserFile

    user = UserFile(users).add(name, password, role, full_name)
    typer.echo(f"{user.name}: {user.role}")


@users_app.command("list")
def users_list(users: Annotated[Path | None, typer.Option("--users", help="Users file.")] = None) -> None:
    """The users and their roles."""
    from regint.web.auth import UserFile

    for user in UserFile(users).users():
        typer.echo(f"{user.name}\t{user.role}\t{user.full_name}")


@users_app.command("remove")
def users_remove(name: Annotated[str, typer.Argument(help="Login name.")],
                 users: Annotated[Path | None, typer.Option("--users", help="Users file.")] = None) -> None:
    """Remove a user (their sessions end at their next request)."""
    from regint.web.auth import UserFile

    typer.echo(f"{name}: {'removed' if UserFile(users).remove(name) else 'not found'}")
