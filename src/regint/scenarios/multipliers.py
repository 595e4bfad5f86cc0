"""The output and GVA multipliers of the scenario chain, from an input-output analysis of the pair.

The chain turns a change of the pair's trade into output and GVA of each side through a type-I multiplier per
side (``mult_output_ru``, ``mult_gva_ru``, ``mult_output_by``, ``mult_gva_by``). :func:`multiplier_parameters`
makes them :class:`~regint.scenarios.parameters.Parameter` objects from a
:class:`~regint.models.inputoutput.pipeline.IOAnalysis` (computed by the CLI, report or dashboard from the shipped
table and the store): central value at Flegg's δ = 0.3, range from the δ sensitivity (δ = 0.4 gives the low,
δ = 0.1 the high multiplier), sector multipliers weighted by the sector shares of the trade change. The values of
``data/parameters.toml`` are the fallback when the analysis cannot be made (:func:`fallback_multipliers`), and
their source then says why.

The first region of the pair is the Russian side (``_ru``), the partner the Belarusian side (``_by``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from regint.scenarios._errors import ScenarioError
from regint.scenarios.chain import aggregate_multiplier
from regint.scenarios.parameters import Parameter

if TYPE_CHECKING:
    from regint.models.inputoutput.pair import RegionalModel
    from regint.models.inputoutput.pipeline import IOAnalysis

__all__ = ["DEFAULT_SECTOR", "DEFAULT_SECTOR_ASSUMPTION", "DELTA_CENTRAL", "DELTA_HIGH", "DELTA_LOW",
           "MULTIPLIER_KEYS", "Side", "fallback_multipliers", "multiplier_parameters", "side_parameters"]

Side = Literal["ru", "by"]
#: Flegg's δ of the central value and of the ends of the range (Flegg and Tohmo 2013 find 0.1–0.4 plausible;
#: a larger δ cuts local purchases more, so δ = 0.4 gives the smallest multiplier).
DELTA_CENTRAL, DELTA_LOW, DELTA_HIGH = 0.3, 0.4, 0.1
#: Section receiving the trade change when the sector shares of the pair's trade are not given.
DEFAULT_SECTOR = "C"
DEFAULT_SECTOR_ASSUMPTION = (
    "ASSUMPTION: the whole trade change falls on OKVED2 section C (manufacturing), the bulk of Smolensk–Belarus "
    "goods trade; the pair's trade by product is not in the data")
#: The parameters this module computes: (side, measure) → name.
MULTIPLIER_KEYS: dict[tuple[str, str], str] = {
    ("ru", "output"): "mult_output_ru", ("ru", "gva"): "mult_gva_ru",
    ("by", "output"): "mult_output_by", ("by", "gva"): "mult_gva_by",
}
_UNITS = {"output": "output per unit of final demand", "gva": "GVA per unit of final demand"}
_MEASURES = {"output": "type-I output multiplier", "gva": "type-I GVA multiplier (GVA per unit of final demand)"}
_STRUCTURES = {
    "proxies": "regional structure from Rosstat activity proxies («Регионы России» 2022: shipments B–E, agricultural "
               "output A, construction F, trade turnover G; other sections at the region's share of Russian GRP)",
    "store": "regional GVA structure by section (grp_structure_*) from the store",
    "given": "regional structure given by the user",
    "national": "NATIONAL structure assumed (no regional structure in the data)",
}


def _shares(sector_shares: pd.Series | None, sections: list[str]) -> tuple[pd.Series, str]:
    """Shares on the table's sections (normalised) and the text saying where they come from."""
    if sector_shares is None:
        return pd.Series({DEFAULT_SECTOR: 1.0}), DEFAULT_SECTOR_ASSUMPTION
    s = pd.Series(sector_shares, dtype=float).dropna()
    s.index = s.index.astype(str).str.upper()
    unknown = sorted(set(s.index) - set(sections))
    if unknown:
        raise ScenarioError(f"sector shares name sections {unknown} that the input-output table lacks",
                            fix=f"use OKVED2 sections of the table: {sections}")
    if (s < 0).any() or not s.sum() > 0:
        raise ScenarioError("sector shares must be non-negative with a positive sum; got "
                            f"{s.round(4).to_dict()}")
    s = s[s > 0] / s.sum()
    text = "sectors weighted by the given shares of bilateral trade: " + ", ".join(
        f"{k} {v:.1%}" for k, v in s.sort_values(ascending=False).items())
    return s, text


def _model(ia: IOAnalysis, side: Side) -> RegionalModel:
    return ia.pair.first if side == "ru" else ia.pair.second


def _sensitivity(ia: IOAnalysis, side: Side, wanted: tuple[float, ...]) -> pd.DataFrame:
    """Multipliers by sector at the δ ``wanted``: the analysis's own run for the first region when it has
    them, else the model's :meth:`~regint.models.inputoutput.pair.RegionalModel.sensitivity`."""
    sens = ia.sensitivity if side == "ru" else pd.DataFrame()
    if sens.empty or not all(np.isclose(sens["delta"].astype(float), d).any() for d in wanted):
        sens = _model(ia, side).sensitivity(wanted)
    if sens.empty:
        reason = sens.attrs.get("reason", "no δ sensitivity")
        raise ScenarioError(f"{_model(ia, side).region}: {reason}; the region's size TRE/TNE is needed for the FLQ",
                            fix="give the region's share of its national economy (the store or the caller)")
    return sens


def _at(sens: pd.DataFrame, delta: float, measure: str, shares: pd.Series, region: str) -> float:
    rows = sens[np.isclose(sens["delta"].astype(float), delta)].set_index("sector")
    m = rows[measure].reindex(shares.index).astype(float)
    if m.isna().any():
        raise ScenarioError(f"{region}: no {measure} multiplier at δ = {delta:g} for sections "
                            f"{list(m.index[m.isna()])}")
    return aggregate_multiplier(m.to_numpy(), shares.to_numpy())


def _table_text(ia: IOAnalysis) -> str:
    tables = [str(a) for a in ia.national.assumptions if "input-output table" in str(a)]
    return tables[0].rstrip(".") if tables else f"national input-output table {ia.year}"


def _structure_text(ia: IOAnalysis, side: Side) -> str:
    model = _model(ia, side)
    if side == "ru":
        text = _STRUCTURES.get(ia.structure.source, ia.structure.source)
    else:
        text = _STRUCTURES["given" if model.regional_activity is not None else "national"]
        if model.national is ia.pair.first.national:
            text = (f"the Russian {ia.year} table as a proxy of Belarusian technology (no Belarusian table in the "
                    f"data); {text}")
    size = model.regionalisation.size if model.regionalisation is not None else None
    return text + (f"; size TRE/TNE = {size:.3%}" if size is not None else "")


def side_parameters(ia: IOAnalysis, side: Side, sector_shares: pd.Series | None = None, note: str = "",
                    deltas: tuple[float, float, float] = (DELTA_LOW, DELTA_CENTRAL, DELTA_HIGH)
                    ) -> dict[str, Parameter]:
    """``mult_output_<side>`` and ``mult_gva_<side>`` from the analysis (see :func:`multiplier_parameters`).

    ``deltas`` are Flegg's δ of the low, central and high multiplier (``Settings.io_deltas``).

    Raises
    ------
    ScenarioError
        When the side's model has no δ sensitivity (not regionalised with FLQ: its size is unknown), a
        multiplier is missing, or the shares name sections the table lacks.
    """
    if side not in ("ru", "by"):
        raise ScenarioError(f"side must be one of ['ru', 'by']; got {side!r}")
    region = _model(ia, side).region
    shares, share_text = _shares(sector_shares, list(ia.national.labels))
    d_low, d_central, d_high = (float(d) for d in deltas)
    sens = _sensitivity(ia, side, (d_high, d_central, d_low))
    out: dict[str, Parameter] = {}
    for measure in ("output", "gva"):
        central, low_d, high_d = (_at(sens, d, measure, shares, region) for d in (d_central, d_low, d_high))
        name = MULTIPLIER_KEYS[(side, measure)]
        source = (
            f"regint.models.inputoutput, computed at run time: {_table_text(ia)}; {_MEASURES[measure]} of {region} "
            f"regionalised by FLQ with δ = {d_central:g} (central), {d_low:g} (low), {d_high:g} "
            f"(high) (Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case "
            f"study of Finland. Regional Studies 47(5): 703–721); {_structure_text(ia, side)}"
            f"{'; ' + note if note else ''}; {share_text}. Multipliers: Miller, R. E. and Blair, P. D. (2009). "
            "Input-Output Analysis, 2nd ed., ch. 6.")
        out[name] = Parameter(name, min(low_d, central, high_d), central, max(low_d, central, high_d), "pert",
                              source, "estimate", _UNITS[measure])
    return out


def multiplier_parameters(ia: IOAnalysis, sector_shares: pd.Series | None = None,
                          notes: Mapping[str, str] | None = None) -> dict[str, Parameter]:
    """The four multiplier parameters of the chain from an input-output analysis of the pair.

    For each side and measure (output, GVA) the aggregate type-I multiplier of a final-demand change spread over
    sections by ``s`` is

    .. math::
        \\bar m(\\delta) = \\sum_j s_j\\, m_j(\\delta), \\qquad m_j(\\delta) = \\mathbf{1}'(I - A^r(\\delta))^{-1} e_j,

    with :math:`A^r(\\delta)` the FLQ-regionalised coefficients: central :math:`\\bar m(0.3)`, low
    :math:`\\bar m(0.4)`, high :math:`\\bar m(0.1)` (ordered so that low ≤ central ≤ high), PERT distribution.

    Parameters
    ----------
    ia : IOAnalysis
        From :func:`regint.models.inputoutput.pipeline.pair_io_analysis` with ``method='flq'``; the first region is
        the ``_ru`` side, the partner the ``_by`` side. A side without a size TRE/TNE (not regionalised) raises.
    sector_shares : Series, optional
        Shares of the bilateral trade change by OKVED2 section (normalised); default: all in section C
        (:data:`DEFAULT_SECTOR_ASSUMPTION`).
    notes : mapping side → str, optional
        Extra provenance per side for the source text (e.g. where the partner's size came from).

    Returns
    -------
    dict of str to Parameter
        ``mult_output_ru``, ``mult_gva_ru``, ``mult_output_by``, ``mult_gva_by``; status ``estimate``.

    References
    ----------
    Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case study of Finland.
    *Regional Studies* 47(5): 703–721. Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations
    and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (multipliers) and sect. 8.3 (location quotients).
    """
    notes = notes or {}
    side: Side
    out: dict[str, Parameter] = {}
    for side in ("ru", "by"):
        out |= side_parameters(ia, side, sector_shares, notes.get(side, ""))
    return out


def fallback_multipliers(params: Mapping[str, Parameter], reason: str, sides: tuple[str, ...] = ("ru", "by")
                         ) -> dict[str, Parameter]:
    """The multiplier parameters of ``params`` (the shipped ``parameters.toml``) for ``sides``, their source
    prefixed with why the input-output computation was not used."""
    names = [n for (s, _), n in MULTIPLIER_KEYS.items() if s in sides]
    missing = [n for n in names if n not in params]
    if missing:
        raise ScenarioError(f"the fallback parameters lack {missing}", fix="restore them in parameters.toml")
    return {n: replace(params[n], source=f"FALLBACK, typed values (input-output computation not used: {reason}). "
                                         f"{params[n].source}") for n in names}
