"""The input-output analysis of a pair of regions, end to end: national table → regional structure → pair model →
multipliers, key sectors, an example impact and the assumptions.

One function, :func:`pair_io_analysis`, used by ``regint analyse io`` and by the report. It takes frames only: the
national table (:class:`~regint.models.inputoutput.national.NationalIOData`, e.g. from
``regint.models.inputoutput.shipped_table``) and a long observation panel (from ``regint.data.api.load_panel``); the callers read
files and the store.

Regional structure (documented choice), first available wins:

1. ``structure`` given by the caller (a file of the user): GVA by OKVED2 section, levels or shares;
2. ``grp_structure_<section>`` of the region in the panel (latest year up to the table's year);
3. for a Russian region, activity proxies in the panel (:data:`PROXIES`: Rosstat «Регионы России» shipments of own
   production B–E, agricultural output A, construction works F, retail plus wholesale turnover G): the region's
   share of the Russian total of a proxy times Russian output of the section; every other section at the
   region's share of Russian GRP (location quotient 1);
4. the national structure, and the assumptions say so.

Example shock (documented choice): +1 bn RUB (1000 mln RUB) of final demand for section C (manufacturing):
regional trade by product is not in the shipped data, and manufactured goods make up the cross-border trade of
the pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.models.inputoutput.national import NationalIOData, aggregate
from regint.models.inputoutput.notes import Note, num, pairs, pct
from regint.models.inputoutput.pair import PairModel, pair_model
from regint.models.inputoutput.regional import DELTA_GRID, structure_from_proxies
from regint.models.inputoutput.results import MultiplierResult
from regint.models.inputoutput.table import IOTable

__all__ = [
    "DEFAULT_SHOCK",
    "DEFAULT_SHOCK_SECTOR",
    "PROXIES",
    "PROXIES_RU",
    "PROXY_CODES",
    "IOAnalysis",
    "StructureChoice",
    "national_sections",
    "pair_io_analysis",
    "proxy_structure",
    "regional_structure",
    "structure_from_panel",
]

DEFAULT_SHOCK_SECTOR = "C"
DEFAULT_SHOCK = 1000.0  # mln RUB
SHOCK_REASON = (
    "shock sector {sector}: regional exports by product are not in the shipped data; section C "
    "(manufacturing) is the documented default — goods make up the cross-border trade of the pair"
)
SHOCK_REASON_RU = (
    "шок в разделе {sector}: экспорта регионов по продуктам в поставляемых данных нет; раздел C "
    "(обрабатывающие производства) выбран по умолчанию — товары составляют приграничную торговлю пары"
)

#: Regional activity proxies by OKVED2 section (indicator codes in the store; a section with several codes uses
#: their sum). Source: Rosstat, «Регионы России. Социально-экономические показатели. 2022», the table named.
PROXIES: dict[str, tuple[tuple[str, ...], str]] = {
    "A": (("agri_output",), "agricultural output, farms of all categories (13.1; forestry and fishing not covered)"),
    "B": (("shipments_B",), "shipments of own production, mining (12.2.2)"),
    "C": (("shipments_C",), "shipments of own production, manufacturing (12.2.4)"),
    "D": (("shipments_D",), "shipments of own production, electricity, gas, steam (12.2.6)"),
    "E": (("shipments_E",), "shipments of own production, water, sewerage, waste (12.2.7)"),
    "F": (("construction_works",), "construction works done (14.1; the 2021 Russian total includes a federal "
          "adjustment not distributed by region)"),
    "G": (("retail_turnover", "wholesale_turnover"), "retail plus wholesale trade turnover (15.1 + 15.9.1; "
          "turnover, not the trade margin that is G's output; wholesale counts at the seller's seat)"),
}
#: The proxies' descriptions in Russian (the report prints the assumptions in its language).
PROXIES_RU: dict[str, str] = {
    "A": "продукция сельского хозяйства, хозяйства всех категорий (13.1; лесное хозяйство и рыболовство не учтены)",
    "B": "отгружено товаров собственного производства, добыча полезных ископаемых (12.2.2)",
    "C": "отгружено товаров собственного производства, обрабатывающие производства (12.2.4)",
    "D": "отгружено товаров собственного производства, обеспечение электроэнергией, газом и паром (12.2.6)",
    "E": "отгружено товаров собственного производства, водоснабжение, водоотведение, утилизация отходов (12.2.7)",
    "F": "объём работ по виду деятельности «Строительство» (14.1; итог по России за 2021 г. включает федеральную "
         "корректировку, не распределённую по регионам)",
    "G": "оборот розничной и оптовой торговли (15.1 + 15.9.1; оборот, а не торговая наценка, которая составляет "
         "выпуск раздела G; опт учитывается по месту нахождения продавца)",
}
#: Every indicator the proxies need, and GRP (the share of the sections without a proxy).
PROXY_CODES: tuple[str, ...] = tuple(sorted({c for codes, _ in PROXIES.values() for c in codes} | {"grp"}))
_SCALE_TO_MLN = {"mln RUB": 1.0, "bln RUB": 1e3, "thous. RUB": 1e-3}

StructureSource = Literal["given", "store", "proxies", "national"]


def national_sections(data: NationalIOData, concordance: pd.DataFrame | None = None) -> tuple[IOTable, dict[str, str]]:
    """The :class:`IOTable` of a national table, aggregated with ``concordance`` when given, and sector names.

    Negative intermediate flows (product-technology tables) are set to zero and the assumptions say so.
    """
    agg = aggregate(data, concordance) if concordance is not None else data
    table = agg.to_iotable(negative="zero")
    names = dict(zip(table.labels, agg.names().reindex(table.labels).fillna("").tolist(), strict=True))
    return table, names


# ------------------------------------------------------------------------------------------ regional structure
@dataclass(frozen=True)
class StructureChoice:
    """Where a region's structure came from: activity by section (``None`` = national), the assumptions text
    (``notes``), what was found (``messages``) and what was missing (``warnings``)."""

    activity: pd.Series | None
    source: StructureSource
    notes: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _annual(panel: pd.DataFrame) -> pd.DataFrame:
    return panel[panel["period"].astype(str).str.fullmatch(r"\d{4}")]


def structure_from_panel(panel: pd.DataFrame, region: str, year: int) -> tuple[pd.Series, int] | None:
    """The region's GVA structure by section (``grp_structure_<section>``) in the latest year up to ``year``."""
    sub = _annual(panel[panel["indicator"].astype(str).str.startswith("grp_structure_")
                        & (panel["region"] == region)])
    sub = sub[sub["period"].astype(int) <= year]
    if sub.empty:
        return None
    last = int(sub["period"].astype(int).max())
    latest = sub[sub["period"].astype(int) == last]
    s = latest.set_index(latest["indicator"].astype(str).str.removeprefix("grp_structure_").str.upper())["value"]
    return s.astype(float), last


def _latest_common(values: pd.DataFrame, year: int) -> int | None:
    """Latest year <= ``year`` with a value for both the region and Russia (columns 'region', 'RU')."""
    both = values.dropna()
    both = both[both.index <= year]
    return int(both.index.max()) if len(both) else None


def _by_year(panel: pd.DataFrame, codes: tuple[str, ...], region: str) -> pd.DataFrame:
    """Year × ('region', 'RU') sums of ``codes`` in mln RUB; NaN where a code is missing for a year."""
    sub = _annual(panel[panel["indicator"].isin(codes) & panel["region"].isin([region, "RU"])])
    if sub.empty:
        return pd.DataFrame(columns=["region", "RU"], dtype=float)
    scale = pd.to_numeric(sub["unit"].astype(str).map(_SCALE_TO_MLN), errors="coerce")
    sub = sub.assign(year=sub["period"].astype(int), mln=sub["value"].astype(float) * scale,
                     side=sub["region"].astype(str).map({region: "region", "RU": "RU"}))
    wide = sub.pivot_table(index="year", columns=["side", "indicator"], values="mln", aggfunc="first")
    out = pd.DataFrame(index=wide.index)
    for side in ("region", "RU"):
        out[side] = wide.reindex(columns=[(side, c) for c in codes]).sum(axis=1, min_count=len(codes))
    return out


def _where(panel: pd.DataFrame, codes: tuple[str, ...], region: str, year: int) -> str:
    if "location" not in panel.columns:
        return ""
    rows = panel[panel["indicator"].isin(codes) & (panel["period"].astype(str) == str(year))
                 & panel["region"].isin([region, "RU"])]
    return ", ".join(f"{r.region} {r.location}" for r in rows.itertuples() if r.location)


def proxy_structure(panel: pd.DataFrame, region: str, year: int,
                    national: IOTable) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """The region's output by OKVED2 section from the activity proxies of ``panel`` (see :data:`PROXIES`).

    ``panel`` is a long observation frame holding the proxies and ``grp`` for ``region`` and ``RU``. Returns the
    frame of :func:`~regint.models.inputoutput.regional.structure_from_proxies` and the assumptions text, or
    ``None`` when the GRP share or every proxy is missing.
    """
    grp = _by_year(panel, ("grp",), region)
    grp_year = _latest_common(grp, year)
    if grp_year is None:
        return None
    grp_share = float(grp.loc[grp_year, "region"] / grp.loc[grp_year, "RU"])
    reg, nat, used, used_ru, years = {}, {}, [], [], set()
    for section, (codes, label) in PROXIES.items():
        if section not in national.labels:
            continue
        vals = _by_year(panel, codes, region)
        y = _latest_common(vals, year)
        if y is None or not vals.loc[y, "RU"] > 0:
            continue
        reg[section], nat[section] = float(vals.loc[y, "region"]), float(vals.loc[y, "RU"])
        years.add(str(y))
        used.append(f"{section} {reg[section] / nat[section]:.3%} ({'+'.join(codes)} {y}: {label}; "
                    f"cells {_where(panel, codes, region, y)})")
        used_ru.append(f"{section} {pct(reg[section] / nat[section])} ({'+'.join(codes)} {y}: "
                       f"{PROXIES_RU.get(section, label)}; ячейки {_where(panel, codes, region, y)})")
    if not reg:
        return None
    frame = structure_from_proxies(pd.Series(reg), pd.Series(nat), national.x, grp_share)
    assumed = [s for s in frame.index if not frame.at[s, "measured"]]
    nat_gva = national.gva_coefficients * national.x
    implied = float((frame["region_share"] * nat_gva).sum() / nat_gva.sum())
    where_grp = _where(panel, ('grp',), region, grp_year)
    text = (
        f"{region}: regional structure by OKVED2 section estimated from activity proxies (Rosstat, «Регионы "
        f"России. Социально-экономические показатели. 2022», source rosstat_regions_2022): output of a "
        f"section = the region's share of the Russian total of its proxy × Russian output of the section in the "
        f"{year} table. MEASURED sections, region's share of Russia: " + "; ".join(used) + ".",
        f"{region}: sections measured by a regional proxy: {', '.join(reg)} ({', '.join(sorted(years))}); "
        f"sections WITHOUT a regional proxy — {', '.join(assumed)} — are ASSUMED to have the region's "
        f"share of Russian GRP, {grp_share:.3%} (grp {grp_year}, region / Russian Federation, "
        f"{where_grp or 'store'}), i.e. location quotient 1 against GRP: "
        "these sections carry no regional information.",
        f"{region}: a proxy is gross shipments, output, works or turnover, not value added: the region's share of a "
        "section's output is taken equal to its share of the proxy (the same output-to-proxy ratio as Russia), "
        "and GVA per unit of output is the national one.",
        f"{region}: implied share of Russian GVA (the FLQ size TRE/TNE) = {implied:.3%}, against the GRP "
        f"share {grp_share:.3%}.",
    )
    text_ru = (
        f"{region}: структура региона по разделам ОКВЭД2 оценена по косвенным показателям деятельности (Росстат, "
        "«Регионы России. Социально-экономические показатели. 2022», источник rosstat_regions_2022): выпуск раздела "
        "= доля региона в итоге по России его косвенного показателя × выпуск раздела по России в таблице "
        f"{year} г. ИЗМЕРЕННЫЕ разделы, доля региона в России: " + "; ".join(used_ru) + ".",
        f"{region}: разделы, измеренные региональным показателем: {', '.join(reg)} ({', '.join(sorted(years))}); "
        f"для разделов БЕЗ регионального показателя — {', '.join(assumed)} — ПРИНЯТА доля региона в ВРП России, "
        f"{pct(grp_share)} (grp {grp_year}, регион / Российская Федерация, {where_grp or 'хранилище'}), т. е. "
        "коэффициент локализации 1 относительно ВРП: об этих разделах региональной информации нет.",
        f"{region}: косвенный показатель — это отгрузка, выпуск, объём работ или оборот, а не добавленная "
        "стоимость: доля региона в выпуске раздела принята равной его доле в показателе (то же отношение выпуска "
        "к показателю, что и по России), а ВДС на единицу выпуска — как в среднем по стране.",
        f"{region}: расчётная доля в ВДС России (размер TRE/TNE для FLQ) = {pct(implied)} при доле в ВРП "
        f"{pct(grp_share)}.",
    )
    return frame, tuple(Note(en, ru) for en, ru in zip(text, text_ru, strict=True))


def regional_structure(panel: pd.DataFrame | None, region: str, year: int, national: IOTable, *,
                       structure: pd.Series | None = None) -> StructureChoice:
    """The region's activity by section: ``structure`` if given, else the panel's ``grp_structure_*``, else the
    activity proxies (Russian regions), else ``None`` (national structure). See the module docstring."""
    if structure is not None:
        return StructureChoice(structure.astype(float), "given")
    if panel is None:
        panel = pd.DataFrame(columns=["region", "indicator", "period", "value", "unit"])
    found = structure_from_panel(panel, region, year)
    if found is not None:
        s, y = found
        return StructureChoice(s, "store", messages=(f"Regional GVA structure of {region} from the store, {y}.",))
    warnings = [f"The store has no grp_structure_* figures for {region}."]
    if not region.startswith("RU-"):
        warnings.append(f"{region}: activity proxies are Rosstat tables of Russian regions only.")
    else:
        result = proxy_structure(panel, region, year, national) if len(panel) else None
        if result is not None:
            frame, text = result
            measured = [s for s in frame.index if frame.at[s, "measured"]]
            msg = (f"Regional structure of {region} from activity proxies: measured {', '.join(measured)}; the "
                   "other sections at the region's GRP share.")
            gva = frame["region_share"] * national.gva_coefficients * national.x
            return StructureChoice(gva.rename("gva"), "proxies", notes=text, messages=(msg,))
        warnings.append(f"The store has no activity proxies (shipments_*, agri_output, construction_works, trade "
                        f"turnover) and GRP for {region} and Russia up to {year}. A store filled before these "
                        "indicators shipped keeps its data: delete it (or set REGINT_STORE) to refill.")
    warnings.append(f"{region}: no regional GVA structure (store or --structure) → national structure assumed; the "
                    "assumptions say so.")
    return StructureChoice(None, "national", warnings=tuple(warnings))


def _scaled(activity: pd.Series | None, sections: list[str], base: IOTable, share: float | None) -> pd.Series | None:
    """Activity on the table's sections; shares rescaled to levels with the region's share of national GVA."""
    if activity is None:
        return None
    activity = activity.reindex(sections).fillna(0.0)
    if share is not None:
        nat_gva = base.gva_coefficients * base.x
        activity = activity / activity.sum() * nat_gva.sum() * share
    return activity


# -------------------------------------------------------------------------------------------------- the analysis
@dataclass(frozen=True)
class IOAnalysis:
    """Input-output analysis of a pair: the models, their multipliers, key sectors and an example impact.

    ``regional`` and ``impacts`` are keyed by region code; ``assumptions`` are everything every output must print
    (structure, regionalisation, proxy table, shock), English strings that carry their Russian form
    (:class:`~regint.models.inputoutput.notes.Note`; :meth:`assumptions_in`, :attr:`assumption_pairs`);
    ``messages`` say which regional data were used, ``warnings`` which were missing.
    """

    national: IOTable
    names: dict[str, str]
    pair: PairModel
    national_multipliers: MultiplierResult
    regional: dict[str, MultiplierResult]
    impacts: dict[str, pd.DataFrame]
    sensitivity: pd.DataFrame
    structure: StructureChoice
    shock_sector: str
    shock: float
    year: int
    method: str
    delta: float
    assumptions: tuple[str, ...]
    messages: tuple[str, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def assumption_pairs(self) -> tuple[dict[str, str], ...]:
        """The assumptions as ``{"en": ..., "ru": ...}`` items; ``assumptions`` stays the English strings."""
        return pairs(self.assumptions)

    def assumptions_in(self, lang: str) -> tuple[str, ...]:
        """The assumptions in ``lang`` (``'ru'`` or ``'en'``); a caller's own text is shown as given."""
        return tuple(p[lang] if lang in p else p["en"] for p in self.assumption_pairs)

    @property
    def key_sectors(self) -> dict[str, list[str]]:
        """Key sectors (both linkages above 1) of each region."""
        return {r: list(m.key_sectors) for r, m in self.regional.items()}

    def multiplier_frames(self, national_key: str = "national") -> dict[str, pd.DataFrame]:
        """Multiplier frames: the national table under ``national_key``, then each region."""
        return {national_key: self.national_multipliers.frame} | {r: m.frame for r, m in self.regional.items()}


def pair_io_analysis(
    national_data: NationalIOData,
    panel: pd.DataFrame | None,
    *,
    concordance: pd.DataFrame | None = None,
    region: str = "RU-SMO",
    partner: str = "BY-VI",
    structure: pd.Series | None = None,
    region_share: float | None = None,
    partner_data: NationalIOData | None = None,
    partner_structure: pd.Series | None = None,
    partner_share: float | None = None,
    method: str = "flq",
    delta: float = 0.3,
    shock_sector: str | None = None,
    shock: float = DEFAULT_SHOCK,
) -> IOAnalysis:
    """Regionalise a national table for ``region`` and ``partner``, and compute multipliers and an impact.

    Parameters
    ----------
    national_data : NationalIOData
        The first region's national table (Russia; ``regint.models.inputoutput.shipped_table``).
    panel : DataFrame or None
        Long observation frame (``regint.data.api.load_panel``) with ``grp_structure_*`` or the activity proxies
        (:data:`PROXY_CODES`) of ``region`` and ``RU``; ``None`` = no regional data.
    concordance : DataFrame, optional
        Aggregation of the table's products to sections (``shipped_concordance()`` for the Rosstat 2021 table);
        ``None`` uses the table as it is.
    structure, partner_structure : Series, optional
        Activity by section given by the user (levels, or shares with ``region_share`` / ``partner_share``).
    partner_data : NationalIOData, optional
        The partner's national table (Belarus, by section); the first table stands in when absent.
    method, delta : regionalisation (``'slq'``, ``'cilq'``, ``'flq'``, ``'aflq'``; Flegg's δ).
    shock_sector, shock : the example final-demand shock (default section C, 1000 mln RUB).

    Raises
    ------
    DataError
        If ``shock_sector`` is not a section of the table.
    """
    method = check_option("method", method, ("slq", "cilq", "flq", "aflq"))
    national, names = national_sections(national_data, concordance)
    sections = national.labels
    year = int(national_data.year) if national_data.year is not None else 0
    sector = (shock_sector or DEFAULT_SHOCK_SECTOR).upper()
    if sector not in sections:
        raise DataError(f"shock sector {sector!r} is not a section of the table; sections: {sections}")

    choice = regional_structure(panel, region, year, national, structure=structure)
    warnings = list(choice.warnings)
    if choice.source in ("given", "store") and region_share is None:
        warnings.append(f"{region}: a structure in shares needs the region's share of national GVA for the FLQ size "
                    "term; without it the totals of the two series are compared.")
    first_activity = _scaled(choice.activity, sections, national, region_share)
    partner_national = partner_data.to_iotable() if partner_data is not None else None
    second_activity = _scaled(partner_structure, sections, partner_national or national, partner_share)

    pair = pair_model(national, first_activity, first=region, second=partner, national_second=partner_national,
                      second_activity=second_activity, first_size=region_share, second_size=partner_share,
                      method=method, delta=delta,  # type: ignore[arg-type]
                      proxy_label=Note(f"the Russian {year}", f"российской таблицы {year} г."))
    if shock_sector is None:
        shock_text, shock_ru = SHOCK_REASON.format(sector=sector), SHOCK_REASON_RU.format(sector=sector)
    else:
        shock_text, shock_ru = f"shock sector {sector} (given)", f"шок в разделе {sector} (задан пользователем)"
    assumptions = choice.notes + pair.assumptions + (Note(
        f"Example shock: +{shock:,.0f} mln RUB of final demand; {shock_text}.",
        f"Пример шока: +{num(shock)} млн руб. конечного спроса; {shock_ru}."),)
    regional = {m.region: m.multipliers() for m in (pair.first, pair.second)}
    impacts = {m.region: m.impact({sector: shock}).to_frame() for m in (pair.first, pair.second)}
    return IOAnalysis(
        national=national, names=names, pair=pair, national_multipliers=national.multipliers(), regional=regional,
        impacts=impacts, sensitivity=pair.first.sensitivity(DELTA_GRID), structure=choice, shock_sector=sector,
        shock=float(shock), year=year, method=method, delta=float(delta), assumptions=assumptions,
        messages=choice.messages, warnings=tuple(warnings),
    )

