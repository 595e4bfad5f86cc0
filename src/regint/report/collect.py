"""Run every analysis of the report once (language-independent), each as an :class:`~regint.report.outcome.Outcome`.

The results are computed once and rendered in each language. Sizes of the Monte Carlo runs follow
:class:`Sizes`: ``Sizes.full()`` for a report, ``Sizes.fast()`` for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from regint.report.outcome import Outcome, attempt, missing
from regint.report.parts import analyses as A
from regint.report.parts import optional as O
from regint.report.parts import profile as P

#: Comparator regions shown beside the pair in profiles and coverage.
COMPARATOR_REGIONS: tuple[str, ...] = ("RU-PSK", "RU-BRY", "BY-MA", "BY-HO", "RU", "BY")
COVERAGE_YEARS: tuple[int, int] = (2000, 2024)


@dataclass(frozen=True)
class Sizes:
    """Monte Carlo sizes: index runs, ranking draws, gravity bootstrap, scenario draws; placebo inference."""

    index: int = 1000
    directions: int = 1000
    gravity: int = 200
    scenarios: int = 1000
    placebo: bool = True
    bootstrap: int = 999

    @classmethod
    def full(cls) -> Sizes:
        return cls()

    @classmethod
    def fast(cls) -> Sizes:
        return cls(index=50, directions=100, gravity=20, scenarios=100, placebo=False, bootstrap=99)


@dataclass(frozen=True)
class Results:
    """Every analysis of the report for one pair, each an Outcome (a result or why it is missing)."""

    pair: tuple[str, str]
    regions: tuple[str, ...]
    panel: pd.DataFrame
    sizes: Sizes
    survey_given: bool
    profile: Outcome[pd.DataFrame]
    wages_usd: Outcome[pd.DataFrame]
    trade_usd: Outcome[dict[str, pd.DataFrame]]
    coverage: Outcome[P.CoverageResult]
    preconditions: Outcome[Any]
    convergence: Outcome[A.ConvergenceBundle]
    io: Outcome[A.IOBundle]
    index: Outcome[Any]
    directions: dict[str, Outcome[Any]]
    gravity: Outcome[A.GravityBundle]
    evaluation: Outcome[A.EvaluationBundle]
    scenarios: Outcome[Any]
    factors: Outcome[Any]
    maps: Outcome[Any]
    validation: Outcome[pd.DataFrame]
    imports: pd.DataFrame = field(default_factory=pd.DataFrame)

    def outcomes(self) -> list[Outcome[Any]]:
        """All outcomes (for the run-time table and the list of what is missing)."""
        out = [self.profile, self.wages_usd, self.trade_usd, self.coverage, self.preconditions, self.convergence,
               self.io, self.index, self.gravity, self.evaluation, self.scenarios, self.factors, self.maps,
               self.validation]
        return out + list(self.directions.values())


Step = tuple[str, Callable[[], Outcome[Any]]]


def collect(pair: tuple[str, str], *, survey: Sequence[Path] | None = None, scenarios: Sequence[Path] | None = None,
            sizes: Sizes | None = None, langs: Sequence[str] = ("ru", "en"), panel: pd.DataFrame | None = None,
            progress: Callable[[str], None] | None = None) -> Results:
    """Load the panel and run every analysis; ``progress(name)`` is called after each step."""
    from regint.data.api import load_panel, open_store

    sizes = sizes or Sizes.full()
    tick = progress or (lambda _name: None)
    regions = (pair[0], pair[1], *[r for r in COMPARATOR_REGIONS if r not in pair])
    if panel is None:
        panel = load_panel(indicators=None, regions=None)
    try:
        imports = open_store().imports()
    except Exception:  # noqa: BLE001 — the list of imports is a courtesy in the annex
        imports = pd.DataFrame()
    done: dict[str, Outcome[Any]] = {}

    def run(name: str, fn: Callable[[], Any]) -> Outcome[Any]:
        out = attempt(name, fn)
        done[name] = out
        tick(name)
        return out

    run("profile", lambda: P.latest_values(panel, regions))
    run("wages_usd", lambda: P.usd_series(panel, "wage_nominal", regions))
    run("trade_usd", lambda: {ind: P.series(panel, ind, regions) for ind in ("exports_usd", "imports_usd",
                                                                             "exports_cis_usd")})
    run("coverage", lambda: P.coverage_of(panel, regions, COVERAGE_YEARS))
    run("preconditions", lambda: A.run_preconditions(panel, pair))
    run("convergence", lambda: A.run_convergence(panel))
    run("io", lambda: A.run_io(panel, pair))
    run("index", lambda: A.run_index(panel, sizes.index))
    link = None
    io_value = done["io"].value
    if io_value is not None:
        link = A.linkages_by_direction(io_value, pair[0]).to_frame()
    directions: dict[str, Outcome[Any]] = {}
    for lang in langs:
        directions[lang] = run(f"directions_{lang}", partial(A.run_directions, survey, lang, sizes.directions, link))
    run("gravity", lambda: A.run_gravity(draws=sizes.gravity))
    run("evaluation", lambda: A.run_evaluation(panel, pair[0], sizes.placebo))
    run("scenarios", lambda: O.run_scenarios(panel, pair, scenarios, sizes.scenarios))
    run("factors", lambda: O.run_factors(panel, sizes.bootstrap))
    run("maps", lambda: O.run_maps(panel, pair))
    from regint.report.validation import run_validation

    run("validation", run_validation)
    return Results(pair=pair, regions=regions, panel=panel, sizes=sizes, survey_given=bool(survey),
                   profile=done["profile"], wages_usd=done["wages_usd"], trade_usd=done["trade_usd"],
                   coverage=done["coverage"], preconditions=done["preconditions"], convergence=done["convergence"],
                   io=done["io"], index=done["index"], directions=directions, gravity=done["gravity"],
                   evaluation=done["evaluation"], scenarios=done["scenarios"], factors=done["factors"],
                   maps=done["maps"], validation=done["validation"], imports=imports)


N_STEPS = 15
__all__ = ["COMPARATOR_REGIONS", "N_STEPS", "Results", "Sizes", "collect", "missing"]
