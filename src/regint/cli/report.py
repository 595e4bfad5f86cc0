"""``regint report``: the analytical report in Russian and English — HTML (interactive), PDF (A4) and XLSX.

The lead registers :func:`report_command` as ``regint report``; it can also be called from Python with plain
values (every option has an ``Annotated`` default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regint.study.settings import DEFAULT_PAIR_LABEL


def report_command(
    pair: Annotated[str, typer.Option("--pair", help="The pair as RUSSIAN:BELARUSIAN region codes.")] = DEFAULT_PAIR_LABEL,
    lang: Annotated[str, typer.Option("--lang", help="Language of the report: ru, en or both.")] = "ru",
    out: Annotated[Path, typer.Option("--out", help="Output folder (report_<lang>.html/.pdf/.xlsx).")] = Path(
        "out/report"),
    survey: Annotated[list[Path] | None, typer.Option(
        "--survey", help="Filled directions questionnaire (XLSX; repeatable). Default: none — the ranking "
                         "rests on data criteria only.")] = None,
    scenarios: Annotated[list[Path] | None, typer.Option(
        "--scenarios", help="Scenario TOML file (repeatable). Default: the shipped inertial, moderate and "
                            "accelerated scenarios.")] = None,
    formats: Annotated[str, typer.Option("--formats", help="Comma-separated: html, pdf, xlsx.")] = "html,pdf,xlsx",
    fast: Annotated[bool, typer.Option("--fast", help="Small Monte Carlo sizes and no placebo runs (for tests "
                                                      "and previews).")] = False,
) -> None:
    """Write the analytical report: summary, preconditions, benefits and costs, scenarios, directions, factors,
    proposals and annexes (methods, sources, gaps, validation)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from regint.errors import RegintError
    from regint.report.build import build_report, n_steps, parse_formats, parse_langs
    from regint.study import MonteCarlo, Settings, Study, parse_pair

    console = Console()
    try:
        settings = Settings(pair=parse_pair(pair), mc=MonteCarlo.fast() if fast else MonteCarlo.full(),
                            survey_files=tuple(survey or ()), scenario_files=tuple(scenarios or ()))
        langs = parse_langs(lang)
        fmts = parse_formats(formats)
    except RegintError as exc:
        raise typer.BadParameter(str(exc)) from exc
    # redrawn at each step, without rich's refresh thread: the study forks a second process only from a single
    # thread (Study.compute_all)
    with Progress(TextColumn("[bold]report[/] {task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False, auto_refresh=False) as bar:
        task = bar.add_task("analyses", total=n_steps(langs, fmts))

        def tick(name: str) -> None:
            bar.update(task, advance=1, description=name, refresh=True)

        try:
            study = Study.from_store(settings, progress=tick)
            written = build_report(study, langs=langs, out=out, formats=fmts, progress=tick)
        except RegintError as exc:
            Console(stderr=True).print(f"[bold red]Error:[/] {exc}")
            raise typer.Exit(code=2) from exc
    missing = [o for o in written.results.outcomes() if not o.ok]
    for o in missing:
        console.print(f"[yellow]not produced:[/] {o.name} — {o.reason}")
    for (lg, f), path in written.files.items():
        console.print(f"written ({lg}, {f}): {path}")
