"""The "institutional and social" dimension of the pair index: its named indicators and how thin they are.

The indicators (one row per indicator and side):

- ``ties_agreements_in_force`` — cross-border co-operation agreements of Smolensk oblast with Belarus in force
  (ties register, latest count);
- ``ties_pair_entries_recent`` — dated entries of the Smolensk–Vitebsk register in the five years to the report
  year (agreements, visits, forums, joint events);
- ``edb_support_eaeu`` — national support for participation in the EAEU (EDB Integration Barometer), a national
  proxy for each side;
- ``survey_political_will``, ``survey_trust`` — officials' mean answers (1–5) per side;
- ``survey_obstacles`` — the mean severity (1–5) of cross-border obstacles named by businesses (else officials).

No value is imputed. The result says whether the dimension is too thin to be aggregated into the composite
index (fewer than three indicators with a value for both sides, or none recent enough).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

INDICATORS: dict[str, str] = {
    "ties_agreements_in_force": "Cross-border co-operation agreements in force (count)",
    "ties_pair_entries_recent": "Dated Smolensk–Vitebsk register entries in the last five years (count)",
    "edb_support_eaeu": "Support for participation in the EAEU, national (% of respondents)",
    "survey_political_will": "Officials: political will and priorities (mean 1–5)",
    "survey_trust": "Officials: trust in the partner's institutions (mean 1–5)",
    "survey_obstacles": "Severity of cross-border obstacles (mean 1–5; higher = worse)",
}
SIDES = ("RU-SMO", "BY-VI")
COUNTRY = {"RU-SMO": "RU", "BY-VI": "BY"}
COLUMNS = ["indicator", "name", "side", "value", "period", "source", "illustrative", "note"]


@dataclass(frozen=True)
class InstitutionalDimension:
    """The dimension's indicators with their values (gaps as ``NaN``) and the verdict on their coverage."""

    table: pd.DataFrame
    report_year: int
    thin: bool
    reason: str

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def summary(self) -> str:
        lines = [f"Institutional and social dimension ({len(INDICATORS)} indicators named; report year "
                 f"{self.report_year}):"]
        for _, r in self.table.iterrows():
            val = "gap" if pd.isna(r["value"]) else f"{r['value']:g} ({r['period']})"
            lines.append(f"  {r['indicator']:<26} {r['side']:<7} {val}" + (" ILLUSTRATIVE" if r["illustrative"]
                                                                            else ""))
        verdict = "too thin to enter the composite index: " if self.thin else "usable: "
        return "\n".join(lines + [verdict + self.reason])


def _row(indicator: str, side: str, value: float, period: str = "", source: str = "", note: str = "",
         illustrative: bool = False) -> dict:
    return {"indicator": indicator, "name": INDICATORS[indicator], "side": side, "value": value, "period": period,
            "source": source, "illustrative": illustrative, "note": note}


def _latest(obs: pd.DataFrame, indicator: str, region: str) -> tuple[float, str]:
    sel = obs[(obs["indicator"] == indicator) & (obs["region"] == region)]
    if sel.empty:
        return float("nan"), ""
    last = sel.sort_values("period").iloc[-1]
    return float(last["value"]), str(last["period"])


def institutional_dimension(facts: pd.DataFrame, register: pd.DataFrame, report_year: int,
                            survey_means: Mapping[str, Mapping[str, float]] | None = None,
                            illustrative_survey: bool = False, recent_years: int = 5) -> InstitutionalDimension:
    """The dimension's indicators from the shipped facts, the ties register and (optionally) survey means.

    Parameters
    ----------
    facts : DataFrame
        Observations holding ``press_tie_agreements_in_force`` and ``press_edb_support_eaeu``.
    register : DataFrame
        :attr:`regint.data.ties.TiesRegister.entries`.
    report_year : int
    survey_means : mapping indicator → {side: mean}, optional
        ``survey_political_will``, ``survey_trust``, ``survey_obstacles`` from the aggregated surveys.
    illustrative_survey : bool
        The survey answers are synthetic: their rows are marked and do not count towards coverage.
    """
    rows = []
    value, period = _latest(facts, "press_tie_agreements_in_force", "RU-SMO")
    rows.append(_row("ties_agreements_in_force", "RU-SMO", value, period, "ties_register",
                     "reported by the Smolensk side; no Vitebsk count found"))
    rows.append(_row("ties_agreements_in_force", "BY-VI", float("nan"), note="not found"))
    recent = register[(register["scope"] == "pair")
                      & (register["period"].str[:4].astype(int) > report_year - recent_years)] \
        if len(register) else register
    for side in SIDES:
        n = float((recent["region"] == side).sum()) if len(recent) else float("nan")
        rows.append(_row("ties_pair_entries_recent", side, n, f"{report_year - recent_years + 1}–{report_year}",
                         "ties_register", "entries recorded by this side's sources; a register of what was found"))
    for side in SIDES:
        value, period = _latest(facts, "press_edb_support_eaeu", COUNTRY[side])
        rows.append(_row("edb_support_eaeu", side, value, period, "edb_barometer", "national figure as a proxy"))
    for ind in ("survey_political_will", "survey_trust", "survey_obstacles"):
        means = (survey_means or {}).get(ind, {})
        for side in SIDES:
            rows.append(_row(ind, side, float(means.get(side, float("nan"))), str(report_year) if side in means
                             else "", "survey" if side in means else "", "" if side in means else
                             "no survey loaded", illustrative_survey and side in means))
    table = pd.DataFrame(rows, columns=COLUMNS)
    counted = table[~table["illustrative"] & table["value"].notna()]
    both = [i for i, g in counted.groupby("indicator") if set(g["side"]) == set(SIDES)]
    periods = counted["period"].astype(str).str[:4]
    fresh = periods[periods.str.fullmatch(r"\d{4}")].astype(int)
    newest = int(fresh.max()) if len(fresh) else None
    thin = len(both) < 3 or newest is None or newest < report_year - 3
    reason = (f"{len(both)} of {len(INDICATORS)} indicators have a value for both sides ({', '.join(both) or 'none'})"
              f"; newest value {newest if newest is not None else 'none'}"
              + ("; survey answers are illustrative and not counted" if illustrative_survey else ""))
    return InstitutionalDimension(table, report_year, thin, reason)


__all__ = ["INDICATORS", "InstitutionalDimension", "institutional_dimension"]
