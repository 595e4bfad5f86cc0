"""The ``regint`` command line: one entry point, sub-commands per area (data, analyse, index, ...)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from regint.cli import data as data_cli

app = typer.Typer(
    name="regint",
    help="Decision support for the economic integration of two neighbouring regions (Smolensk–Vitebsk by default).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
analyse_app = typer.Typer(help="Analyses of the pair: preconditions, input-output, gravity, directions, factors.",
                          no_args_is_help=True)
index_app = typer.Typer(help="The composite integration index of the border pairs.", no_args_is_help=True)
experts_app = typer.Typer(help="Expert judgement: questionnaires, AHP, Delphi.", no_args_is_help=True)
app.add_typer(data_cli.app, name="data")
app.add_typer(analyse_app, name="analyse")
app.add_typer(index_app, name="index")
app.add_typer(experts_app, name="experts")


def _register() -> None:
    """Attach the commands of each area (their modules import the analysis code lazily)."""
    from regint.cli import experts, factors, index, io, models, preconditions, report, scenario, web

    analyse_app.command("preconditions")(preconditions.preconditions_command)
    analyse_app.command("io")(io.io_command)
    analyse_app.command("directions")(experts.directions_command)
    analyse_app.command("gravity")(models.gravity_command)
    analyse_app.command("evaluation")(models.evaluation_command)
    analyse_app.command("factors")(factors.factors_command)
    index_app.command("build")(index.index_build_command)
    experts_app.command("questionnaire")(experts.questionnaire_command)
    app.add_typer(scenario.app, name="scenario")
    app.command("report")(report.report_command)
    app.command("serve")(web.serve_command)
    app.add_typer(web.users_app, name="users")


_register()


@app.callback()
def _global(
    store: Annotated[str | None, typer.Option("--store", help="Store: a DuckDB file or a postgresql://user@host/db "
                                              "address (default: REGINT_STORE or the user data dir).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of messages: en or ru (default REGINT_LANG).")] = None,
    wait: Annotated[float | None, typer.Option("--wait", min=0, help="Seconds to wait for a store that another "
                                               "regint is using (default REGINT_STORE_WAIT or 30).")] = None,
) -> None:
    """regint: measure, project and rank the economic integration of a pair of border regions."""
    if store is not None:
        from regint.data.store import is_server_url

        os.environ["REGINT_STORE"] = store if is_server_url(store) else str(Path(store).expanduser())
    if wait is not None:
        os.environ["REGINT_STORE_WAIT"] = str(wait)
    if lang is not None:
        if lang not in ("en", "ru"):
            raise typer.BadParameter(f"--lang must be one of {{'en', 'ru'}}; got {lang!r}")
        os.environ["REGINT_LANG"] = lang


def main() -> None:
    """Console entry point: regint's own errors print their message (what, where, fix), not a traceback."""
    from regint.cli._console import make_console
    from regint.errors import RegintError

    try:
        app()
    except RegintError as exc:
        make_console(stderr=True).print(f"[bold red]Error:[/] {exc}")
        raise SystemExit(2) from None
