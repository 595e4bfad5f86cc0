"""The link between the scenario page's controls and :mod:`regint.scenarios` (no modelling here).

The page shows one intensity and one start year per lever of the shipped catalogue. :func:`spec_from_controls`
turns them into a :class:`~regint.scenarios.spec.ScenarioSpec` (the chosen shipped scenario with its levers
replaced); :func:`run_deterministic` and :func:`run_monte_carlo` call the engine. The baseline and the
input-output multipliers are the dashboard's study's (:func:`make_inputs`), recomputed after an import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from regint.scenarios.baseline import Baseline
    from regint.scenarios.levers import LeverCatalogue
    from regint.scenarios.parameters import Parameter
    from regint.scenarios.results import ScenarioResult
    from regint.scenarios.spec import ScenarioSpec
    from regint.study import Study


def available() -> bool:
    """Whether the scenario engine is installed (it is being finished in parallel)."""
    try:
        import regint.scenarios.engine  # noqa: F401
        import regint.scenarios.spec  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class ScenarioInputs:
    """What the engine needs besides the levers: catalogue, baseline, default parameters."""

    catalogue: LeverCatalogue
    baseline: Baseline
    parameters: dict[str, Parameter]
    base_year: int | None = None
    """First projected year (the study's scenario base year: the latest year both sides have data)."""
    first_year: int | None = None
    """Earliest start of a new measure (the year after the report date)."""
    discount_rate: float = 0.05
    """Real discount rate of the accounts by side (the study's ``Settings.discount_rate``)."""


_PROVIDER: Callable[[tuple[str, str] | None], ScenarioInputs] | None = None


@lru_cache(maxsize=1)
def _fallback_inputs() -> ScenarioInputs:
    return make_inputs(None)


def inputs(pair: tuple[str, str] | None = None) -> ScenarioInputs:
    """The inputs of the pair (``None``: the default pair) from the provider set by :func:`use_provider` (the
    app's study of that pair, recomputed after an import), else the catalogue with the labelled fallback
    baseline."""
    return _PROVIDER(pair) if _PROVIDER is not None else _fallback_inputs()


def use_provider(provider: Callable[[tuple[str, str] | None], ScenarioInputs] | None) -> None:
    """Make ``provider(pair)`` the inputs of every run (the app passes its cached study inputs)."""
    global _PROVIDER
    _PROVIDER = provider


def use_inputs(value: ScenarioInputs) -> None:
    """Make ``value`` the inputs of every run, whatever the pair (tests)."""
    use_provider(lambda _pair: value)


def make_inputs(study: Study | None) -> ScenarioInputs:
    """Catalogue, parameters and a baseline from the study (its panel where it has the figures, fallbacks else).

    The baseline and the multipliers of the chain are the study's
    (:meth:`regint.study.Study.scenario_inputs` of the shipped inertial scenario), as the command line and the
    report take them; without a study they are the labelled values of ``baseline.toml`` and ``parameters.toml``.
    """
    from regint.scenarios.baseline import Baseline, default_baseline, default_parameters
    from regint.scenarios.levers import load_levers
    from regint.scenarios.multipliers import fallback_multipliers

    if study is None:
        from regint.study.settings import Settings

        defaults = Settings()
        fallback = default_baseline()
        why = "the dashboard has no data panel yet"
        mults = fallback_multipliers(default_parameters(), why)
        baseline = Baseline(fallback.year, fallback.values, fallback.regions,
                            (f"Input-output multipliers: labelled fallbacks of parameters.toml — {why}",))
        return ScenarioInputs(load_levers(), baseline, {**default_parameters(), **mults}, base_year=fallback.year,
                              first_year=defaults.first_measure_year, discount_rate=defaults.discount_rate)
    got = study.scenario_inputs(_shipped_file("inertial"))
    return ScenarioInputs(load_levers(), got.baseline, {**default_parameters(), **got.computed},
                          base_year=study.scenario_base_year, first_year=study.settings.first_measure_year,
                          discount_rate=study.settings.discount_rate)


@lru_cache(maxsize=4)
def _shipped_file(name: str) -> ScenarioSpec:
    from regint.scenarios.spec import shipped_scenario

    return shipped_scenario(name)


def shipped(name: str, pair: tuple[str, str] | None = None) -> ScenarioSpec:
    """A shipped scenario (``inertial``, ``moderate``, ``accelerated``) timed for the pair's study as the report
    and the command line time it (:meth:`~regint.scenarios.spec.ScenarioSpec.timed`: the horizon starts in the
    base year, no measure before the year after the report date)."""
    spec = _shipped_file(name)
    inp = inputs(pair)
    if inp.base_year is None or inp.first_year is None:
        return spec
    return spec.timed(inp.base_year, inp.first_year)[0]


def shipped_names() -> tuple[str, ...]:
    from regint.scenarios.spec import SHIPPED

    return SHIPPED


def controls_of(spec: ScenarioSpec, catalogue: LeverCatalogue) -> tuple[list[float], list[int]]:
    """Intensities and start years of every lever of the catalogue as the scenario sets them."""
    intensity, start = spec.schedule(catalogue)
    starts = [int(s) if s <= spec.end else spec.start for s in start]
    return [float(round(x, 2)) for x in intensity], starts


def out_of_horizon(base: str, starts: Sequence[int | None], pair: tuple[str, str] | None = None
                   ) -> list[tuple[str, int]]:
    """The levers (id, year) whose start year lies outside the horizon of the shipped scenario ``base``."""
    cat = inputs(pair).catalogue
    spec = shipped(base, pair)
    return [(lever, int(year)) for lever, year in zip(cat.ids, starts, strict=True)
            if year is not None and not spec.start <= int(year) <= spec.end]


def spec_from_controls(base: str, intensities: Sequence[float | None], starts: Sequence[int | None],
                       pair: tuple[str, str] | None = None) -> ScenarioSpec:
    """The shipped scenario ``base`` with the levers set from the page (aligned with the catalogue); check the
    start years with :func:`out_of_horizon` first (here they are only kept within the horizon). A measure in
    force is part of the baseline and is never added."""
    cat = inputs(pair).catalogue
    spec = shipped(base, pair)
    levers: dict[str, tuple[float, int]] = {}
    for lever, inten, year in zip(cat.ids, intensities, starts, strict=True):
        value = float(inten or 0.0)
        if value <= 0 or cat[lever].in_force:
            continue
        yr = int(year) if year is not None else spec.start
        levers[lever] = (min(max(value, 0.0), 1.0), min(max(yr, spec.start), spec.end))
    return dataclasses.replace(spec, name=f"{spec.name}-dashboard", levers=levers)


def run_deterministic(spec: ScenarioSpec, pair: tuple[str, str] | None = None) -> dict[str, np.ndarray]:
    """Central-value run of ``spec`` for the pair: outcome → array over the years."""
    from regint.scenarios.engine import deterministic

    inp = inputs(pair)
    return deterministic(spec, inp.catalogue, spec.apply_baseline(inp.baseline), spec.parameters(inp.parameters))


def run_monte_carlo(spec: ScenarioSpec, n_draws: int, progress: Callable[[int, int], Any] | None = None,
                    seed: int = 20250101, pair: tuple[str, str] | None = None) -> ScenarioResult:
    """Monte Carlo of ``spec`` for the pair in chunks of a tenth, reporting ``progress(done, n_draws)``."""
    from regint.scenarios.engine import simulate

    inp = inputs(pair)
    chunk = max(1, n_draws // 10)
    return simulate(spec, inp.catalogue, spec.apply_baseline(inp.baseline), spec.parameters(inp.parameters),
                    n_draws=n_draws, seed=seed, chunk=chunk,
                    progress=(lambda done: progress(done, n_draws)) if progress else None)


def targets_met(spec: ScenarioSpec, central: dict[str, np.ndarray]) -> list[tuple[str, float | None]]:
    """First year each target of the scenario is met on the central path (``None`` if not within the horizon)."""
    from regint.scenarios.targets import first_year, parse_target

    out: list[tuple[str, float | None]] = []
    for text in spec.targets:
        target = parse_target(text)
        if target.outcome not in central:
            continue
        year = first_year(target.met(central[target.outcome])[None, :], spec.years)[0]
        out.append((str(target), None if np.isnan(year) else float(year)))
    return out
