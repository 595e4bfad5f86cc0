"""``regint serve``: the dashboard on a local web server (loopback by default)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from regint.study import Study

__all__ = ["report_one", "serve_command"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def report_one(study: Study, lang: str, fmt: str, out: Path, progress: Callable[[str], None]) -> Path:
    """The dashboard's report job: one language and format of ``study``'s report (the report module renders)."""
    from regint.report.build import build_report

    return build_report(study, langs=(lang,), out=out, formats=(fmt,), progress=progress).files[(lang, fmt)]


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. The default answers only this "
                                      "computer; another address exposes the dashboard to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="TCP port.")] = 8050,
    debug: Annotated[bool, typer.Option("--debug", help="Dash debug mode (reloader and error pages; "
                                        "development only).")] = False,
    responses: Annotated[Path | None, typer.Option("--responses", help="Folder of the expert responses "
                                                   "(default: the user data directory).")] = None,
) -> None:
    """Start the dashboard: explore, compare, run scenarios and collect expert judgements in the browser."""
    from rich.console import Console

    from regint.web.app import create_app

    console = Console(stderr=True)
    if host not in _LOOPBACK:
        console.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach this address can use "
                      "the dashboard and import files into the store. There is no login.")
    if debug and host not in _LOOPBACK:
        raise typer.BadParameter("--debug runs code sent by the debugger page; use it only with a loopback --host.")
    app = create_app(responses_dir=responses, warm_up=True, report_builder=report_one)
    console.print(f"regint dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=debug)
