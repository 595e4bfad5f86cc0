"""``regint analyse preconditions``: the integration indicators of the pair, as a table, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from regint.cli._console import make_console
from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR_LABEL

LABELS: dict[str, dict[str, str]] = {
    "title": {"en": "Preconditions of integration", "ru": "Предпосылки интеграции"},
    "indicator": {"en": "indicator", "ru": "показатель"},
    "value": {"en": "value", "ru": "значение"},
    "years": {"en": "years", "ru": "годы"},
    "meaning": {"en": "meaning", "ru": "смысл"},
    "data_used": {"en": "data used", "ru": "данные"},
    "not_computed": {"en": "Not computable with these data", "ru": "Не рассчитано по этим данным"},
    "written": {"en": "written", "ru": "записано"},
    "error": {"en": "Error", "ru": "Ошибка"},
}


def _lang(lang: str) -> Literal["en", "ru"]:
    return "ru" if lang.lower().startswith("ru") else "en"


def _label(key: str, lang: str) -> str:
    return LABELS[key][_lang(lang)]


def _pair_title(pair: tuple[str, str], lang: str) -> str:
    """``RU-SMO - BY-VI`` in English, «Смоленская область – Витебская область» in Russian."""
    if _lang(lang) == "en":
        return f"{pair[0]} - {pair[1]}"
    from regint.indicators._preconditions_text import ru_cases

    return f"{ru_cases(pair[0])[0]} – {ru_cases(pair[1])[0]}"


def _console() -> Console:
    return make_console()


def parse_pair(text: str) -> tuple[str, str]:
    """``"RU-SMO:BY-VI"`` → ("RU-SMO", "BY-VI")."""
    parts = [p.strip().upper() for p in text.split(":")]
    if len(parts) != 2 or not all(parts):
        raise typer.BadParameter(f"pair must look like RU-SMO:BY-VI; got {text!r}")
    return parts[0], parts[1]


def write_outputs(table: pd.DataFrame, skipped: pd.DataFrame, out: Path) -> list[Path]:
    """Write ``<out>.csv`` (the table), ``<out>_not_computed.csv`` and ``<out>.xlsx`` (two sheets)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    csv, csv_skipped, xlsx = (out.with_suffix(".csv"), out.parent / f"{out.stem}_not_computed.csv",
                              out.with_suffix(".xlsx"))
    from regint.exports import write_csv, write_xlsx

    write_csv(table, csv)
    write_csv(skipped, csv_skipped)
    write_xlsx({"indicators": table, "not_computed": skipped}, xlsx)
    return [csv, csv_skipped, xlsx]


def _fmt(value: float, lang: str = "en", year: bool = False) -> str:
    """The value as the table shows it: ``1,234`` / ``0.532`` in English, «1 234» / «0,532» in Russian."""
    if pd.isna(value):
        return "n/a" if _lang(lang) == "en" else "—"
    if year:
        return f"{value:.0f}"
    if _lang(lang) == "ru":
        from babel.numbers import format_decimal

        return format_decimal(value, format="#,##0" if abs(value) >= 1000 else "@@#", locale="ru")
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def preconditions_command(
    pair: Annotated[str, typer.Option("--pair", help="The pair as RUSSIAN:BELARUSIAN region codes.")] = (
        DEFAULT_PAIR_LABEL),
    out: Annotated[Path, typer.Option(
        "--out", help="Output path without extension: writes .csv, _not_computed.csv and .xlsx.")] = Path(
        "out/preconditions"),
    lang: Annotated[str, typer.Option("--lang", help="Language of the headers and of the texts: en or ru.")] = "en",
) -> None:
    """Compute every integration indicator the store's data allow for the pair and its comparators."""
    from regint.data.api import load_panel
    from regint.indicators.preconditions import DEFAULT_COMPARATORS, preconditions

    console = _console()
    the_pair = parse_pair(pair)
    comparators = tuple(c for c in DEFAULT_COMPARATORS if c != the_pair)
    regions = sorted({r for p in (the_pair, *comparators) for r in p})
    try:
        panel = load_panel(indicators=None, regions=regions)
        result = preconditions(panel, pair=the_pair, comparators=comparators, lang=_lang(lang))
    except RegintError as exc:
        Console(stderr=True).print(f"[bold red]{_label('error', lang)}:[/] {exc}")
        raise typer.Exit(code=2) from exc
    table = Table(title=f"{_label('title', lang)}: {_pair_title(the_pair, lang)}", show_lines=False)
    for key in ("indicator", "value", "years", "meaning", "data_used"):
        table.add_column(_label(key, lang), overflow="fold")
    for row in result.table.itertuples():
        table.add_row(f"{row.indicator}\n[dim]{row.regions}[/]", _fmt(row.value, lang, year=row.indicator.endswith("_year")),
                      row.years, row.meaning,
                      row.data_used)
    console.print(table)
    skipped = result.not_computed_frame()
    if len(skipped):
        console.print(f"[bold]{_label('not_computed', lang)}[/]")
        for r in skipped.itertuples():
            console.print(f"  - {r.indicator}: {r.reason}")
    for note in result.notes:
        console.print(f"[dim]{note}[/]")
    for path in write_outputs(result.to_frame(), skipped, out):
        console.print(f"{_label('written', lang)}: {path}")
