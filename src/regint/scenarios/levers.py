"""The catalogue of integration levers: what each measure does, how much, by when, at what cost, after what.

The shipped catalogue is ``regint/scenarios/data/levers.csv`` (ru/en). Every row is validated with pydantic;
an error names the file, the row (as a spreadsheet shows it) and the field, and says how to fix it.

Effects by mechanism (the unit column says which):

* ``trade_cost`` — cut of the bilateral trade cost, % ad valorem equivalent;
* ``investment`` — investment spent in the regions, mln RUB per year while the lever is active;
* ``productivity`` — level of GRP, % (applied to the sides named in ``side``);
* ``labour`` — share of the wage gap closed by mobility, %.

Costs are budget costs in mln RUB: ``total`` is spent evenly over the ``lag_years`` of implementation,
``per_year`` every year from the start. ``ru_share`` is the share of cost (and of investment) on the Russian side.

The catalogue is also the **register of measures**: ``status`` says whether a measure is ``in_force`` (with the
act and its date), ``agreed`` (adopted but not implemented for the pair) or ``proposed``; ``status_source`` gives
the address and the verbatim sentence (or ``ASSUMPTION``). A measure in force is part of the baseline: its
effect is in the observed base-year levels, so a scenario cannot start it and the fastest path never chooses it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from regint._paths import package_data
from regint.scenarios._errors import ScenarioError
from regint.scenarios.parameters import Parameter

__all__ = ["MECHANISMS", "REGISTER_COLUMNS", "STATUSES", "Lever", "LeverCatalogue", "load_levers", "levers_from_frame"]

Mechanism = Literal["trade_cost", "investment", "productivity", "labour"]
MECHANISMS: tuple[str, ...] = ("trade_cost", "investment", "productivity", "labour")
UNITS = {"trade_cost": "% ad valorem", "investment": "mln RUB per year", "productivity": "% of GRP",
         "labour": "% of wage gap closed"}
COLUMNS = ("id", "name_en", "name_ru", "description_en", "description_ru", "mechanism", "side", "ru_share",
           "effect_low", "effect_central", "effect_high", "effect_unit", "effect_status", "effect_source",
           "cost_low", "cost_central", "cost_high", "cost_basis", "cost_status", "cost_source", "lag_years",
           "prerequisites")
#: Register columns (optional in a user's catalogue: a lever without them is ``proposed``).
REGISTER_COLUMNS = ("status", "act", "act_date", "status_source", "act_ru")
MeasureStatus = Literal["in_force", "agreed", "proposed"]
STATUSES: tuple[str, ...] = ("in_force", "agreed", "proposed")


class _LeverRow(BaseModel):
    """One row of the catalogue as written in the file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_en: str = Field(min_length=1)
    name_ru: str = Field(min_length=1)
    description_en: str = Field(min_length=1)
    description_ru: str = Field(min_length=1)
    mechanism: Mechanism
    side: Literal["both", "ru", "by"]
    ru_share: float = Field(ge=0.0, le=1.0)
    effect_low: float = Field(ge=0.0)
    effect_central: float = Field(ge=0.0)
    effect_high: float = Field(ge=0.0)
    effect_unit: str
    effect_status: Literal["cited", "derived", "assumption"]
    effect_source: str = Field(min_length=10)
    cost_low: float = Field(ge=0.0)
    cost_central: float = Field(ge=0.0)
    cost_high: float = Field(ge=0.0)
    cost_basis: Literal["total", "per_year"]
    cost_status: Literal["cited", "derived", "assumption"]
    cost_source: str = Field(min_length=10)
    lag_years: int = Field(ge=1, le=15)
    prerequisites: tuple[str, ...] = ()
    status: MeasureStatus = "proposed"
    act: str = ""
    act_date: str = Field(default="", pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    status_source: str = ""
    act_ru: str = ""

    @field_validator("act", "act_date", "status_source", "act_ru", mode="before")
    @classmethod
    def _blank(cls, v: object) -> object:
        return "" if v is None or (isinstance(v, float) and np.isnan(v)) else v

    @field_validator("prerequisites", mode="before")
    @classmethod
    def _split(cls, v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ()
        if isinstance(v, str):
            return tuple(p.strip() for p in v.split(";") if p.strip())
        return v

    @model_validator(mode="after")
    def _consistent(self) -> _LeverRow:
        if not self.effect_low <= self.effect_central <= self.effect_high:
            raise ValueError("effect_low <= effect_central <= effect_high does not hold")
        if not self.cost_low <= self.cost_central <= self.cost_high:
            raise ValueError("cost_low <= cost_central <= cost_high does not hold")
        if self.effect_unit != UNITS[self.mechanism]:
            raise ValueError(f"effect_unit must be {UNITS[self.mechanism]!r} for mechanism {self.mechanism!r}")
        if self.mechanism in ("trade_cost", "labour") and self.effect_high >= 100:
            raise ValueError("a cut of 100% or more is impossible (effect_high must be below 100)")
        if self.effect_status == "assumption" and "ASSUMPTION" not in self.effect_source.upper():
            raise ValueError("effect_status is 'assumption' but effect_source does not say ASSUMPTION")
        if self.id in self.prerequisites:
            raise ValueError("a lever cannot be its own prerequisite")
        if self.status in ("in_force", "agreed") and (len(self.act) < 10 or len(self.status_source) < 10):
            raise ValueError(f"a measure {self.status!r} needs its act (act) and the source saying so (status_source)")
        return self


@dataclass(frozen=True)
class Lever:
    """One integration measure; effect and cost are :class:`Parameter` objects with their sources."""

    id: str
    name_en: str
    name_ru: str
    description_en: str
    description_ru: str
    mechanism: str
    side: str
    ru_share: float
    effect: Parameter
    cost: Parameter
    cost_basis: str
    lag: int
    prerequisites: tuple[str, ...]
    status: str = "proposed"
    act: str = ""
    act_date: str = ""
    status_source: str = ""
    act_ru: str = ""

    @property
    def in_force(self) -> bool:
        """Whether the measure is already in force (part of the baseline; never proposed)."""
        return self.status == "in_force"

    @property
    def weights(self) -> tuple[float, float]:
        """Weights of the effect on the Russian and the Belarusian side.

        Productivity applies in full to each side named; investment is split by ``ru_share``.
        """
        if self.side == "ru":
            return 1.0, 0.0
        if self.side == "by":
            return 0.0, 1.0
        if self.mechanism == "investment":
            return self.ru_share, 1.0 - self.ru_share
        return 1.0, 1.0

    def name(self, lang: str = "en") -> str:
        return self.name_ru if lang == "ru" else self.name_en


@dataclass(frozen=True)
class LeverCatalogue:
    """An ordered, validated set of levers (prerequisites known and acyclic)."""

    levers: tuple[Lever, ...]
    source: str = "levers.csv"

    def __post_init__(self) -> None:
        ids = [lv.id for lv in self.levers]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ScenarioError(f"duplicate lever ids {dup}", path=self.source, fix="give every lever its own id")
        for lv in self.levers:
            unknown = [p for p in lv.prerequisites if p not in ids]
            if unknown:
                raise ScenarioError(f"lever {lv.id!r}: unknown prerequisites {unknown}", path=self.source,
                                    key=f"row {ids.index(lv.id) + 2}, field prerequisites",
                                    fix=f"use ids of the catalogue: {ids}")
        self.topological_order()  # raises on cycles
        for lv in self.levers:
            forced = [p for p in lv.prerequisites if self[p].in_force]
            if forced:
                raise ScenarioError(f"lever {lv.id!r}: prerequisites {forced} are in force, hence already met",
                                    path=self.source, fix="remove them from the prerequisites")

    def __iter__(self) -> Iterator[Lever]:
        return iter(self.levers)

    def __len__(self) -> int:
        return len(self.levers)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levers)

    def __getitem__(self, lever_id: str) -> Lever:
        for lv in self.levers:
            if lv.id == lever_id:
                return lv
        raise ScenarioError(f"no lever {lever_id!r} in the catalogue", path=self.source,
                            fix=f"use one of {list(self.ids)}")

    def index(self, lever_id: str) -> int:
        return self.ids.index(lever_id)

    def subset(self, ids: Sequence[str]) -> LeverCatalogue:
        """The catalogue restricted to ``ids`` (prerequisites outside it are dropped)."""
        keep = set(ids)
        levers = tuple(
            Lever(**{**lv.__dict__, "prerequisites": tuple(p for p in lv.prerequisites if p in keep)})
            for lv in self.levers if lv.id in keep
        )
        return LeverCatalogue(levers, source=self.source)

    def proposable(self) -> LeverCatalogue:
        """The measures that can be proposed (agreed or proposed; those in force are part of the baseline)."""
        return self.subset([lv.id for lv in self.levers if not lv.in_force])

    @property
    def in_force_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levers if lv.in_force)

    def register(self) -> pd.DataFrame:
        """The register of measures: id, names, status, act, date of the act, source of the status."""
        return pd.DataFrame([{"id": lv.id, "name_en": lv.name_en, "name_ru": lv.name_ru, "status": lv.status,
                              "act": lv.act, "act_ru": lv.act_ru or lv.act, "act_date": lv.act_date,
                              "status_source": lv.status_source, "mechanism": lv.mechanism}
                             for lv in self.levers],
                            columns=["id", "name_en", "name_ru", "status", "act", "act_ru", "act_date", "status_source",
                                     "mechanism"])

    def topological_order(self) -> list[str]:
        """Lever ids with every prerequisite before the levers needing it (Kahn's algorithm)."""
        pending = {lv.id: set(lv.prerequisites) for lv in self.levers}
        order: list[str] = []
        while pending:
            ready = [i for i in self.ids if i in pending and not pending[i]]
            if not ready:
                raise ScenarioError(f"the prerequisites form a cycle among {sorted(pending)}", path=self.source,
                                    fix="remove one prerequisite of the cycle")
            for i in ready:
                order.append(i)
                del pending[i]
            for deps in pending.values():
                deps.difference_update(ready)
        return order

    def parameters(self) -> dict[str, Parameter]:
        """Effect and cost parameters of every lever, named ``<id>.effect`` and ``<id>.cost``."""
        out: dict[str, Parameter] = {}
        for lv in self.levers:
            out[lv.effect.name] = lv.effect
            out[lv.cost.name] = lv.cost
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per lever with ranges, units, statuses and sources."""
        rows = []
        for lv in self.levers:
            rows.append({"id": lv.id, "name_en": lv.name_en, "name_ru": lv.name_ru, "mechanism": lv.mechanism,
                         "side": lv.side, "effect_low": lv.effect.low, "effect_central": lv.effect.central,
                         "effect_high": lv.effect.high, "effect_unit": lv.effect.unit,
                         "effect_status": lv.effect.status, "effect_source": lv.effect.source,
                         "cost_low": lv.cost.low, "cost_central": lv.cost.central, "cost_high": lv.cost.high,
                         "cost_basis": lv.cost_basis, "cost_status": lv.cost.status,
                         "cost_source": lv.cost.source, "lag_years": lv.lag,
                         "prerequisites": ";".join(lv.prerequisites), "status": lv.status, "act": lv.act,
                         "act_date": lv.act_date, "status_source": lv.status_source, "act_ru": lv.act_ru})
        return pd.DataFrame(rows)

    def summary(self) -> str:
        lines = [f"Lever catalogue ({len(self)} levers, {self.source})"]
        for lv in self.levers:
            pre = f"; after {', '.join(lv.prerequisites)}" if lv.prerequisites else ""
            lines.append(f"  {lv.id:<22} {lv.mechanism:<12} {lv.effect.low:g}/{lv.effect.central:g}/"
                         f"{lv.effect.high:g} {lv.effect.unit} [{lv.effect.status}]; cost {lv.cost.central:g} "
                         f"mln RUB ({lv.cost_basis}); lag {lv.lag} y{pre}")
        return "\n".join(lines)


def _lever(row: _LeverRow) -> Lever:
    scale = 100.0 if row.mechanism in ("trade_cost", "productivity", "labour") else 1.0
    unit = "fraction" if scale == 100.0 else row.effect_unit
    effect = Parameter(f"{row.id}.effect", row.effect_low / scale, row.effect_central / scale,
                       row.effect_high / scale, "pert", row.effect_source, row.effect_status, unit)
    cost_unit = "mln RUB" if row.cost_basis == "total" else "mln RUB per year"
    cost = Parameter(f"{row.id}.cost", row.cost_low, row.cost_central, row.cost_high, "pert", row.cost_source,
                     row.cost_status, cost_unit)
    return Lever(row.id, row.name_en, row.name_ru, row.description_en, row.description_ru, row.mechanism,
                 row.side, row.ru_share, effect, cost, row.cost_basis, row.lag_years, row.prerequisites,
                 row.status, row.act, row.act_date, row.status_source, row.act_ru)


def _message(err: ValidationError) -> tuple[str, str]:
    first = err.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(row)"
    return field, first["msg"]


def levers_from_frame(frame: pd.DataFrame, source: str | Path = "levers") -> LeverCatalogue:
    """Validate a catalogue frame (columns of ``levers.csv``) into a :class:`LeverCatalogue`."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ScenarioError(f"missing columns {missing}", path=source, key="row 1 (header)",
                            fix=f"the header must hold {list(COLUMNS)}")
    extra = [c for c in frame.columns if c not in COLUMNS + REGISTER_COLUMNS]
    if extra:
        raise ScenarioError(f"unknown columns {extra}", path=source, key="row 1 (header)",
                            fix="remove them or check their spelling")
    levers = []
    for i, rec in enumerate(frame.to_dict(orient="records")):
        rec = {k: (None if isinstance(v, float) and np.isnan(v) and k in ("prerequisites", *REGISTER_COLUMNS)
                   else v) for k, v in rec.items()}
        if rec.get("status") in (None, ""):
            rec.pop("status", None)
        try:
            row = _LeverRow.model_validate(rec)
        except ValidationError as err:
            field, msg = _message(err)
            ident = rec.get("id") or "?"
            raise ScenarioError(f"lever {ident!r}: {msg}", path=source, key=f"row {i + 2}, field {field}",
                                fix="correct the value in that cell (see the column description in "
                                    "regint.scenarios.levers)") from None
        levers.append(_lever(row))
    return LeverCatalogue(tuple(levers), source=str(source))


def load_levers(path: str | Path | None = None) -> LeverCatalogue:
    """Read and validate a lever catalogue CSV (default: the shipped ``levers.csv``)."""
    p = Path(path) if path is not None else package_data("scenarios", "data", "levers.csv")
    try:
        frame = pd.read_csv(p, dtype={c: str for c in ("prerequisites", *REGISTER_COLUMNS)}, keep_default_na=False,
                            na_values={c: [""] for c in COLUMNS if c not in ("prerequisites",)})
    except (OSError, pd.errors.ParserError) as err:
        raise ScenarioError(f"cannot read the lever catalogue ({err})", path=p) from err
    return levers_from_frame(frame, source=p)
