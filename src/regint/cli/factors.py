"""``regint analyse factors``: what drives the integration of the border regions, measured.

Loads the observation panel through :func:`regint.data.api.load_panel`, builds the factor panel, fits the
two-way fixed-effects model (and its dynamic variant), runs the diagnostics, decomposes R² and the outcome's
change, prints rich tables and writes CSV, XLSX, PNG and SVG files. Every table carries N, the years and the
factors dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

INDICATORS = ("exports_usd", "imports_usd", "exports_cis_usd", "imports_cis_usd", "grp", "grp_volume_index",
              "wage_nominal", "ppp", "fx_usd", "fx_rub_100", "inflation", "gdp_usd")
DATA_FACTORS = ("rer_log", "rer_volatility", "inflation_gap", "by_gdp_usd_growth")
OUTCOME_SOURCES = {
    "cis_export_share": ("Rosstat exports_cis_usd", "exports_usd"),
    "cis_trade_share": ("Rosstat exports/imports_cis_usd", "exports/imports_usd"),
    "trade_openness": ("Rosstat exports_usd", "imports_usd", "grp", "CBR fx_usd"),
    "wage_gap": ("Rosstat/Belstat wage_nominal", "WDI ppp"),
}
TEXT = {
    "coef": {"en": "Factor regression: {o} ({e} effects), N = {n}, {k} entities, years {y}",
             "ru": "Регрессия факторов: {o} (эффекты {e}), N = {n}, объектов {k}, годы {y}"},
    "dyn": {"en": "Dynamic model (lagged outcome; Nickell bias ~1/T)",
            "ru": "Динамическая модель (лаг зависимой переменной; смещение Никелла ~1/T)"},
    "diag": {"en": "Diagnostics", "ru": "Диагностика"},
    "shap": {"en": "Importance: Shapley decomposition of the within R2 = {r:.3f}",
             "ru": "Значимость: разложение Шепли внутригруппового R2 = {r:.3f}"},
    "dec": {"en": "Change of {o} in {f}, year by year: factor contributions",
            "ru": "Изменение {o} для {f} по годам: вклад факторов"},
    "honest": {"en": "What this rests on", "ru": "На чём основан результат"},
    "written": {"en": "written to", "ru": "записано в"},
}


def _t(key: str, lang: str, **kw: object) -> str:
    return TEXT[key][lang].format(**kw)


def _rich(frame: pd.DataFrame, title: str) -> Table:
    table = Table(title=title)
    table.add_column(str(frame.index.name or ""), style="bold")
    for c in frame.columns:
        table.add_column(str(c), justify="right")
    for idx, row in frame.iterrows():
        cells = []
        for v in row:
            if isinstance(v, float | np.floating):
                cells.append("" if not np.isfinite(v) else f"{float(v):.4g}")
            else:
                cells.append(str(v))
        table.add_row(str(idx), *cells)
    return table


def factors_command(
    outcome: Annotated[str, typer.Option(help="cis_export_share, cis_trade_share, trade_openness or wage_gap.")] =
    "cis_export_share",
    out: Annotated[Path, typer.Option(help="Output folder (CSV, XLSX, PNG, SVG).")] = Path("out/factors"),
    lang: Annotated[str, typer.Option(help="Language of the tables: en or ru.")] = "en",
    scope: Annotated[str | None, typer.Option(help="regions (all Russian regions) or pairs (five border pairs); "
                                                   "default: pairs for wage_gap, regions otherwise.")] = None,
    bootstrap: Annotated[int, typer.Option(help="Wild cluster bootstrap draws.")] = 999,
) -> None:
    """Objective factors of integration: two-way fixed-effects panel, diagnostics, Shapley importance and a
    waterfall of the factor contributions to the change of the outcome."""
    from regint._options import check_option
    from regint.data.api import load_panel
    from regint.errors import ModelError, RegintError
    from regint.models.factors import fit_factors, fit_panel
    from regint.models.factors_diagnostics import (
        fisher_adf,
        ips_test,
        pesaran_cd,
        wooldridge_fe_ar1,
        wooldridge_serial,
    )
    from regint.models.factors_importance import change_decomposition, factor_importance
    from regint.models.factors_panel import OUTCOME_LABELS, build_factor_panel
    from regint.models.factors_plot import waterfall

    console = Console(width=160)
    try:
        check_option("outcome", outcome, ("cis_export_share", "cis_trade_share", "trade_openness", "wage_gap"))
        check_option("lang", lang, ("en", "ru"))
        sc = scope or ("pairs" if outcome == "wage_gap" else "regions")
        check_option("scope", sc, ("regions", "pairs"))
    except RegintError as exc:
        raise typer.BadParameter(str(exc)) from exc
    panel = load_panel(list(INDICATORS), None, (1999, 2025))
    fp = build_factor_panel(panel, outcome, scope=sc)  # type: ignore[arg-type]
    res = fit_factors(fp, bootstrap=bootstrap)
    h = res.honesty
    console.print(_rich(res.to_frame(), _t("coef", lang, o=outcome, e=res.effects, n=res.nobs, k=res.n_entities,
                                             y=h.span)))
    sheets: dict[str, pd.DataFrame] = {"coefficients": res.to_frame()}
    try:
        dyn = fit_factors(fp, lags=1, bootstrap=bootstrap)
        console.print(_rich(dyn.to_frame(), _t("dyn", lang) + f": N = {dyn.nobs}, {dyn.honesty.span}"))
        sheets["coefficients_dynamic"] = dyn.to_frame()
    except (ModelError, RegintError) as exc:
        console.print(f"[yellow]dynamic model not estimated:[/yellow] {exc}")
    regs = list(res.params.index)
    one_way = fit_panel(res.design, outcome, regs, effects="entity", bootstrap=0) if res.effects != "entity" \
        else res
    diags = [wooldridge_serial(res.design, outcome, regs, h0="fe"), wooldridge_fe_ar1(one_way.resids),
             pesaran_cd(one_way.resids), ips_test(fp.data[outcome]), fisher_adf(fp.data[outcome])]
    diag = pd.concat([d.to_frame() for d in diags], ignore_index=True).set_index("test")
    console.print(_rich(diag.drop(columns=["null"]), _t("diag", lang)))
    sheets["diagnostics"] = diag
    imp = factor_importance(res)
    console.print(_rich(imp.to_frame(), _t("shap", lang, r=imp.r2)))
    sheets["importance"] = imp.to_frame()
    sheets["conditional_dominance"] = imp.conditional
    focus = fp.focus
    dec = change_decomposition(res, focus)
    console.print(_rich(dec, _t("dec", lang, o=outcome, f=focus)))
    sheets["decomposition"] = dec
    honesty = h.extend(notes=res.notes).to_frame().set_index("item")
    console.print(_rich(honesty, _t("honest", lang)))
    sheets["honesty"] = honesty
    sheets["factor_catalogue"] = fp.catalogue.set_index("factor")
    sheets["panel"] = fp.data
    out.mkdir(parents=True, exist_ok=True)
    from regint.exports import write_csvs, write_xlsx

    write_csvs(sheets, out, index=True)
    write_xlsx(sheets, out / "factors.xlsx", index=True)
    sub = res.design.xs(focus, level=0)[outcome]
    first = int(dec.index.min()) - 1
    used = [f for f in fp.factors if fp.kind(f) != "common" or f in DATA_FACTORS]
    data_src = {x.strip() for f in used for x in str(fp.catalogue.set_index("factor").at[f, "source"]).split(",")}
    sources = ", ".join(sorted(data_src - {"none"}))
    footer = (f"Two-way FE regression ({res.effects}), N = {res.nobs}, {res.n_entities} entities, {h.span}; "
              f"dropped: {', '.join(n for n, _ in h.dropped) or 'none'}. Sum of year-by-year "
              f"contributions beta_k x dx_k; intervals in coefficients.csv. Data: regint store (outcome: "
              f"{', '.join(OUTCOME_SOURCES[outcome])}; factors: {sources}); events: factors_events.csv.")
    waterfall(dec, float(sub.loc[first]) if first in sub.index else float(sub.iloc[0]),
              title=f"{OUTCOME_LABELS[outcome]}: {focus}, {first}-{int(dec.index.max())}",
              unit=fp.outcome_unit, footer=footer, path=out / "waterfall")
    console.print(f"{_t('written', lang)} {out}")
