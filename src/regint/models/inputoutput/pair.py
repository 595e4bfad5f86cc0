"""Regional models from a national table, and the two-region pair (a Russian and a Belarusian region).

The regional table keeps the national technology and cuts local purchases with location quotients
(:func:`regint.models.inputoutput.regional.regionalise`). Regional output is estimated as national output
times the region's share of national activity in each sector, :math:`x^r_j = x^n_j \\cdot RE_j / NE_j`, so
that the Ghosh model and forward linkages exist for the region too. Every result prints its assumptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regint.errors import DataError, ModelError
from regint.models.inputoutput.notes import Note, basis_ru
from regint.models.inputoutput.notes import text as note_text
from regint.models.inputoutput.regional import (
    DELTA_GRID,
    LQMethod,
    Regionalisation,
    flegg_lambda,
    regionalise,
)
from regint.models.inputoutput.results import ImpactResult, MultiplierResult, format_assumptions
from regint.models.inputoutput.table import Closure, IOTable

__all__ = ["PairModel", "RegionalModel", "pair_model", "regional_model"]


@dataclass(frozen=True)
class RegionalModel:
    """A regional input-output model with the assumptions that produced it."""

    region: str
    table: IOTable
    regionalisation: Regionalisation | None
    assumptions: tuple[str, ...]
    national: IOTable = field(repr=False)
    regional_activity: pd.Series | None = field(default=None, repr=False)
    national_activity: pd.Series | None = field(default=None, repr=False)
    method: str = "flq"
    size: float | None = None

    def multipliers(self) -> MultiplierResult:
        return self.table.multipliers()

    def impact(self, delta_final_demand: pd.Series | np.ndarray | dict[str, float],
               closure: Closure = "open") -> ImpactResult:
        return self.table.impact(delta_final_demand, closure=closure)

    def sensitivity(self, deltas: Sequence[float] = DELTA_GRID) -> pd.DataFrame:
        """Output and GVA multipliers and linkages for each Flegg δ: long frame (sector, delta, ...).

        Empty (with ``attrs['reason']``) when the model was not regionalised with FLQ/AFLQ.
        """
        if self.regionalisation is None or self.regionalisation.delta is None:
            out = pd.DataFrame(columns=["sector", "delta", "output", "gva", "backward", "forward", "key_sector"])
            out.attrs["reason"] = "no δ sensitivity: the model was not regionalised with FLQ/AFLQ"
            return out
        frames = []
        for d in deltas:
            m = regional_model(self.national, self.regional_activity, self.national_activity,
                               region=self.region, method=self.method, delta=d, size=self.size)  # type: ignore[arg-type]
            f = m.multipliers().frame[["output", "gva", "backward", "forward", "key_sector"]].copy()
            f.insert(0, "delta", d)
            frames.append(f.rename_axis("sector").reset_index())
        out = pd.concat(frames, ignore_index=True)
        out.attrs["assumptions"] = list(self.assumptions)
        return out

    def summary(self) -> str:
        return f"Regional input-output model of {self.region}\n" + self.multipliers().summary()


def _coefficient(table: IOTable, name: str) -> np.ndarray | None:
    s = getattr(table, name)
    return None if s is None else s.to_numpy(dtype=float)


def regional_model(
    national: IOTable,
    regional_activity: pd.Series | None,
    national_activity: pd.Series | None = None,
    *,
    region: str,
    method: LQMethod = "flq",
    delta: float = 0.3,
    size: float | None = None,
    basis: str = "GVA",
    extra_assumptions: Sequence[str] = (),
) -> RegionalModel:
    """Regionalise a national table for one region.

    Parameters
    ----------
    national : IOTable
        National table with flows (preferably domestic flows).
    regional_activity : Series or None
        Regional GVA (or employment) by sector of ``national``; levels, or shares with ``size``.
        ``None`` when the region's structure is unknown: the national structure is assumed (every SLQ = 1),
        which the assumptions say.
    national_activity : Series, optional
        National activity by sector; the table's value added by default.
    region : str
        Name or code printed in the assumptions (``"RU-SMO"``).
    method, delta : see :func:`~regint.models.inputoutput.regional.regionalise`.
    size : float, optional
        Region's share of the nation, TRE/TNE. Without it and without regional levels, coefficients stay
        national (no size adjustment) and the assumptions say so.
    basis : str
        What the activity measures, for the text.
    extra_assumptions : sequence of str
        Prepended to the assumptions (e.g. that the national table is a proxy).

    Returns
    -------
    RegionalModel
    """
    nat_act = national_activity
    if nat_act is None:
        if national.gva_coefficients is None:
            raise DataError("The national table has no value added; pass national_activity=.")
        nat_act = national.gva_coefficients * national.x
    assumptions = list(extra_assumptions)
    reg_act = regional_activity
    if reg_act is None:
        assumptions.append(Note(
            f"{region}: regional {basis} structure by activity not available → the national structure is "
            "assumed (every location quotient SLQ = 1).",
            f"{region}: нет структуры {basis_ru(basis)} региона по видам деятельности → принята структура "
            "страны (все коэффициенты локализации SLQ = 1)."
        ))
        if size is None:
            assumptions.append(Note(
                f"{region}: the region's share of the national economy is not available → national "
                "coefficients are used without a size adjustment (an upper bound of regional multipliers).",
                f"{region}: нет доли региона в экономике страны → национальные коэффициенты используются без "
                "поправки на размер региона (верхняя оценка региональных мультипликаторов)."
            ))
            reg = None
        else:
            reg_act = nat_act * size
    if reg_act is not None:
        reg = regionalise(national.A, reg_act, nat_act, method=method, delta=delta, size=size, basis=basis,
                          region=region)
        assumptions.extend(reg.assumptions)
        share = reg.size * reg.slq.fillna(0.0).to_numpy()
        R = reg.A.to_numpy()
        if method in ("flq", "aflq"):
            hh_lq = np.minimum(reg.slq.fillna(0.0).to_numpy() * flegg_lambda(reg.size, delta), 1.0)
        else:
            hh_lq = np.minimum(reg.slq.fillna(0.0).to_numpy(), 1.0)
        assumptions.append(Note(
            f"{region}: output by sector = national output × the region's share of national {basis} in "
            "the sector; GVA, compensation and jobs per unit of output as in the nation.",
            f"{region}: выпуск отрасли = выпуск страны × доля региона в {basis_ru(basis)} страны по отрасли; "
            "ВДС, оплата труда и рабочие места на единицу выпуска — как в среднем по стране."
        ))
    else:
        share = np.ones(national.n)
        R = national.A.to_numpy()
        hh_lq = np.ones(national.n)
    table = _regional_table(national, R, share, hh_lq, assumptions)
    if table.consumption_coefficients is not None:
        assumptions.append(Note(
            f"{region}: households spend like the nation's; local purchases cut by the same "
            "location quotients (type II).",
            f"{region}: домохозяйства тратят доходы так же, как в среднем по стране; местные закупки урезаны теми "
            "же коэффициентами локализации (тип II)."))
        table.assumptions = tuple(national.assumptions) + tuple(assumptions)
    return RegionalModel(region=region, table=table, regionalisation=reg if reg_act is not None else None,
                         assumptions=table.assumptions, national=national, regional_activity=regional_activity,
                         national_activity=national_activity, method=method, size=size)


def _regional_table(national: IOTable, R: np.ndarray, share: np.ndarray, hh_lq: np.ndarray,
                    assumptions: list[str]) -> IOTable:
    x_r = national.x.to_numpy(dtype=float) * share
    labels = national.labels
    Z_r = pd.DataFrame(R * x_r[None, :], index=labels, columns=labels)

    def scaled(name: str) -> np.ndarray | None:
        c = _coefficient(national, name)
        return None if c is None else c * x_r

    comp = scaled("labour_coefficients")
    hc = _coefficient(national, "consumption_coefficients")
    household = income = None
    if comp is not None and hc is not None and comp.sum() > 0:
        income = float(comp.sum())
        household = hc * hh_lq * income
    return IOTable(Z_r, x_r, value_added=scaled("gva_coefficients"), employment=scaled("employment_coefficients"),
                   labels=labels, compensation=comp, household=household, household_income=income,
                   assumptions=tuple(national.assumptions) + tuple(assumptions), unit=national.unit)


@dataclass(frozen=True)
class PairModel:
    """Two regional models side by side (e.g. Smolensk and Vitebsk), not linked by interregional trade."""

    first: RegionalModel
    second: RegionalModel
    assumptions: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """Multipliers and linkages of both regions (columns: region, measure)."""
        out = pd.concat({self.first.region: self.first.multipliers().frame,
                         self.second.region: self.second.multipliers().frame}, axis=1)
        out.attrs["assumptions"] = list(self.assumptions)
        return out

    def summary(self) -> str:
        cols = ["output", "gva", "backward", "forward"]
        f = self.to_frame()
        shown = pd.concat({r: f[r][cols] for r in (self.first.region, self.second.region)}, axis=1).round(3)
        return "\n".join([
            f"Input-output multipliers of the pair {self.first.region} – {self.second.region}",
            shown.to_string(),
            format_assumptions(self.assumptions),
        ])


def pair_model(
    national_first: IOTable,
    first_activity: pd.Series | None,
    *,
    first: str = "RU-SMO",
    second: str = "BY-VI",
    national_second: IOTable | None = None,
    second_activity: pd.Series | None = None,
    first_size: float | None = None,
    second_size: float | None = None,
    method: LQMethod = "flq",
    delta: float = 0.3,
    proxy_label: str = Note("the Russian", "российской таблицы"),
) -> PairModel:
    """The pair: the first region from its national table, the second from its own table or a proxy.

    Parameters
    ----------
    national_first : IOTable
        National table of the first region's country (Russia).
    first_activity : Series or None
        First region's GVA by sector (levels or shares with ``first_size``).
    national_second : IOTable, optional
        National table of the second region's country (a Belarusian table in the generic format). When
        absent, ``national_first`` stands in for it and every output says so.
    second_activity : Series, optional
        Second region's activity by sector; national structure assumed when absent.
    first_size, second_size : float, optional
        Each region's share of its nation.
    method, delta : regionalisation options.
    proxy_label : str
        How the proxy table is named in the text (``"the Russian 2021"``); a
        :class:`~regint.models.inputoutput.notes.Note` carries its Russian form (genitive: «российской таблицы
        2021 г.»).

    Returns
    -------
    PairModel
    """
    m1 = regional_model(national_first, first_activity, region=first, method=method, delta=delta, size=first_size)
    extra: list[str] = []
    nat2 = national_second
    if nat2 is None:
        nat2 = national_first
        extra.append(Note(
            f"{second}: no Belarusian input-output table given → {proxy_label} technical coefficients are "
            f"used as a proxy for {second}'s national technology (pass a Belarusian table in the generic "
            "format to replace it).",
            f"{second}: белорусской таблицы «затраты – выпуск» нет → вместо национальной технологии {second} "
            f"использованы технические коэффициенты {note_text(proxy_label, 'ru')} (чтобы заменить их, "
            "передайте белорусскую таблицу в общем формате)."
        ))
    elif nat2.labels != national_first.labels:
        raise ModelError(
            f"The two national tables have different sectors ({len(nat2.labels)} vs {len(national_first.labels)}); "
            "aggregate both to the same sectors with a concordance first."
        )
    m2 = regional_model(nat2, second_activity, region=second, method=method, delta=delta, size=second_size,
                        extra_assumptions=extra)
    pair_text = Note("The two regional models are not linked: interregional trade by product is not available.",
                     "Две региональные модели не связаны между собой: нет данных о межрегиональной торговле по "
                     "продуктам.")
    assumptions = tuple(dict.fromkeys(m1.assumptions + m2.assumptions + (pair_text,)))
    return PairModel(first=m1, second=m2, assumptions=assumptions)
