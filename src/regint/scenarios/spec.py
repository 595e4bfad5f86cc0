"""Scenario files (TOML): years, lever intensities and start years, targets, budget, overrides.

Example::

    name = "moderate"
    title_en = "Moderate integration"
    title_ru = "Умеренная интеграция"
    targets = ["wage_gap<=0.10", "score>=60"]

    [years]
    start = 2025
    end = 2045

    [levers.customs_digital]
    intensity = 0.6     # 0..1, share of the catalogue's full effect (and cost)
    start = 2026

    [budget]            # for `fastest`
    annual = 1500       # mln RUB per year, both sides together
    total = 15000

    [baseline.values.wage_usd_by]   # a labelled fallback used where the store lacks the figure
    value = 587.4
    year = 2024
    status = "estimate"
    source = "..."

    [parameters.theta]  # override of a model parameter: range + source
    low = 3.0
    central = 4.0
    high = 6.0
    source = "gravity estimate of the pair (regint.models.gravity), 2025"
    status = "estimate"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from regint._paths import package_data
from regint.scenarios._errors import ScenarioError
from regint.scenarios.baseline import (
    Baseline,
    BaselineValue,
    _read_toml,
    parameter_from_mapping,
    values_from_mapping,
)
from regint.scenarios.levers import LeverCatalogue
from regint.scenarios.parameters import Parameter
from regint.scenarios.targets import DEFAULT_HOLD, Target, parse_target

__all__ = ["SHIPPED", "ScenarioSpec", "load_scenario", "scenario_from_mapping", "shipped_scenario"]

SHIPPED: tuple[str, ...] = ("inertial", "moderate", "accelerated")
NEVER = 10_000  # start year meaning "not started"


class _Years(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=2000, le=2100)
    end: int = Field(ge=2000, le=2100)

    @model_validator(mode="after")
    def _order(self) -> _Years:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        if self.end - self.start > 60:
            raise ValueError("a horizon longer than 60 years is not supported")
        return self


class _Lever(BaseModel):
    model_config = ConfigDict(extra="forbid")
    intensity: float = Field(ge=0.0, le=1.0)
    start: int = Field(ge=2000, le=2100)


class _Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")
    annual: float | None = Field(default=None, gt=0)
    total: float | None = Field(default=None, gt=0)


class _Costs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    share_ru: float | None = Field(default=None, ge=0.0, le=1.0)


class _Score(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25)

    @model_validator(mode="after")
    def _positive(self) -> _Score:
        if min(self.weights) < 0 or sum(self.weights) <= 0:
            raise ValueError("weights (GRP gap, wage gap, price gap, trade) must be >= 0 with a positive sum")
        return self


class _Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    title_en: str = ""
    title_ru: str = ""
    description: str = ""
    years: _Years
    levers: dict[str, _Lever] = {}
    targets: list[str] = []
    budget: _Budget = _Budget()
    score: _Score = _Score()
    costs: _Costs = _Costs()
    hold: int = Field(default=DEFAULT_HOLD, ge=1, le=20)
    baseline: dict[str, object] = {}
    parameters: dict[str, dict[str, object]] = {}

    @model_validator(mode="after")
    def _starts(self) -> _Scenario:
        for lid, lv in self.levers.items():
            if lv.start > self.years.end:
                raise ValueError(f"levers.{lid}.start = {lv.start} is after years.end = {self.years.end}")
        return self


FIXES = {
    "years": "give [years] start = 2025 and end = 2045 (end after start)",
    "levers": "each [levers.<id>] needs intensity (0..1) and start (a year within [years])",
    "name": "use letters, digits, '_' or '-'",
    "budget": "annual and total are mln RUB (> 0)",
    "score": "weights = [w_grp_gap, w_wage_gap, w_price_gap, w_trade]",
    "costs": "[costs] share_ru = 0.5 (the Russian side's share of shared costs, 0..1)",
    "hold": "hold = 3 (consecutive years a target must hold, 1..20)",
}


@dataclass(frozen=True)
class ScenarioSpec:
    """A validated scenario: which levers, how strong, from when; targets and budget for the fastest path."""

    name: str
    start: int
    end: int
    levers: Mapping[str, tuple[float, int]]
    targets: tuple[str, ...] = ()
    title_en: str = ""
    title_ru: str = ""
    description: str = ""
    budget_annual: float | None = None
    budget_total: float | None = None
    score_weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25)
    baseline_year: int | None = None
    baseline_values: Mapping[str, BaselineValue] = field(default_factory=dict)
    parameter_overrides: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    path: str = "<memory>"
    cost_share_ru: float | None = None
    hold: int = DEFAULT_HOLD

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.start, self.end + 1)

    def title(self, lang: str = "en") -> str:
        t = self.title_ru if lang == "ru" else self.title_en
        return t or self.name

    def schedule(self, catalogue: LeverCatalogue) -> tuple[np.ndarray, np.ndarray]:
        """Intensities and start years aligned with the catalogue; levers not in the file get intensity 0."""
        intensity = np.zeros(len(catalogue))
        start = np.full(len(catalogue), NEVER, dtype=int)
        for lid, (inten, yr) in self.levers.items():
            if lid not in catalogue.ids:
                raise ScenarioError(f"lever {lid!r} is not in the catalogue", path=self.path, key=f"levers.{lid}",
                                    fix=f"use one of {list(catalogue.ids)}")
            k = catalogue.index(lid)
            if inten > 0 and catalogue[lid].in_force:
                lv = catalogue[lid]
                raise ScenarioError(f"lever {lid!r} is already in force ({lv.act}); its effect is part of the baseline",
                                    path=self.path, key=f"levers.{lid}",
                                    fix="remove it from the scenario: a measure in force cannot be proposed")
            intensity[k], start[k] = inten, yr
        return intensity, start

    def targets_parsed(self) -> tuple[Target, ...]:
        """The targets, each to hold :attr:`hold` consecutive years unless its text says otherwise."""
        return tuple(parse_target(t, hold=self.hold) for t in self.targets)

    def timed(self, base_year: int, first_measure_year: int) -> tuple[ScenarioSpec, str | None]:
        """The scenario projected from ``base_year`` with no measure before ``first_measure_year``.

        Rule: the horizon starts in the base year (the end stays); if the file starts a measure earlier than
        ``first_measure_year``, every start is moved by the same number of years, keeping their order and gaps
        (a start beyond the horizon leaves the measure unstarted). Returns the spec and a note (``None`` when
        nothing moved).
        """
        shift = max(0, first_measure_year - min((yr for inten, yr in self.levers.values() if inten > 0),
                                                default=first_measure_year))
        levers = {k: (inten, min(yr + shift, NEVER) if yr + shift <= self.end else NEVER)
                  for k, (inten, yr) in self.levers.items()}
        spec = replace(self, start=base_year, levers=levers)
        note = None if not shift else (
            f"{self.name}: measures moved {shift} year(s) later so that none starts before {first_measure_year} "
            "(the year after the report date); their order and intervals are kept")
        return spec, note

    def check_prerequisites(self, catalogue: LeverCatalogue) -> list[str]:
        """Warnings for levers started before their prerequisites are complete (not an error: a scenario may)."""
        out = []
        for lid, (inten, yr) in self.levers.items():
            if inten <= 0 or lid not in catalogue.ids:
                continue
            for pre in catalogue[lid].prerequisites:
                p = self.levers.get(pre)
                if p is None or p[0] <= 0:
                    out.append(f"{lid} needs {pre}, which the scenario does not start")
                elif p[1] + catalogue[pre].lag > yr:
                    out.append(f"{lid} starts in {yr}, before its prerequisite {pre} is complete "
                               f"({p[1] + catalogue[pre].lag - 1})")
        return out

    def parameters(self, defaults: Mapping[str, Parameter]) -> dict[str, Parameter]:
        """``defaults`` with this file's overrides applied (each override needs its source)."""
        out = dict(defaults)
        for name, raw in self.parameter_overrides.items():
            out[name] = parameter_from_mapping(name, raw, path=self.path, base=defaults.get(name))
        return out

    def apply_baseline(self, baseline: Baseline) -> Baseline:
        """Values given in the scenario file replace fallbacks (never values from the store)."""
        repl = {k: v for k, v in self.baseline_values.items()
                if k not in baseline.values or baseline.values[k].origin != "store"}
        if not repl:
            return baseline
        return baseline.with_values(**repl)


def _problem(err: ValidationError) -> tuple[str, str, str]:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    fix = FIXES.get(str(first["loc"][0]) if first["loc"] else "", "see the example in regint.scenarios.spec")
    return loc, first["msg"], fix


def scenario_from_mapping(raw: Mapping[str, object], path: str | Path = "<memory>") -> ScenarioSpec:
    """Validate a parsed scenario (the TOML as a dict)."""
    try:
        s = _Scenario.model_validate(raw)
    except ValidationError as err:
        key, msg, fix = _problem(err)
        raise ScenarioError(msg, path=path, key=key, fix=fix) from None
    base = dict(s.baseline)
    unknown = set(base) - {"year", "values"}
    if unknown:
        raise ScenarioError(f"unknown keys {sorted(unknown)}", path=path, key="baseline",
                            fix="[baseline] takes year and [baseline.values.<key>] tables")
    values = values_from_mapping(base.get("values", {}) or {}, path=path, origin=f"scenario file ({Path(str(path)).name})",  # type: ignore[arg-type]
                                 prefix="baseline.values")
    for i, text in enumerate(s.targets):
        try:
            parse_target(text)
        except ScenarioError as err:
            raise ScenarioError(err.problem, path=path, key=f"targets[{i}]", fix=err.fix) from None
    for name, table in s.parameters.items():  # validate early, against a neutral base
        if {"low", "central", "high"} <= set(table):
            parameter_from_mapping(name, table, path=path)
    return ScenarioSpec(
        name=s.name, start=s.years.start, end=s.years.end,
        levers={k: (v.intensity, v.start) for k, v in s.levers.items()}, targets=tuple(s.targets),
        title_en=s.title_en, title_ru=s.title_ru, description=s.description, budget_annual=s.budget.annual,
        budget_total=s.budget.total, score_weights=s.score.weights,
        baseline_year=int(base["year"]) if "year" in base else None,  # type: ignore[call-overload]
        baseline_values=values, parameter_overrides=s.parameters, path=str(path), cost_share_ru=s.costs.share_ru,
        hold=s.hold)


def load_scenario(path: str | Path) -> ScenarioSpec:
    """Read and validate a scenario TOML file; a shipped name (``moderate``) also works."""
    p = Path(path)
    if not p.exists() and str(path) in SHIPPED:
        return shipped_scenario(str(path))
    if not p.exists():
        raise ScenarioError("no such file", path=p, fix=f"give a path to a TOML file or one of {list(SHIPPED)}")
    return scenario_from_mapping(_read_toml(p), path=p)


def shipped_scenario(name: str) -> ScenarioSpec:
    """One of the shipped scenarios: ``inertial``, ``moderate`` or ``accelerated``."""
    if name not in SHIPPED:
        raise ScenarioError(f"no shipped scenario {name!r}", fix=f"use one of {list(SHIPPED)} or a file path")
    return load_scenario(package_data("scenarios", "data", f"{name}.toml"))
