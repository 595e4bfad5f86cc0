"""`regint analyse directions` and `regint experts questionnaire`: expert surveys and the ranking of the
directions of integration.

The lead registers :func:`directions_command` on the ``analyse`` sub-app and :func:`questionnaire_command` on
an ``experts`` sub-app. Both can be called from Python with plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from regint._options import check_option
from regint.cli._console import make_console
from regint.errors import DataError, RegintError
from regint.study.settings import DEFAULT_PAIR_LABEL

if TYPE_CHECKING:
    from regint.experts.directions import DirectionsResult

__all__ = ["directions_command", "questionnaire_command", "write_directions"]


def write_directions(result: DirectionsResult, out: Path) -> list[Path]:
    """Write the ranking, criteria, values, sensitivity, experts' consistency and the summary (CSV, XLSX, TXT)."""
    out.mkdir(parents=True, exist_ok=True)
    frames: dict[str, pd.DataFrame] = {
        "ranking": result.ranking, "criteria": result.criteria, "values": result.values,
        "method_agreement": result.correlation,
    }
    if result.sensitivity is not None:
        frames["sensitivity"] = result.sensitivity.to_frame()
        frames["one_at_a_time"] = result.sensitivity.one_at_a_time
    if result.group is not None:
        frames["experts_consistency"] = result.group.consistency
        frames["criteria_weights"] = result.group.to_frame()
    if result.illustrative:  # every table says so, not only the summary
        frames = {k: v.assign(illustrative="ILLUSTRATIVE: fictitious example experts") for k, v in frames.items()}
    from regint.exports import write_csvs, write_xlsx

    with_index = [name for name in frames if name not in ("method_agreement", "one_at_a_time")]
    written = write_csvs(frames, out, index=with_index)
    written.append(write_xlsx(frames, out / "directions.xlsx", index=with_index))
    summary = out / "summary.txt"
    summary.write_text(result.summary() + "\n", encoding="utf-8")
    written.append(summary)
    return written


def _data_criteria(region: str, console: Console) -> pd.DataFrame | None:
    """The criteria the shipped data allow: ``linkages`` from the region's input-output model (shipped Rosstat 2021
    table, FLQ with the activity-proxy structure); None, with a message, when it cannot be computed."""
    from regint.data.api import load_panel
    from regint.experts.directions import linkages_criterion
    from regint.models.inputoutput import shipped_concordance
    from regint.models.inputoutput import shipped_table as io_table
    from regint.models.inputoutput.pipeline import pair_io_analysis

    try:
        analysis = pair_io_analysis(io_table(2021, domestic=True), load_panel(regions=[region, "RU"]),
                                    concordance=shipped_concordance(), region=region)
        return linkages_criterion(analysis.regional[region].frame).to_frame()
    except (RegintError, KeyError, ValueError) as exc:
        console.print(f"[yellow]linkages criterion not computed: {exc}[/yellow]")
        return None


def directions_command(
    survey: Annotated[list[Path] | None, typer.Option(
        help="Filled directions questionnaires (XLSX); default: the shipped ILLUSTRATIVE example answers.")] = None,
    out: Annotated[Path, typer.Option(help="Folder for the tables and the summary.")] = Path("out/directions"),
    lang: Annotated[str, typer.Option(help="Language of names and messages: en or ru.")] = "en",
    region: Annotated[str, typer.Option(help="Russian region whose input-output linkages rate the directions.")]
    = "RU-SMO",
) -> None:
    """Rank the directions of integration (TOPSIS, VIKOR, weighted sum) with the sensitivity of the ranking."""
    from regint.experts.directions import load_example_survey, rank_directions
    from regint.experts.questionnaire import read_questionnaire

    lang = check_option("lang", lang, ("en", "ru"))
    console = make_console()
    if survey:
        responses = [read_questionnaire(p) for p in survey]
        bad = [r.source for r in responses if r.kind != "directions"]
        if bad:
            raise DataError(f"{bad} are not directions questionnaires. Fix: use files made by "
                            "`regint experts questionnaire --kind directions`.")
    else:
        responses = load_example_survey()
        console.print("[bold yellow]ILLUSTRATIVE: no --survey given; using the shipped fictitious expert "
                      "answers. Do not cite these results.[/bold yellow]")
    data = _data_criteria(region, console)
    result = rank_directions(responses, data=data, lang=lang)  # type: ignore[arg-type]
    title = "Directions of integration" if lang == "en" else "Направления интеграции"
    if result.illustrative:
        title += " — ILLUSTRATIVE"
    table = Table(title=title)
    for col, just in (("TOPSIS", "right"), ("VIKOR", "right"), ("WSM", "right"), ("direction", "left"),
                      ("C (TOPSIS)", "right"), ("Q (VIKOR)", "right"), ("first in draws", "right")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    share = result.sensitivity.first_share if result.sensitivity is not None else pd.Series(dtype=float)
    for code, row in result.ranking.sort_values("rank_topsis").iterrows():
        table.add_row(str(row["rank_topsis"]), str(row["rank_vikor"]), str(row["rank_wsm"]), str(row["name"]),
                      f"{row['topsis']:.3f}", f"{row['vikor_q']:.3f}",
                      f"{share.get(code, float('nan')):.0%}" if len(share) else "–")
    console.print(table)
    crit = Table(title="Criteria" if lang == "en" else "Критерии")
    for col in ("code", "kind", "weight", "status"):
        crit.add_column(col)
    for code, row in result.criteria.iterrows():
        style = "" if row["status"] == "available" else "dim"
        crit.add_row(str(code), str(row["kind"]), f"{row['weight_used']:.3f}", str(row["status"]), style=style)
    console.print(crit)
    if result.group is not None:
        cons = Table(title="Experts' consistency" if lang == "en" else "Согласованность экспертов")
        for col in ("expert", "CR", "ok", "revise first"):
            cons.add_column(col)
        for name, row in result.group.consistency.iterrows():
            cons.add_row(str(name), f"{row['cr']:.3f}", "✓" if row["acceptable"] else "✗", str(row["revise_first"]))
        console.print(cons)
    console.print(f"VIKOR compromise: {', '.join(result.vikor_compromise)}")
    for note in result.notes:
        console.print(f"[yellow]{note}[/yellow]")
    for path in write_directions(result, out):
        console.print(f"written {path}")


def questionnaire_command(
    out: Annotated[Path, typer.Option(help="XLSX file to write.")] = Path("out/questionnaire.xlsx"),
    kind: Annotated[str, typer.Option(
        help="officials (Likert + AHP of directions), business (cross-border obstacles), experts (AHP of the "
             "criteria and ratings of the directions; same as directions), or swot (A'WOT).")] = "directions",
    lang: Annotated[str, typer.Option(help="Language of the questionnaire: en or ru.")] = "en",
    pair: Annotated[str, typer.Option(help="The pair the questionnaire is for, Russian region:Belarusian oblast "
                                           "(ISO 3166-2).")] = DEFAULT_PAIR_LABEL,
) -> None:
    """Write a survey instrument or an expert questionnaire (XLSX with drop-down lists) titled with its pair."""
    from regint.experts.directions import directions_questionnaire
    from regint.experts.survey import write_survey
    from regint.experts.swot import swot_questionnaire
    from regint.study import Settings, parse_pair

    kind = check_option("kind", kind, ("officials", "business", "experts", "directions", "swot"))
    lang = check_option("lang", lang, ("en", "ru"))
    regions = Settings(pair=parse_pair(pair)).pair  # the regions checked against the catalog
    console = make_console()
    if kind in ("officials", "business"):
        path = write_survey(out, kind, lang, regions)  # type: ignore[arg-type]
        console.print(f"written {path}")
        console.print("One form per respondent; read the filled forms with regint.experts.read_survey, or give "
                      "them to the study as Settings(subjective_files=...).")
        return
    path = (directions_questionnaire(out, lang, regions) if kind in ("directions", "experts")  # type: ignore[arg-type]
            else swot_questionnaire(out, lang, pair=regions))  # type: ignore[arg-type]
    console.print(f"written {path}")
    console.print("Send it to each expert; read the filled files with "
                  "`regint analyse directions --survey FILE ...`." if kind != "swot" else
                  "Send it to each expert; read the filled files with regint.experts.read_questionnaire.")
