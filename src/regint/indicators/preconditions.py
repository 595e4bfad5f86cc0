"""Preconditions of integration: every indicator the observation panel allows for the pair and comparators.

:func:`preconditions` takes the long observation frame (``regint.data.schema``: region, indicator, period,
value, unit, currency, source, status, ...) and returns a table of computed indicators with a plain-English
meaning and the data behind each, plus the indicators it could not compute and why. It reads no files: the
caller (CLI, report) loads the panel.

Conventions
-----------
* Annual periods only (``YYYY``); quarterly and monthly rows are ignored here.
* Belarusian roubles before the 2016 redenomination: rows whose ``currency`` (or, without a currency
  column, ``unit``) is ``BYR`` are divided by 10 000 to BYN, for amounts and exchange rates alike.
* One value per (region, indicator, year): official before secondary before derived before estimate, then the
  latest vintage.
* Monetary comparisons across the border are in US dollars at the annual-average official rate ``fx_usd`` of
  the region's country (``RU``/``BY``); the real exchange rate is RUB per BYN deflated by CPI (see
  :mod:`regint.indicators.prices` for the convention).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint.errors import DataError, RegintError
from regint.indicators import convergence, cycles, prices, structure, trade

Pair = tuple[str, str]

DEFAULT_PAIR: Pair = ("RU-SMO", "BY-VI")
DEFAULT_COMPARATORS: tuple[Pair, ...] = (
    ("RU-PSK", "BY-VI"),
    ("RU-SMO", "BY-MA"),
    ("RU-BRY", "BY-MA"),
    ("RU-BRY", "BY-HO"),
    ("RU", "BY"),
)
REGION_NAMES: dict[str, str] = {
    "RU-SMO": "Smolensk oblast", "RU-PSK": "Pskov oblast", "RU-BRY": "Bryansk oblast",
    "BY-VI": "Vitebsk oblast", "BY-MA": "Mogilev oblast", "BY-HO": "Gomel oblast", "BY-MI": "Minsk oblast",
    "BY-HM": "Minsk city", "RU": "Russia", "BY": "Belarus",
}
COLUMNS = ("indicator", "regions", "value", "years", "meaning", "data_used")
_STATUS_ORDER = {"official": 0, "secondary": 1, "derived": 2, "estimate": 3}
_ANNUAL = r"^\d{4}$"


def _name(region: str) -> str:
    return REGION_NAMES.get(region, region)


def _country(region: str) -> str:
    return region.split("-")[0]


def _span(index: pd.Index) -> str:
    years = [int(y) for y in index]
    return f"{min(years)}" if min(years) == max(years) else f"{min(years)}-{max(years)}"


def prepare_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """Annual rows with ``year``, BYR converted to BYN, one value per (region, indicator, year).

    Parameters
    ----------
    panel : DataFrame
        Long observations with at least region, indicator, period, value, unit, source, status.
    """
    missing = [c for c in ("region", "indicator", "period", "value", "source") if c not in panel.columns]
    if missing:
        raise DataError(f"preconditions: the panel lacks column(s) {missing}. Fix: pass the long observation "
                        "frame of regint.data (region, indicator, period, value, unit, source, status).")
    df = panel.copy()
    for col in ("unit", "currency", "status", "vintage"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    df = df[df["period"].astype(str).str.match(_ANNUAL)].copy()
    df["year"] = df["period"].astype(str).astype(int)
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    marker = df["currency"].where(df["currency"].str.strip() != "", df["unit"])
    byr = marker.str.upper().str.contains(r"\bBYR\b", regex=True)
    df.loc[byr, "value"] = df.loc[byr, "value"] / 10_000.0
    df.loc[byr, "currency"] = "BYN"
    df["converted_byr"] = byr
    df["_rank"] = df["status"].map(_STATUS_ORDER).fillna(9)
    df = df.dropna(subset=["value"]).sort_values(["_rank", "vintage"], ascending=[True, False])
    return df.drop_duplicates(["region", "indicator", "year"], keep="first").drop(columns="_rank")


@dataclass(frozen=True)
class PreconditionsResult:
    """Indicators computed for the pair and its comparators, and those that could not be.

    Attributes
    ----------
    table : DataFrame
        Columns indicator, regions, value, years, meaning, data_used.
    not_computed : tuple of (indicator, reason)
    pair : tuple of str
    comparators : tuple of pairs
    notes : tuple of str
        Conversions applied (BYR to BYN), conventions.
    """

    table: pd.DataFrame
    not_computed: tuple[tuple[str, str], ...]
    pair: Pair
    comparators: tuple[Pair, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        lines = [f"Preconditions of integration: {_name(self.pair[0])} - {_name(self.pair[1])}",
                 f"  {len(self.table)} indicators computed, {len(self.not_computed)} not computable"]
        lines += [f"  * {r.indicator} [{r.regions}, {r.years}]: {r.meaning}" for r in self.table.itertuples()]
        if self.not_computed:
            lines.append("  Not computed:")
            lines += [f"  - {name}: {reason}" for name, reason in self.not_computed]
        lines += [f"  Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def not_computed_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.not_computed), columns=["indicator", "reason"])


class _Panel:
    """Look-ups on the prepared panel, remembering which data each indicator used."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.df = df
        self.index = {key: g for key, g in df.groupby(["region", "indicator"], sort=False)}

    def has(self, region: str, indicator: str) -> bool:
        return (region, indicator) in self.index

    def series(self, region: str, indicator: str) -> pd.Series:
        g = self.index.get((region, indicator))
        if g is None:
            return pd.Series(dtype="float64", name=indicator)
        return g.set_index("year")["value"].sort_index().rename(indicator)

    def sources(self, pairs: Sequence[tuple[str, str]]) -> str:
        used: dict[str, set[str]] = {}
        for region, indicator in pairs:
            g = self.index.get((region, indicator))
            if g is not None:
                used.setdefault(indicator, set()).update(g["source"].astype(str))
        return "; ".join(f"{ind} ({', '.join(sorted(src))})" for ind, src in used.items())

    def usd(self, region: str, indicator: str) -> pd.Series:
        """A national-currency series converted to USD at the country's annual-average rate."""
        fx = self.series(_country(region), "fx_usd")
        return (self.series(region, indicator) / fx).dropna()


class _Collector:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.skipped: list[tuple[str, str]] = []

    def add(self, indicator: str, regions: Sequence[str], value: float, years: str, meaning: str,
            data_used: str) -> None:
        self.rows.append({"indicator": indicator, "regions": " vs ".join(regions), "value": float(value),
                          "years": years, "meaning": meaning, "data_used": data_used})

    def skip(self, indicator: str, reason: str) -> None:
        self.skipped.append((indicator, reason))


def _gap_rows(p: _Panel, out: _Collector, pair: Pair, indicator: str, label: str, what: str) -> None:
    a, b = pair
    sa, sb = p.usd(a, indicator), p.usd(b, indicator)
    common = sa.index.intersection(sb.index)
    name = f"{label}_ratio_usd"
    if len(common) == 0:
        lacking = [r for r, s in ((a, sa), (b, sb)) if s.empty]
        why = (f"no {indicator} in USD ({indicator} or fx_usd missing) for {', '.join(lacking)}" if lacking
               else f"no year with {indicator} of both regions")
        out.skip(f"{name} [{a} vs {b}]", f"{why}: {what} gap not computable")
        return
    ratio = sa[common] / sb[common]
    last = int(common.max())
    used = p.sources([(a, indicator), (b, indicator), (_country(a), "fx_usd"), (_country(b), "fx_usd")])
    meaning = (f"In {last} the {what} in {_name(a)} was {sa[last]:,.0f} USD against {sb[last]:,.0f} USD in "
               f"{_name(b)}: a ratio of {ratio[last]:.2f}")
    if len(common) > 1:
        first = int(common.min())
        meaning += f" (it was {ratio[first]:.2f} in {first})"
    out.add(name, pair, ratio[last], _span(common), meaning + ".", used)
    gap = convergence.pair_gap(sa, sb, kind="ratio", trend="log")
    if gap.valid:
        out.add(f"{label}_gap_close_year", pair, gap.year_to_close, _span(common),
                f"On the log-linear trend of {_span(common)} the {what} ratio of {_name(a)} to {_name(b)} would "
                f"reach parity around {gap.year_to_close:.0f}.", used)
    else:
        out.skip(f"{label}_gap_close_year [{a} vs {b}]", gap.reason)


def _wage_and_grp_gaps(p: _Panel, out: _Collector, pairs: Sequence[Pair]) -> None:
    for pair in pairs:
        _gap_rows(p, out, pair, "wage_nominal", "wage", "average monthly wage")
        _gap_rows(p, out, pair, "grp_per_capita", "grp_per_capita", "GRP per capita")


def _sigma(p: _Panel, out: _Collector, regions: Sequence[str]) -> None:
    regional = [r for r in regions if "-" in r]
    frame = pd.DataFrame({r: p.usd(r, "wage_nominal") for r in regional}).T.dropna(how="all")
    # a balanced panel: only years in which every region has a wage, so the dispersion compares like with like
    balanced = frame.dropna(axis=1, how="any")
    if balanced.shape[1] < 3:
        # too few common years across the border: fall back to the regions of one country, said so in the label
        one_side = frame.loc[[r for r in frame.index if r.startswith("RU")]]
        balanced = one_side.dropna(axis=1, how="any")
    frame = balanced
    if frame.shape[0] < 3 or frame.shape[1] < 3:
        out.skip("wage_sigma_convergence",
                 f"wages in USD for {frame.shape[0]} regions over {frame.shape[1]} years with 3+ regions; "
                 "sigma convergence needs 3 regions and 3 years")
        return
    res = convergence.sigma_convergence(frame, measure="sd_log")
    d = res.dispersion
    trend = ("falling significantly (sigma convergence)" if res.converging else
             "rising" if res.slope > 0 else "not falling significantly")
    out.add("wage_sigma_sd_log", tuple(frame.index), float(d["sd_log"].iloc[-1]), _span(d.index),
            f"The dispersion (sd of log) of USD wages across {frame.shape[0]} border regions went from "
            f"{d['sd_log'].iloc[0]:.3f} to {d['sd_log'].iloc[-1]:.3f}; its trend is {trend} "
            f"(slope {res.slope:.4f}/year, p = {res.pvalue:.2f}).",
            p.sources([(r, "wage_nominal") for r in frame.index] + [("RU", "fx_usd"), ("BY", "fx_usd")]))


def _cpi_level(p: _Panel, region: str) -> tuple[pd.Series, str]:
    """Chained CPI level of the region, or of its country; and the region whose CPI was used."""
    for r in (region, _country(region)):
        raw = p.series(r, "cpi").dropna()
        if len(raw):
            if float(raw.median()) > 50:  # "% of the previous year" (105.3) rather than a change (5.3)
                return prices.price_index(raw, form="index"), r
            return prices.price_index(raw, form="change"), r
    # last resort: the country's annual-average inflation (World Bank FP.CPI.TOTL.ZG), named as such
    raw = p.series(_country(region), "inflation").dropna()
    if len(raw):
        return prices.price_index(raw, form="change"), f"{_country(region)} (inflation, annual average)"
    return pd.Series(dtype="float64"), region


def _rer(p: _Panel, out: _Collector, pair: Pair) -> None:
    a, b = pair
    fx_a, fx_b = p.series(_country(a), "fx_usd"), p.series(_country(b), "fx_usd")
    cpi_a, ra = _cpi_level(p, a)
    cpi_b, rb = _cpi_level(p, b)
    lacking = [n for n, s in (("fx_usd RU", fx_a), ("fx_usd BY", fx_b), (f"cpi {a}", cpi_a),
                              (f"cpi {b}", cpi_b)) if s.dropna().empty]
    if lacking:
        out.skip("real_exchange_rate", f"no {', '.join(lacking)}: RUB/BYN real exchange rate not computable")
        return
    nominal = prices.cross_rate(fx_a, fx_b)
    q = prices.real_exchange_rate(nominal, cpi_a, cpi_b).dropna()
    if len(q) < 2:
        out.skip("real_exchange_rate", f"{len(q)} year(s) with the rate and both CPIs; need 2 to index")
        return
    q = 100.0 * q / q.iloc[0]
    used = p.sources([(_country(a), "fx_usd"), (_country(b), "fx_usd"), (ra, "cpi"), (rb, "cpi")])
    change = q.iloc[-1] - 100.0
    direction = "appreciated" if change > 0 else "depreciated"
    out.add("real_exchange_rate", (ra, rb), q.iloc[-1], _span(q.index),
            f"The real exchange rate of the Belarusian rouble against the Russian rouble (RUB per BYN x CPI "
            f"{rb} / CPI {ra}, {q.index[0]} = 100) was {q.iloc[-1]:.1f} in {q.index[-1]}: the BYN {direction} "
            f"in real terms by {abs(change):.1f} %.", used)
    hl = prices.half_life(q)
    if hl.valid:
        out.add("rer_half_life", (ra, rb), hl.half_life, _span(q.index),
                f"Deviations of the real exchange rate halve in about {hl.half_life:.1f} years (AR(1) on the "
                f"log rate, rho = {hl.rho:.2f}).", used)
    else:
        out.skip("rer_half_life", hl.reason)
    test = prices.adf(np.log(q))
    if test.valid:
        verdict = "rejects" if test.reject() else "does not reject"
        out.add("rer_adf_pvalue", (ra, rb), test.pvalue, _span(q.index),
                f"The ADF test {verdict} a unit root in the log real exchange rate at 5 % "
                f"(p = {test.pvalue:.2f}): {'PPP-type mean reversion' if test.reject() else 'no evidence of mean reversion'}.",
                used)
    else:
        out.skip("rer_adf_pvalue", f"ADF on the real exchange rate: {test.reason}")


def _price_levels(p: _Panel, out: _Collector, pair: Pair) -> None:
    ca, cb = _country(pair[0]), _country(pair[1])
    need = [(ca, "ppp"), (ca, "fx_usd"), (cb, "ppp"), (cb, "fx_usd")]
    lacking = [f"{i} {r}" for r, i in need if not p.has(r, i)]
    if lacking:
        out.skip("price_level_gap", f"no {', '.join(lacking)}: PPP price-level gap not computable")
        return
    gap = prices.price_level_gap(p.series(ca, "ppp"), p.series(ca, "fx_usd"), p.series(cb, "ppp"),
                                 p.series(cb, "fx_usd")).dropna()
    if gap.empty:
        out.skip("price_level_gap", "no year with PPP and exchange rates for both countries")
        return
    out.add("price_level_gap", (ca, cb), gap.iloc[-1], _span(gap.index),
            f"In {gap.index[-1]} the price level of {_name(ca)} was {gap.iloc[-1]:+.1f} % against {_name(cb)} "
            "(PPP over the market exchange rate).", p.sources(need))


def _trade_shares(p: _Panel, out: _Collector, regions: Sequence[str]) -> None:
    for r in regions:
        ex = p.series(r, "exports_usd")
        if ex.empty:
            out.skip(f"exports_cis_share [{r}]", f"no exports_usd for {r}")
            continue
        for ind, label, what in (("exports_cis_usd", "exports_cis_share", "CIS countries"),
                                 ("exports_partner_usd", "exports_partner_share", "the partner country")):
            share = trade.partner_share(p.series(r, ind), ex).dropna()
            if share.empty:
                out.skip(f"{label} [{r}]", f"no {ind} for {r}")
                continue
            out.add(label, (r,), share.iloc[-1], _span(share.index),
                    f"In {share.index[-1]} {100 * share.iloc[-1]:.1f} % of the exports of {_name(r)} went to {what} "
                    f"({100 * share.iloc[0]:.1f} % in {share.index[0]}).", p.sources([(r, ind), (r, "exports_usd")]))
        grp_usd = _grp_usd(p, r)
        imports = p.series(r, "imports_usd")
        if grp_usd.empty or imports.empty:
            out.skip(f"openness [{r}]", f"no {'GRP (or GRP per capita and population)' if grp_usd.empty else 'imports_usd'} "
                     f"for {r}: trade openness not computable")
            continue
        op = trade.openness(ex, imports, grp_usd).dropna()
        if op.empty:
            out.skip(f"openness [{r}]", f"no year with exports, imports and GRP for {r}")
            continue
        out.add("openness", (r,), op.iloc[-1], _span(op.index),
                f"Exports plus imports of goods of {_name(r)} were {100 * op.iloc[-1]:.1f} % of its GRP in "
                f"{op.index[-1]}.", p.sources([(r, "exports_usd"), (r, "imports_usd"), (r, "grp"),
                                                (r, "grp_per_capita"), (_country(r), "fx_usd")]))


def _grp_usd(p: _Panel, region: str) -> pd.Series:
    """GRP in mln USD: ``grp`` (mln national currency) or GRP per capita x population / 1e6."""
    fx = p.series(_country(region), "fx_usd")
    grp = p.series(region, "grp")
    if grp.empty:
        grp = (p.series(region, "grp_per_capita") * p.series(region, "population") / 1e6).dropna()
    return (grp / fx).dropna()


def _cycles(p: _Panel, out: _Collector, pair: Pair) -> None:
    a, b = pair
    for ind in ("grp_volume_index", "industrial_production_index"):
        ga, gb = p.series(a, ind), p.series(b, ind)
        common = ga.dropna().index.intersection(gb.dropna().index)
        if len(common) < 5:
            out.skip(f"{ind}_concordance", f"{len(common)} common years of {ind} for {a} and {b}; need 5")
            continue
        ga, gb = ga[common], gb[common]
        sync = cycles.synchronisation(ga, gb)
        level_a = prices.price_index(ga, form="index")
        level_b = prices.price_index(gb, form="index")
        first = common.min() - 1
        level_a = pd.concat([pd.Series([100.0], index=[first]), level_a])
        level_b = pd.concat([pd.Series([100.0], index=[first]), level_b])
        conc = cycles.concordance(level_a, level_b, rule="growth")
        used = p.sources([(a, ind), (b, ind)])
        out.add(f"{ind}_concordance", pair, conc.index, _span(common),
                f"{_name(a)} and {_name(b)} grew or contracted together ({ind.replace('_', ' ')}) in "
                f"{100 * conc.index:.0f} % of the years (Harding-Pagan; {100 * conc.expected_independent:.0f} % "
                "expected if independent).", used)
        if sync.valid:
            out.add(f"{ind}_correlation", pair, sync.correlation, _span(common),
                    f"The year-on-year growth of {_name(a)} and {_name(b)} correlates at {sync.correlation:.2f} "
                    f"(p = {sync.pvalue:.2f}).", used)
        else:
            out.skip(f"{ind}_correlation", sync.reason)


def _structure(p: _Panel, out: _Collector, pair: Pair) -> None:
    a, b = pair
    df = p.df[p.df["indicator"].str.startswith("grp_structure_") & p.df["region"].isin(pair)]
    if df.empty:
        out.skip("krugman_specialisation", "no GRP structure by activity (grp_structure_<activity>) for the "
                 "pair: Krugman index and structural similarity not computable")
        return
    wide = df.pivot_table(index=["year", "indicator"], columns="region", values="value").dropna()
    years = sorted({y for y, _ in wide.index})
    if not years or a not in wide.columns or b not in wide.columns:
        out.skip("krugman_specialisation", "no year with the GRP structure of both regions")
        return
    last = years[-1]
    sa, sb = wide.loc[last, a], wide.loc[last, b]
    used = p.sources([(r, i) for r in pair for i in df["indicator"].unique()])
    k = structure.krugman_specialisation(sa, sb)
    cos = structure.structural_similarity(sa, sb, method="cosine")
    out.add("krugman_specialisation", pair, k, str(last),
            f"The activity structures of {_name(a)} and {_name(b)} differ by {k:.2f} on Krugman's 0-2 scale "
            f"({len(sa)} activities, {last}).", used)
    out.add("structural_similarity_cosine", pair, cos, str(last),
            f"The cosine similarity of the two GRP structures is {cos:.2f} (1 = identical proportions).", used)


def _static_skips(p: _Panel, out: _Collector, pair: Pair) -> None:
    out.skip("balassa_rca", "no product-level trade for the pair: RCA not computable")
    out.skip("grubel_lloyd", "no product-level exports and imports for the pair: intra-industry trade not "
             "computable")
    out.skip("trade_complementarity", "no product-level exports of one region and imports of the other: "
             "complementarity and export similarity not computable")
    out.skip("novy_trade_costs", "no region-to-region trade flows between the pair (only trade with the partner "
             "country): Novy trade costs not computable")
    out.skip("markov_mobility", "a Markov chain of income classes needs a cross-section of many regions, not a "
             "pair: run regint.indicators.convergence.markov on all regions of a country")
    out.skip("beta_convergence", "beta convergence needs a cross-section of many regions, not a pair and a few "
             "comparators: run regint.indicators.convergence.beta_convergence on all regions")


def preconditions(
    panel: pd.DataFrame,
    pair: Pair = DEFAULT_PAIR,
    comparators: Sequence[Pair] = DEFAULT_COMPARATORS,
) -> PreconditionsResult:
    """Compute every integration indicator the panel allows for the pair and its comparator pairs.

    Parameters
    ----------
    panel : DataFrame
        Long observations (columns region, indicator, period, value, unit, currency, source, status; more are
        ignored). Indicators used: wage_nominal, grp_per_capita, grp, population, fx_usd (of ``RU``/``BY``),
        cpi (Dec/Dec, "% of previous" or percent change), ppp, exports_usd, imports_usd, exports_cis_usd,
        exports_partner_usd, grp_volume_index, industrial_production_index, grp_structure_<activity>.
    pair : (str, str)
        The Russian and the Belarusian region (ISO 3166-2).
    comparators : sequence of (str, str)
        Other border pairs and the national totals, compared on the same footing.

    Returns
    -------
    PreconditionsResult
        ``table`` with columns indicator, regions, value, years, meaning, data_used; ``not_computed`` with the
        reason for each indicator the data do not allow.
    """
    df = prepare_panel(panel)
    p = _Panel(df)
    out = _Collector()
    pairs: list[Pair] = [(pair[0], pair[1]), *[(c[0], c[1]) for c in comparators if tuple(c) != tuple(pair)]]
    regions = list(dict.fromkeys(r for pr in pairs for r in pr))
    steps: list[tuple[str, Callable[[], None]]] = [
        ("wage and GRP gaps", lambda: _wage_and_grp_gaps(p, out, pairs)),
        ("sigma convergence", lambda: _sigma(p, out, regions)),
        ("real exchange rate", lambda: _rer(p, out, pair)),
        ("price levels", lambda: _price_levels(p, out, pair)),
        ("trade shares", lambda: _trade_shares(p, out, list(pair))),
        ("business cycles", lambda: _cycles(p, out, pair)),
        ("structure", lambda: _structure(p, out, pair)),
        ("product-level trade", lambda: _static_skips(p, out, pair)),
    ]
    for label, step in steps:
        try:
            step()
        except (RegintError, ValueError, ZeroDivisionError) as exc:
            out.skip(label, f"failed on these data: {exc}")
    notes = ["monetary values compared across the border in USD at annual-average official rates (fx_usd)"]
    n_byr = int(df["converted_byr"].sum())
    if n_byr:
        notes.append(f"{n_byr} value(s) in BYR (before the 2016 redenomination) converted to BYN by / 10 000")
    table = pd.DataFrame(out.rows, columns=list(COLUMNS))
    return PreconditionsResult(table=table, not_computed=tuple(out.skipped), pair=pairs[0],
                               comparators=tuple((c[0], c[1]) for c in comparators), notes=tuple(notes))
