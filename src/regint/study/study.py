"""The pair study: every result the report, the dashboard, the CLI and a notebook show, each computed once.

A :class:`Study` is made from :class:`~regint.study.settings.Settings` and a long observation panel (built once
from the store by :func:`regint.data.api.load_panel`). Each result is an attribute computed lazily on first use
and cached; each is an :class:`~regint.study.outcome.Outcome` — the analysis' own results object, or the plain
reason it could not be produced — so one region without data never stops a batch. Results are language-free:
the front ends choose the language when they render (the few analyses whose results hold sentences are
computed once per language asked for, see :meth:`Study.preconditions_in`).

>>> from regint import Settings, Study                                  # doctest: +SKIP
>>> study = Study.from_store(Settings())                                # doctest: +SKIP
>>> study.io.value.multipliers["RU-SMO"].head()                         # doctest: +SKIP
>>> study.with_settings(io_delta=0.2).io.value.multipliers["RU-SMO"]    # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from regint.study import analyses as A
from regint.study import optional as O
from regint.study import profile as P
from regint.study.outcome import Outcome, attempt
from regint.study.scenario_inputs import PARTNER_SHARE_INDICATOR, io_multipliers, partner_share
from regint.study.settings import Settings

if TYPE_CHECKING:
    from regint.models.inputoutput.pipeline import IOAnalysis
    from regint.scenarios import Parameter

__all__ = ["COVERAGE_YEARS", "Study"]

#: Years of the coverage table of the data annex.
COVERAGE_YEARS: tuple[int, int] = (2000, 2026)
#: The results a full study computes, in the order of a report (for progress bars and the run-time table).
RESULTS: tuple[str, ...] = ("profile", "wages_usd", "trade_usd", "coverage", "preconditions", "convergence", "io",
                            "index", "directions", "gravity", "evaluation", "scenarios", "factors", "subjective",
                            "maps", "validation")


class Study:
    """Every result of the pair study for one :class:`Settings` and one panel, computed once, lazily.

    Parameters
    ----------
    settings : Settings
    panel : DataFrame
        Long observations (:func:`regint.data.api.load_panel`: latest vintage, best status per key).
    imports : DataFrame, optional
        The store's import log (shown in the data annex).
    progress : callable(name), optional
        Called after each result is computed (progress bars).

    Notes
    -----
    Attributes (each an :class:`Outcome`): ``profile``, ``wages_usd``, ``trade_usd``, ``coverage``,
    ``preconditions``, ``convergence``, ``io``, ``index``, ``directions``, ``gravity``, ``evaluation``,
    ``scenarios``, ``factors``, ``subjective``, ``maps``, ``validation``. A study is safe to share between threads: each result
    is computed by one thread while the others wait for it.
    """

    def __init__(self, settings: Settings, panel: pd.DataFrame, *, imports: pd.DataFrame | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.panel = panel
        self.imports = imports if imports is not None else pd.DataFrame()
        self._progress = progress or (lambda _name: None)
        self._lock = threading.RLock()
        self._locks: dict[str, threading.Lock] = {}
        self._per_lang: dict[tuple[str, str], Outcome[Any]] = {}
        self._ticked: set[str] = set()

    # -- construction --------------------------------------------------------------------------------------
    @classmethod
    def from_store(cls, settings: Settings | None = None, store: str | Path | None = None, *,
                   progress: Callable[[str], None] | None = None) -> Study:
        """The study of ``settings`` on the panel of the store (default: ``REGINT_STORE`` or the user's store,
        filled from the shipped dataset on first use). The panel is read once."""
        from regint.data.api import load_panel, open_store

        st = open_store(store)
        panel = load_panel(indicators=None, regions=None, store=st)
        try:
            imports = st.imports()
        except Exception:  # noqa: BLE001 — the import log is a courtesy of the data annex
            imports = pd.DataFrame()
        return cls(settings or Settings(), panel, imports=imports, progress=progress)

    def with_settings(self, **changes: object) -> Study:
        """A new study on the same panel with ``changes`` to the settings (its results computed afresh)."""
        return Study(self.settings.replace(**changes), self.panel, imports=self.imports, progress=self._progress)

    # -- helpers -------------------------------------------------------------------------------------------
    @property
    def pair(self) -> tuple[str, str]:
        return self.settings.pair

    @property
    def regions(self) -> tuple[str, ...]:
        return self.settings.regions

    @property
    def sizes(self) -> Any:
        """The Monte Carlo sizes (``settings.mc``)."""
        return self.settings.mc

    @property
    def survey_given(self) -> bool:
        return bool(self.settings.survey_files)

    def _once(self, name: str, fn: Callable[[], Any]) -> Outcome[Any]:
        out = attempt(name, fn)
        with self._lock:
            first = name in RESULTS and name not in self._ticked
            self._ticked.add(name)
        if first:  # one tick per result of RESULTS (the progress bar's total)
            self._progress(name)
        return out

    def outcomes(self) -> list[Outcome[Any]]:
        """Every result (computing those not yet computed), for the run-time table and the list of gaps."""
        return [getattr(self, name) for name in RESULTS]

    def compute_all(self, *, background: bool | None = None) -> Study:
        """Compute every result now (a report does; a dashboard lets pages ask).

        ``background`` (default: where the placebos are run, the machine has a second core, processes can be
        forked and this process runs no other thread): the evaluation's synthetic control, whose in-space
        placebos (one fit per donor) are the longest single computation, runs in a forked second process while
        this one computes the other results. Same code on the same rows: the same numbers. A fork, not a fresh
        interpreter (a fresh one would first re-run the caller's script where it has no ``if __name__ ==
        "__main__"`` guard), and only from a single thread (a fork copies the locks other threads hold).
        """
        if background is None:
            background = (self.settings.mc.placebo and (os.cpu_count() or 1) > 1
                          and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1)
        if background and "evaluation" not in self.__dict__:
            rows = self.panel[self.panel["indicator"] == A.EVALUATION_OUTCOME]
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
                child = pool.submit(A.evaluation_synthetic_control, rows, self.pair[0], self.settings.mc.placebo)
                for name in RESULTS:
                    if name != "evaluation":
                        getattr(self, name)
                try:
                    sc = child.result()
                except Exception:  # noqa: BLE001 — no data, or no second process: run_evaluation says which
                    sc = None
            self.__dict__["evaluation"] = self._evaluation(sc)
        self.outcomes()
        return self

    # -- profiles ------------------------------------------------------------------------------------------
    @cached_property
    def profile(self) -> Outcome[pd.DataFrame]:
        return self._once("profile", lambda: P.latest_values(self.panel, self.regions))

    @cached_property
    def wages_usd(self) -> Outcome[pd.DataFrame]:
        return self._once("wages_usd", lambda: P.usd_series(self.panel, "wage_nominal", self.regions))

    @cached_property
    def trade_usd(self) -> Outcome[dict[str, pd.DataFrame]]:
        return self._once("trade_usd", lambda: {ind: P.series(self.panel, ind, self.regions)
                                                for ind in ("exports_usd", "imports_usd", "exports_cis_usd")})

    @cached_property
    def coverage(self) -> Outcome[P.CoverageResult]:
        return self._once("coverage", lambda: P.coverage_of(self.panel, self.regions, COVERAGE_YEARS))

    # -- preconditions -------------------------------------------------------------------------------------
    @cached_property
    def preconditions(self) -> Outcome[Any]:
        """Preconditions of the pair against the other border pairs (meanings in English)."""
        return self.preconditions_in("en")

    def preconditions_in(self, lang: str) -> Outcome[Any]:
        """The preconditions with their plain-language meanings in ``lang`` (the numbers do not depend on it)."""
        key = ("preconditions", lang)
        with self._lock:
            if key in self._per_lang:
                return self._per_lang[key]
        out = self._once("preconditions", lambda: A.run_preconditions(
            self.panel, self.pair, self.settings.comparator_pairs, lang))
        with self._lock:
            return self._per_lang.setdefault(key, out)

    @cached_property
    def convergence(self) -> Outcome[A.ConvergenceBundle]:
        return self._once("convergence", lambda: A.run_convergence(self.panel))

    # -- input-output --------------------------------------------------------------------------------------
    @cached_property
    def partner_size(self) -> tuple[float, str] | None:
        """The partner region's share of its country's GDP (the FLQ size term) with its provenance."""
        return partner_share(self.panel, self.pair[1], self.settings.io_year)

    @cached_property
    def io_analysis(self) -> Outcome[IOAnalysis]:
        """The one input-output analysis of the pair (both regions), used by the IO section and the scenarios."""
        size = self.partner_size
        return self._once("io_analysis", lambda: A.run_io_analysis(
            self.panel, self.pair, year=self.settings.io_year, delta=self.settings.io_delta,
            shock=self.settings.io_shock, partner_share=size[0] if size else None))

    @cached_property
    def io(self) -> Outcome[A.IOBundle]:
        ia = self.io_analysis
        if not ia.ok:
            return Outcome("io", None, ia.reason, ia.seconds)
        return self._once("io", lambda: A.io_bundle(ia.value, self.settings.io_delta))

    @cached_property
    def multipliers(self) -> tuple[dict[str, Parameter], list[str]]:
        """The scenario chain's output and GVA multipliers of each side (from :attr:`io_analysis`)."""
        ia = self.io_analysis
        size = self.partner_size
        no_size = "" if size is not None else (
            f"the store has no {PARTNER_SHARE_INDICATOR} of {self.pair[1]} (its share of national GDP, the FLQ "
            "size term)")
        return io_multipliers(ia.value, self.pair, deltas=self.settings.io_deltas,
                              share_note=size[1] if size else "",
                              reason=f"the input-output analysis failed ({ia.reason})" if ia.reason else "",
                              partner_reason=no_size)

    # -- index, directions ---------------------------------------------------------------------------------
    @cached_property
    def index(self) -> Outcome[Any]:
        return self._once("index", lambda: A.run_index(self.panel, self.settings.all_border_pairs,
                                                        self.settings.mc.index))

    @cached_property
    def directions(self) -> Outcome[Any]:
        """The ranking of the directions (names in English; :meth:`directions_in` relabels)."""
        link = None
        io = self.io.value
        if io is not None:
            link = A.linkages_by_direction(io, self.pair[0]).to_frame()
        return self._once("directions", lambda: A.run_directions(
            self.settings.survey_files or None, self.settings.mc.directions, link, seed=self.settings.seed))

    def directions_in(self, lang: str) -> Outcome[Any]:
        """:attr:`directions` with the names of the directions and criteria in ``lang`` (same numbers)."""
        out = self.directions
        if not out.ok:
            return out
        return Outcome(out.name, A.relabel_directions(out.value, lang), None, out.seconds)

    # -- models --------------------------------------------------------------------------------------------
    @cached_property
    def gravity(self) -> Outcome[A.GravityBundle]:
        return self._once("gravity", lambda: A.run_gravity(sigma=self.settings.gravity_sigma,
                                                            draws=self.settings.mc.gravity, seed=self.settings.seed))

    @cached_property
    def evaluation(self) -> Outcome[A.EvaluationBundle]:
        return self._evaluation(None)

    def _evaluation(self, sc: Any) -> Outcome[A.EvaluationBundle]:
        return self._once("evaluation", lambda: A.run_evaluation(self.panel, self.pair[0], self.settings.mc.placebo,
                                                                  sc=sc))

    @cached_property
    def factors(self) -> Outcome[Any]:
        return self._once("factors", lambda: O.run_factors(self.panel, self.settings.mc.bootstrap))

    @cached_property
    def subjective(self) -> Outcome[Any]:
        """Subjective factors: ties register, EDB barometer, surveys per side, the institutional dimension."""
        from regint.study.subjective import run_subjective

        return self._once("subjective", lambda: run_subjective(
            self.panel, self.settings.subjective_files, self.settings.report_date.year, pair=self.settings.pair))

    # -- scenarios -----------------------------------------------------------------------------------------
    def scenario_inputs(self, spec: Any) -> Any:
        """Baseline and parameters of a scenario file for this study (:mod:`regint.study.scenario_inputs`)."""
        from regint.study.scenario_inputs import scenario_inputs

        return scenario_inputs(spec, self.panel, self.pair, self.multipliers, base_year=self.scenario_base_year,
                               pair_trade=self.pair_trade)

    @cached_property
    def scenario_base_year(self) -> int:
        """First year of the projections: ``settings.base_year``, else the latest year both sides have data."""
        from regint.scenarios import default_baseline
        from regint.study.scenario_inputs import common_base_year

        return (self.settings.base_year or common_base_year(self.panel, self.pair, self.settings.report_date.year)
                or default_baseline().year)

    @cached_property
    def pair_trade(self) -> tuple[Any, str]:
        """The gravity allocation of the pair's trade (estimate, message) for the scenarios."""
        from regint.study.scenario_inputs import study_pair_trade

        return study_pair_trade(self.panel, self.pair, self.scenario_base_year, self.gravity.value)

    @cached_property
    def scenarios(self) -> Outcome[Any]:
        return self._once("scenarios", lambda: O.run_scenarios(
            self, self.settings.scenario_files or None, self.settings.mc.scenarios, self.settings.seed))

    # -- maps, validation ----------------------------------------------------------------------------------
    @cached_property
    def maps(self) -> Outcome[Any]:
        return self._once("maps", lambda: O.run_maps(self.panel, self.pair))

    @cached_property
    def validation(self) -> Outcome[pd.DataFrame]:
        from regint.study.validation import run_validation

        return self._once("validation", run_validation)

    def __repr__(self) -> str:
        done = [n for n in RESULTS if n in self.__dict__]
        return f"Study({self.settings.pair_label}, {len(self.panel):,} observations, computed: {done or 'none'})"
