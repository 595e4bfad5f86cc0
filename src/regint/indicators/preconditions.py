"""Preconditions of integration: every indicator the observation panel allows for the pair and comparators.

:func:`preconditions` takes the long observation frame (``regint.data.schema``: region, indicator, period,
value, unit, currency, source, status, ...) and returns a table of computed indicators with a plain-language
meaning (English or Russian: ``lang``) and the data behind each, plus the indicators it could not compute and
why. It reads no files: the caller (CLI, report, dashboard) loads the panel. The sentences are templates in
:mod:`regint.indicators._preconditions_text`.

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
from typing import Any, Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, RegintError
from regint.indicators import convergence, cycles, prices, structure, trade
from regint.indicators._preconditions_text import (
    LANGS,
    REGION_NAMES,
    CpiOf,
    Phrase,
    Reason,
    Region,
    Regions,
    Span,
    text,
)

Pair = tuple[str, str]

DEFAULT_PAIR: Pair = ("RU-SMO", "BY-VI")
DEFAULT_COMPARATORS: tuple[Pair, ...] = (
    ("RU-PSK", "BY-VI"),
    ("RU-SMO", "BY-MA"),
    ("RU-BRY", "BY-MA"),
    ("RU-BRY", "BY-HO"),
    ("RU", "BY"),
)
__all__ = ["COLUMNS", "DEFAULT_COMPARATORS", "DEFAULT_PAIR", "REGION_NAMES", "PreconditionsResult",
           "preconditions", "prepare_panel"]
COLUMNS = ("indicator", "regions", "value", "years", "meaning", "data_used")
_STATUS_ORDER = {"official": 0, "secondary": 1, "derived": 2, "estimate": 3}
_ANNUAL = r"^\d{4}$"


def _name(region: str) -> str:
    return REGION_NAMES.get(region, region)


def _country(region: str) -> str:
    return region.split("-")[0]


def _years(index: pd.Index) -> Span:
    years = [int(y) for y in index]
    return Span(min(years), max(years))


def _span(index: pd.Index) -> str:
    return _years(index).render("en")


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
    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.rows: list[dict[str, object]] = []
        self.skipped: list[tuple[str, str]] = []

    def t(self, key: str, **fields: Any) -> str:
        """The sentence ``key`` in the collector's language."""
        return text(key, self.lang, **fields)

    def add(self, indicator: str, regions: Sequence[str], value: float, years: str, meaning: str,
            data_used: str) -> None:
        self.rows.append({"indicator": indicator, "regions": " vs ".join(regions), "value": float(value),
                          "years": years, "meaning": meaning, "data_used": data_used})

    def skip(self, indicator: str, reason: str) -> None:
        self.skipped.append((indicator, reason))


def _times(ratio: float) -> tuple[float, Phrase]:
    """``1.46`` → (1.46, more); ``0.8`` → (1.25, less): «в 1,25 раза меньше»."""
    return (ratio, Phrase("more")) if ratio >= 1 else (1.0 / ratio, Phrase("less"))


def _gap_rows(p: _Panel, out: _Collector, pair: Pair, indicator: str, label: str) -> None:
    a, b = pair
    what = Phrase(label)
    sa, sb = p.usd(a, indicator), p.usd(b, indicator)
    common = sa.index.intersection(sb.index)
    name = f"{label}_ratio_usd"
    if len(common) == 0:
        lacking = tuple(r for r, s in ((a, sa), (b, sb)) if s.empty)
        why = (out.t("skip_gap_no_usd", ind=indicator, lacking=Regions(lacking), what=what) if lacking
               else out.t("skip_gap_no_common", ind=indicator, what=what))
        out.skip(f"{name} [{a} vs {b}]", why)
        return
    ratio = sa[common] / sb[common]
    last = int(common.max())
    used = p.sources([(a, indicator), (b, indicator), (_country(a), "fx_usd"), (_country(b), "fx_usd")])
    times, more = _times(ratio[last])
    before = ""
    if len(common) > 1:
        first = int(common.min())
        times0, more0 = _times(ratio[first])
        before = out.t("gap_before" if more0 == more else "gap_before_turned", ratio0=ratio[first], first=first,
                       times0=times0, more0=more0)
    out.add(name, pair, ratio[last], _span(common),
            out.t("gap_ratio", last=last, what=what, a=Region(a), b=Region(b), va=sa[last], vb=sb[last],
                  ratio=ratio[last], times=times, more=more, before=before), used)
    gap = convergence.pair_gap(sa, sb, kind="ratio", trend="log")
    if gap.valid:
        out.add(f"{label}_gap_close_year", pair, gap.year_to_close, _span(common),
                out.t("gap_close_year", span=_years(common), what=what, a=Region(a), b=Region(b),
                      year=gap.year_to_close), used)
    else:
        out.skip(f"{label}_gap_close_year [{a} vs {b}]", Reason(gap.reason).render(out.lang))


def _wage_and_grp_gaps(p: _Panel, out: _Collector, pairs: Sequence[Pair]) -> None:
    for pair in pairs:
        _gap_rows(p, out, pair, "wage_nominal", "wage")
        _gap_rows(p, out, pair, "grp_per_capita", "grp_per_capita")


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
                 out.t("skip_sigma", n_regions=frame.shape[0], n_years=frame.shape[1]))
        return
    res = convergence.sigma_convergence(frame, measure="sd_log")
    d = res.dispersion
    trend = Phrase("sigma_converging" if res.converging else "sigma_rising" if res.slope > 0 else "sigma_flat")
    out.add("wage_sigma_sd_log", tuple(frame.index), float(d["sd_log"].iloc[-1]), _span(d.index),
            out.t("wage_sigma_sd_log", n=frame.shape[0], d0=d["sd_log"].iloc[0], d1=d["sd_log"].iloc[-1],
                  trend=trend, slope=res.slope, p=res.pvalue, span=_years(d.index)),
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


def _annual_average_cpi(p: _Panel, region: str) -> tuple[pd.Series, str]:
    """The country's annual-average CPI level chained from its inflation (World Bank FP.CPI.TOTL.ZG)."""
    raw = p.series(_country(region), "inflation").dropna()
    if raw.empty:
        return pd.Series(dtype="float64"), region
    return prices.price_index(raw, form="change"), f"{_country(region)} (inflation, annual average)"


def _cpi_levels_alike(p: _Panel, a: str, b: str) -> tuple[pd.Series, str, pd.Series, str]:
    """CPI levels of both sides of one kind: annual-average inflation of both countries when both have it (the
    exchange rates are annual averages too), else each side's own CPI (December on December where published)."""
    avg_a, ra = _annual_average_cpi(p, a)
    avg_b, rb = _annual_average_cpi(p, b)
    if not avg_a.dropna().empty and not avg_b.dropna().empty:
        return avg_a, ra, avg_b, rb
    cpi_a, ra = _cpi_level(p, a)
    cpi_b, rb = _cpi_level(p, b)
    return cpi_a, ra, cpi_b, rb


def _rer(p: _Panel, out: _Collector, pair: Pair) -> None:
    a, b = pair
    fx_a, fx_b = p.series(_country(a), "fx_usd"), p.series(_country(b), "fx_usd")
    cpi_a, ra, cpi_b, rb = _cpi_levels_alike(p, a, b)
    lacking = [n for n, s in (("fx_usd RU", fx_a), ("fx_usd BY", fx_b), (f"cpi {a}", cpi_a),
                              (f"cpi {b}", cpi_b)) if s.dropna().empty]
    if lacking:
        out.skip("real_exchange_rate", out.t("skip_rer_lacking", lacking=", ".join(lacking)))
        return
    nominal = prices.cross_rate(fx_a, fx_b)
    q = prices.real_exchange_rate(nominal, cpi_a, cpi_b).dropna()
    if len(q) < 2:
        out.skip("real_exchange_rate", out.t("skip_rer_short", n=len(q)))
        return
    q = 100.0 * q / q.iloc[0]
    used = p.sources([(_country(a), "fx_usd"), (_country(b), "fx_usd")]
                     + [(r.split(" ")[0], "inflation" if " " in r else "cpi") for r in (ra, rb)])
    change = q.iloc[-1] - 100.0
    direction = Phrase("appreciated" if change > 0 else "depreciated")
    out.add("real_exchange_rate", (ra, rb), q.iloc[-1], _span(q.index),
            out.t("real_exchange_rate", cpi_a=CpiOf(ra), cpi_b=CpiOf(rb), y0=q.index[0], y1=q.index[-1],
                  q=q.iloc[-1], direction=direction, change=abs(change)), used)
    # AR(1) and ADF read each row as one year: only the longest run of consecutive years enters them
    run = prices.consecutive_run(q)
    hl = prices.half_life(run)
    if hl.valid:
        out.add("rer_half_life", (ra, rb), hl.half_life, _span(run.index),
                out.t("rer_half_life", hl=hl.half_life, rho=hl.rho), used)
    else:
        out.skip("rer_half_life", Reason(hl.reason).render(out.lang))
    test = prices.adf(np.log(run))
    if test.valid:
        out.add("rer_adf_pvalue", (ra, rb), test.pvalue, _span(run.index),
                out.t("rer_adf_pvalue", adf=Phrase("adf_reject" if test.reject() else "adf_keep"),
                      p=test.pvalue), used)
    else:
        out.skip("rer_adf_pvalue", out.t("skip_adf", reason=Reason(test.reason)))


def _price_levels(p: _Panel, out: _Collector, pair: Pair) -> None:
    ca, cb = _country(pair[0]), _country(pair[1])
    need = [(ca, "ppp"), (ca, "fx_usd"), (cb, "ppp"), (cb, "fx_usd")]
    lacking = [f"{i} {r}" for r, i in need if not p.has(r, i)]
    if lacking:
        out.skip("price_level_gap", out.t("skip_ppp_lacking", lacking=", ".join(lacking)))
        return
    gap = prices.price_level_gap(p.series(ca, "ppp"), p.series(ca, "fx_usd"), p.series(cb, "ppp"),
                                 p.series(cb, "fx_usd")).dropna()
    if gap.empty:
        out.skip("price_level_gap", out.t("skip_ppp_no_year"))
        return
    out.add("price_level_gap", (ca, cb), gap.iloc[-1], _span(gap.index),
            out.t("price_level_gap", y=gap.index[-1], a=Region(ca), b=Region(cb), gap=gap.iloc[-1],
                  abs_gap=abs(gap.iloc[-1]), higher=Phrase("higher" if gap.iloc[-1] >= 0 else "lower")),
            p.sources(need))


def _trade_shares(p: _Panel, out: _Collector, pair: Pair) -> None:
    for r, other in (pair, pair[::-1]):
        ex = p.series(r, "exports_usd")
        if ex.empty:
            out.skip(f"exports_cis_share [{r}]", out.t("skip_no_exports", r=Region(r)))
            continue
        for ind, label in (("exports_cis_usd", "exports_cis_share"), ("exports_partner_usd", "exports_partner_share")):
            share = trade.partner_share(p.series(r, ind), ex).dropna()
            share = share[share.index >= comparable_from(ind, r)]
            if share.empty:
                out.skip(f"{label} [{r}]", out.t("skip_no_series", ind=Phrase(ind), r=Region(r)))
                continue
            out.add(label, (r,), share.iloc[-1], _span(share.index),
                    out.t(label, y1=share.index[-1], s1=100 * share.iloc[-1], y0=share.index[0],
                          s0=100 * share.iloc[0], r=Region(r), partner=Region(_country(other))),
                    p.sources([(r, ind), (r, "exports_usd")]))
        grp_usd = _grp_usd(p, r)
        imports = p.series(r, "imports_usd")
        if grp_usd.empty or imports.empty:
            out.skip(f"openness [{r}]", out.t("skip_openness", r=Region(r),
                                              missing=Phrase("no_grp" if grp_usd.empty else "no_imports")))
            continue
        op = trade.openness(ex, imports, grp_usd).dropna()
        if op.empty:
            out.skip(f"openness [{r}]", out.t("skip_openness_no_year", r=Region(r)))
            continue
        out.add("openness", (r,), op.iloc[-1], _span(op.index),
                out.t("openness", r=Region(r), op=100 * op.iloc[-1], y=op.index[-1]), p.sources([(r, "exports_usd"), (r, "imports_usd"), (r, "grp"),
                                                (r, "grp_per_capita"), (_country(r), "fx_usd")]))


def comparable_from(indicator: str, region: str) -> int:
    """First year from which a partner-trade series keeps one definition: the year after the last coverage
    break of the catalog (Rosstat's regional trade leaves Belarus out until 2011), else 0.

    A share across such a break would show a change of definition as a rise, so it starts after it.
    """
    from regint.data.harmonise import series_breaks

    hits = series_breaks(indicator, [region])
    if hits.empty:
        return 0
    hits = hits[(hits["kind"] == "coverage") & (hits["end"].astype(str) != "")]
    return int(hits["end"].astype(str).str[:4].astype(int).max()) + 1 if len(hits) else 0


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
            out.skip(f"{ind}_concordance", out.t("skip_cycles", n=len(common), ind=Phrase(ind), a=Region(a),
                                                 b=Region(b)))
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
                out.t("concordance", a=Region(a), b=Region(b), ind=Phrase(ind), c=100 * conc.index,
                      e=100 * conc.expected_independent), used)
        if sync.valid:
            out.add(f"{ind}_correlation", pair, sync.correlation, _span(common),
                    out.t("correlation", a=Region(a), b=Region(b), ind=Phrase(ind), r=sync.correlation,
                          p=sync.pvalue), used)
        else:
            out.skip(f"{ind}_correlation", Reason(sync.reason).render(out.lang))


def _structure(p: _Panel, out: _Collector, pair: Pair) -> None:
    a, b = pair
    df = p.df[p.df["indicator"].str.startswith("grp_structure_") & p.df["region"].isin(pair)]
    if df.empty:
        out.skip("krugman_specialisation", out.t("skip_structure_none"))
        return
    wide = df.pivot_table(index=["year", "indicator"], columns="region", values="value").dropna()
    years = sorted({y for y, _ in wide.index})
    if not years or a not in wide.columns or b not in wide.columns:
        out.skip("krugman_specialisation", out.t("skip_structure_no_year"))
        return
    last = years[-1]
    sa, sb = wide.loc[last, a], wide.loc[last, b]
    used = p.sources([(r, i) for r in pair for i in df["indicator"].unique()])
    k = structure.krugman_specialisation(sa, sb)
    cos = structure.structural_similarity(sa, sb, method="cosine")
    out.add("krugman_specialisation", pair, k, str(last),
            out.t("krugman_specialisation", a=Region(a), b=Region(b), k=k, n=len(sa), y=last), used)
    out.add("structural_similarity_cosine", pair, cos, str(last),
            out.t("structural_similarity_cosine", cos=cos), used)


_STATIC_SKIPS = ("balassa_rca", "grubel_lloyd", "trade_complementarity", "novy_trade_costs", "markov_mobility",
                 "beta_convergence")


def _static_skips(p: _Panel, out: _Collector, pair: Pair) -> None:
    for indicator in _STATIC_SKIPS:
        out.skip(indicator, out.t(f"skip_{indicator}"))


def preconditions(
    panel: pd.DataFrame,
    pair: Pair = DEFAULT_PAIR,
    comparators: Sequence[Pair] = DEFAULT_COMPARATORS,
    lang: Literal["en", "ru"] = "en",
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
    lang : {"en", "ru"}
        Language of the ``meaning`` sentences, of the reasons of ``not_computed`` and of the ``notes``; the
        other columns (codes, values, years, sources) are the same in both.

    Returns
    -------
    PreconditionsResult
        ``table`` with columns indicator, regions, value, years, meaning, data_used; ``not_computed`` with the
        reason for each indicator the data do not allow.
    """
    check_option("lang", lang, LANGS)
    df = prepare_panel(panel)
    p = _Panel(df)
    out = _Collector(lang)
    pairs: list[Pair] = [(pair[0], pair[1]), *[(c[0], c[1]) for c in comparators if tuple(c) != tuple(pair)]]
    regions = list(dict.fromkeys(r for pr in pairs for r in pr))
    steps: list[tuple[str, Callable[[], None]]] = [
        ("wage and GRP gaps", lambda: _wage_and_grp_gaps(p, out, pairs)),
        ("sigma convergence", lambda: _sigma(p, out, regions)),
        ("real exchange rate", lambda: _rer(p, out, pair)),
        ("price levels", lambda: _price_levels(p, out, pair)),
        ("trade shares", lambda: _trade_shares(p, out, pairs[0])),
        ("business cycles", lambda: _cycles(p, out, pair)),
        ("structure", lambda: _structure(p, out, pair)),
        ("product-level trade", lambda: _static_skips(p, out, pair)),
    ]
    for label, step in steps:
        try:
            step()
        except (RegintError, ValueError, ZeroDivisionError) as exc:
            out.skip(label, out.t("skip_failed", exc=exc))
    notes = [out.t("note_usd")]
    n_byr = int(df["converted_byr"].sum())
    if n_byr:
        notes.append(out.t("note_byr", n=n_byr))
    table = pd.DataFrame(out.rows, columns=list(COLUMNS))
    return PreconditionsResult(table=table, not_computed=tuple(out.skipped), pair=pairs[0],
                               comparators=tuple((c[0], c[1]) for c in comparators), notes=tuple(notes))
