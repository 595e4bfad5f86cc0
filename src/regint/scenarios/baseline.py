"""The starting point of every scenario: levels of both sides with their sources, and model parameters.

The scenario engine takes a :class:`Baseline`; it never reads the store. The CLI builds one from
``regint.data.api.load_panel`` and fills what the store lacks from the labelled fallbacks of
``data/baseline.toml`` or the scenario file, recording which values are fallbacks.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from regint._paths import package_data
from regint.scenarios._errors import ScenarioError
from regint.scenarios.parameters import Parameter

__all__ = ["CARRY_RULE", "DESCRIPTIONS", "DESCRIPTIONS_RU", "EXTRA", "MAX_CARRY_YEARS", "OPTIONAL", "REQUIRED",
           "Baseline", "BaselineValue", "ValueModel", "carry_forward",
           "default_baseline", "description",
           "default_parameters", "load_parameters", "parameter_from_mapping"]

#: Baseline keys the engine needs; ``_ru`` is the Russian region, ``_by`` the Belarusian one.
REQUIRED: tuple[str, ...] = ("grp_pc_usd_ru", "grp_pc_usd_by", "wage_usd_ru", "wage_usd_by", "population_ru",
                             "population_by", "trade_usd", "price_level_ru", "price_level_by", "fx_rub_usd")
#: Optional keys: without them jobs are not computed.
OPTIONAL: tuple[str, ...] = ("jobs_per_musd_ru", "jobs_per_musd_by")
#: Further optional keys: the Belarusian rate (accounts in BYN) and the user's own figure of the pair's trade
#: (replaces the gravity allocation of the Russian region's trade with the partner country).
EXTRA: tuple[str, ...] = ("fx_byn_usd", "pair_trade_usd")
#: How a level older than the base year is carried to it: by the inertial growth parameter named, or unchanged.
CARRY_RULE: dict[str, str | None] = {
    "grp_pc_usd_ru": "grp_growth_ru", "grp_pc_usd_by": "grp_growth_by", "wage_usd_ru": "grp_growth_ru",
    "wage_usd_by": "grp_growth_by", "population_ru": "population_growth_ru", "population_by": "population_growth_by",
    "trade_usd": "trade_growth", "pair_trade_usd": "trade_growth", "price_level_ru": None, "price_level_by": None,
    "fx_rub_usd": None, "fx_byn_usd": None, "jobs_per_musd_ru": None, "jobs_per_musd_by": None}
#: A value more than this many years older than the base year is marked dated in the baseline table.
MAX_CARRY_YEARS = 3
DESCRIPTIONS = {
    "grp_pc_usd_ru": "GRP per capita, Russian region, USD", "grp_pc_usd_by": "GRP per capita, Belarusian region, USD",
    "wage_usd_ru": "average monthly wage, Russian region, USD", "wage_usd_by": "average monthly wage, Belarusian region, USD",
    "population_ru": "population, Russian region", "population_by": "population, Belarusian region",
    "trade_usd": "bilateral trade of the pair, mln USD", "price_level_ru": "price level (PPP / exchange rate), Russia",
    "price_level_by": "price level (PPP / exchange rate), Belarus", "fx_rub_usd": "RUB per USD",
    "jobs_per_musd_ru": "jobs per mln USD of GVA, Russian region", "jobs_per_musd_by": "jobs per mln USD of GVA, Belarusian region",
    "fx_byn_usd": "BYN per USD", "pair_trade_usd": "trade of the pair (user's own figure), mln USD",
}
#: The same descriptions in Russian (the Russian report prints them).
DESCRIPTIONS_RU = {
    "grp_pc_usd_ru": "ВРП на душу населения, российский регион, долл. США",
    "grp_pc_usd_by": "ВРП на душу населения, белорусский регион, долл. США",
    "wage_usd_ru": "среднемесячная заработная плата, российский регион, долл. США",
    "wage_usd_by": "среднемесячная заработная плата, белорусский регион, долл. США",
    "population_ru": "численность населения, российский регион", "population_by": "численность населения, белорусский регион",
    "trade_usd": "взаимная торговля пары, млн долл. США",
    "price_level_ru": "уровень цен (ППС / валютный курс), Россия", "price_level_by": "уровень цен (ППС / валютный курс), Беларусь",
    "fx_rub_usd": "руб. за 1 долл. США",
    "jobs_per_musd_ru": "рабочих мест на 1 млн долл. США ВДС, российский регион",
    "jobs_per_musd_by": "рабочих мест на 1 млн долл. США ВДС, белорусский регион",
    "fx_byn_usd": "бел. руб. за 1 долл. США", "pair_trade_usd": "торговля пары (данные пользователя), млн долл. США",
}


def description(key: str, lang: str = "en") -> str:
    """What a baseline key is, in ``lang`` (``'ru'`` or ``'en'``); the key itself when unknown."""
    table = DESCRIPTIONS_RU if lang == "ru" else DESCRIPTIONS
    return table.get(key, DESCRIPTIONS.get(key, key))


class ValueModel(BaseModel):
    """A baseline value as written in a TOML file."""

    model_config = ConfigDict(extra="forbid")
    value: float = Field(gt=0)
    source: str = Field(min_length=5)
    status: Literal["data", "derived", "estimate", "assumption", "cited"]
    year: int | None = Field(default=None, ge=1990, le=2100)
    note: str = ""


@dataclass(frozen=True)
class BaselineValue:
    """One baseline figure with its provenance; ``origin`` says store, fallback file or scenario file."""

    value: float
    source: str
    status: str
    year: int | None = None
    origin: str = "store"
    note: str = ""


@dataclass(frozen=True)
class Baseline:
    """Base-year levels of the pair (USD at base-year exchange rates; real growth thereafter)."""

    year: int
    values: Mapping[str, BaselineValue]
    regions: tuple[str, str] = ("RU-SMO", "BY-VI")
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        missing = [k for k in REQUIRED if k not in self.values]
        if missing:
            raise ScenarioError(f"the baseline lacks {missing}",
                                fix="give them in the scenario file under [baseline.values.<key>] with value, "
                                    "source and status")

    def __getitem__(self, key: str) -> float:
        return float(self.values[key].value)

    def get(self, key: str, default: float | None = None) -> float | None:
        v = self.values.get(key)
        return default if v is None else float(v.value)

    @property
    def has_jobs(self) -> bool:
        return all(k in self.values for k in OPTIONAL)

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """Keys whose value did not come from the store."""
        return tuple(k for k, v in self.values.items() if v.origin != "store")

    def with_values(self, **values: BaselineValue) -> Baseline:
        return Baseline(self.year, {**self.values, **values}, self.regions, self.notes)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per value: key, description (in ``lang``), value, year of the data, status, origin, source (as
        cited), and the note (how a value older than the base year was carried to it)."""
        rows = [{"key": k, "description": description(k, lang), "value": v.value, "year": v.year,
                 "status": v.status, "origin": v.origin, "source": v.source, "note": v.note}
                for k, v in self.values.items()]
        return pd.DataFrame(rows, columns=["key", "description", "value", "year", "status", "origin", "source",
                                           "note"])

    def summary(self) -> str:
        lines = [f"Baseline {self.regions[0]}–{self.regions[1]}, base year {self.year}"]
        for k, v in self.values.items():
            yr = f" ({v.year})" if v.year else ""
            lines.append(f"  {k:<18} {v.value:>12,.4g}{yr} [{v.status}, {v.origin}] {v.source}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as err:
        raise ScenarioError(f"cannot read the file ({err})", path=path) from err
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"not valid TOML ({err})", path=path, fix="check quotes and brackets") from err


def values_from_mapping(raw: Mapping[str, object], *, path: Path | str, origin: str, prefix: str = "values"
                        ) -> dict[str, BaselineValue]:
    """Validate ``{key: {value, source, status, year}}`` into :class:`BaselineValue` objects."""
    out: dict[str, BaselineValue] = {}
    known = REQUIRED + OPTIONAL + EXTRA
    for key, item in raw.items():
        if key not in known:
            raise ScenarioError(f"unknown baseline key {key!r}", path=path, key=f"{prefix}.{key}",
                                fix=f"use one of {list(known)}")
        try:
            v = ValueModel.model_validate(item)
        except ValidationError as err:
            first = err.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise ScenarioError(first["msg"], path=path, key=f"{prefix}.{key}.{loc}",
                                fix="give value (> 0), source (text) and status (data, derived, estimate, "
                                    "assumption or cited)") from None
        out[key] = BaselineValue(v.value, v.source, v.status, v.year, origin, v.note)
    return out


def default_baseline(path: str | Path | None = None) -> Baseline:
    """The labelled fallback baseline (``data/baseline.toml``): every value is a fallback, none from the store."""
    p = Path(path) if path is not None else package_data("scenarios", "data", "baseline.toml")
    raw = _read_toml(p)
    values = values_from_mapping(raw.get("values", {}), path=p, origin=f"fallback ({p.name})")
    return Baseline(int(raw.get("year", 2024)), values,
                    notes=("All baseline values are labelled fallbacks; the store was not consulted.",))


def parameter_from_mapping(name: str, raw: Mapping[str, object], *, path: Path | str, base: Parameter | None = None,
                           prefix: str = "parameters") -> Parameter:
    """A :class:`Parameter` from a TOML table, optionally overriding ``base`` (errors name file and key)."""
    allowed = {"low", "central", "high", "distribution", "source", "status", "unit"}
    unknown = set(raw) - allowed
    if unknown:
        raise ScenarioError(f"unknown fields {sorted(unknown)}", path=path, key=f"{prefix}.{name}",
                            fix=f"use {sorted(allowed)}")
    fields: dict[str, object] = {} if base is None else dict(base.__dict__)
    fields.update({"name": name, **raw})
    if base is not None and {"low", "central", "high"} & set(raw) and "source" not in raw:
        raise ScenarioError("an overridden range needs its source", path=path, key=f"{prefix}.{name}.source",
                            fix="add source = \"...\" (a citation, or 'ASSUMPTION: ...') and status")
    for f in ("low", "central", "high"):
        if f not in fields:
            raise ScenarioError(f"missing {f}", path=path, key=f"{prefix}.{name}.{f}", fix="give low, central, high")
        if not isinstance(fields[f], int | float) or isinstance(fields[f], bool):
            raise ScenarioError(f"{f} must be a number; got {fields[f]!r}", path=path, key=f"{prefix}.{name}.{f}")
    try:
        return Parameter(**fields)  # type: ignore[arg-type]
    except ScenarioError as err:
        raise ScenarioError(err.problem, path=path, key=f"{prefix}.{name}", fix=err.fix) from None
    except (ValueError, TypeError) as err:
        raise ScenarioError(str(err), path=path, key=f"{prefix}.{name}") from None


def load_parameters(path: str | Path) -> dict[str, Parameter]:
    """Read a parameters TOML (tables named after the parameters)."""
    p = Path(path)
    raw = _read_toml(p)
    return {name: parameter_from_mapping(name, table, path=p, prefix=name) for name, table in raw.items()}


def default_parameters() -> dict[str, Parameter]:
    """The shipped model parameters (``data/parameters.toml``) with their sources."""
    return load_parameters(package_data("scenarios", "data", "parameters.toml"))


def carry_forward(values: Mapping[str, BaselineValue], base_year: int, growth: Mapping[str, float],
                  max_age: int = MAX_CARRY_YEARS) -> tuple[dict[str, BaselineValue], list[str]]:
    """Carry every value older than ``base_year`` to it by the stated rule (:data:`CARRY_RULE`).

    .. math:: x_{t_0} = x_{t} (1 + g)^{t_0 - t}

    Levels (GRP per capita, wages, population, trade) grow at the central inertial rate :math:`g` of their
    quantity (``growth``: parameter name → rate); ratios (price levels, exchange rates, jobs per mln USD) are kept
    unchanged. A carried value keeps the year of its data and says in its note how it was carried; its status
    becomes ``derived`` (``estimate`` when it was one). A value more than ``max_age`` years old is marked dated.
    Values of the base year or later are left as they are.

    Returns
    -------
    The values and one message per value carried.
    """
    out: dict[str, BaselineValue] = {}
    msgs: list[str] = []
    for key, v in values.items():
        if v.year is None or v.year >= base_year:
            out[key] = v
            continue
        age = base_year - v.year
        rule = CARRY_RULE.get(key)
        if rule is not None and rule in growth:
            g = float(growth[rule])
            value = v.value * (1.0 + g) ** age
            how = f"carried from {v.year} to {base_year} at {g:+.2%} a year ({rule})"
        else:
            value = v.value
            how = f"{v.year} value kept unchanged in {base_year} (a ratio)" if rule is None else (
                f"{v.year} value kept unchanged in {base_year} (no rate {rule})")
        if age > max_age:
            how += f"; dated: {age} years older than the base year"
        status = v.status if v.status in ("estimate", "assumption") else "derived"
        note = f"{v.note}; {how}" if v.note else how
        out[key] = BaselineValue(float(value), v.source, status, v.year, v.origin, note)
        msgs.append(f"{key}: {how}.")
    return out, msgs
