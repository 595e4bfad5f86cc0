"""The fastest path: which levers, in which order and when, reach a target soonest under a budget.

Planning convention (stated in every result): a lever counts toward the target from its completion year
:math:`s_k + L_k - 1`; the target must hold in year :math:`T` with the completed levers at full effect and
nothing else. The search uses the central parameter values; :func:`plan_scenario` turns a plan into a
scenario for the Monte Carlo.

Constraints: ``annual`` budget (mln RUB in every year of the horizon, both sides together), ``total``
budget over the horizon, and prerequisites: a lever starts only after each prerequisite is complete
(``"complete"``: :math:`s_k \\ge s_j + L_j`) or started the year before (``"started"``: :math:`s_k \\ge s_j + 1`).

Methods: ``"exact"`` — for T = first year, ..., enumerate the lever sets S whose completion by T meets the
target (all :math:`2^K` sets evaluated in one vectorised projection), cheapest first, and solve a MILP
(``scipy.optimize.milp``, HiGHS) over binary start-year variables :math:`x_{k,s}` for feasibility; the first
feasible (T, S) is optimal. ``"heuristic"`` — greedy by effect per cost with list scheduling, then local
search (add, drop, swap order) — for catalogues too large to enumerate. :func:`brute_force` enumerates every
start vector (tests; catalogues of at most 6 levers and short horizons).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from regint._options import check_option
from regint.scenarios._errors import ScenarioError
from regint.scenarios.baseline import Baseline
from regint.scenarios.chain import cost_profile
from regint.scenarios.engine import OUTCOMES, LeverArrays, all_parameters, central_draws, project
from regint.scenarios.levers import LeverCatalogue
from regint.scenarios.parameters import Parameter
from regint.scenarios.spec import NEVER, ScenarioSpec
from regint.scenarios.targets import DEFAULT_HOLD, Target, parse_target, sustained

__all__ = ["FastestPathResult", "Plan", "PlanningProblem", "brute_force", "fastest_path", "plan_scenario"]

PrerequisiteMode = Literal["complete", "started"]
Method = Literal["auto", "exact", "heuristic"]
CONVENTION = ("A lever counts toward the target from its completion year (start + lag − 1); the target is reached in "
              "year T when it holds in T and the following years required (its hold) with the levers completed by "
              "then at full effect (central parameter values). Measures in force are part of the baseline and never "
              "chosen; no measure starts before the first measure year.")


@dataclass
class PlanningProblem:
    """The data of one fastest-path problem, with a cache of target checks per lever set."""

    catalogue: LeverCatalogue
    baseline: Baseline
    params: Mapping[str, Parameter]
    target: Target
    years: np.ndarray
    intensity: np.ndarray
    budget_annual: float | None = None
    budget_total: float | None = None
    mode: PrerequisiteMode = "complete"
    weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25)
    first_start: int | None = None
    _cache: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        check_option("prerequisite mode", self.mode, ("complete", "started"))
        self.arrays = LeverArrays.from_catalogue(self.catalogue)
        self.K = len(self.catalogue)
        self.lag = self.arrays.lag
        self.cost = np.array([self.params[f"{i}.cost"].central if f"{i}.cost" in self.params
                              else self.catalogue[i].cost.central for i in self.catalogue.ids]) * self.intensity
        self.pre = [[self.catalogue.index(p) for p in lv.prerequisites] for lv in self.catalogue]
        self.gap = np.array([lv.lag if self.mode == "complete" else 1 for lv in self.catalogue])
        self._draws = central_draws(all_parameters(self.catalogue, self.params))
        self.y0 = int(self.years[0]) if self.first_start is None else max(int(self.years[0]), int(self.first_start))
        self.hold = self.target.hold
        self.inertial: np.ndarray | None = None
        if self.target.relative:
            zero = project(self.baseline, self.arrays, self.years, {k: v[:1] for k, v in self._draws.items()},
                           np.zeros(self.K), np.full(self.K, NEVER), self.weights)
            self.inertial = zero[self.target.outcome][0]

    # -- target checks -------------------------------------------------------------------------------
    def met(self, masks: Iterable[int]) -> np.ndarray:
        """Boolean (len, Y): does the target hold in each year with exactly these levers complete?"""
        masks = list(masks)
        todo = [m for m in dict.fromkeys(masks) if m not in self._cache]
        for lo in range(0, len(todo), 4096):
            part = todo[lo:lo + 4096]
            bits = ((np.array(part)[:, None] >> np.arange(self.K)) & 1).astype(float)
            n = len(part)
            draws = {k: np.repeat(v[:1], n) for k, v in self._draws.items()}
            start = np.full((n, self.K), int(self.years[0]) - 1000)
            out = project(self.baseline, self.arrays, self.years, draws, bits * self.intensity, start, self.weights)
            ok = self.target.met(out[self.target.outcome], self.inertial)
            for m, row in zip(part, ok, strict=True):
                self._cache[m] = row
        return np.array([self._cache[m] for m in masks]).reshape(len(masks), len(self.years))

    def closure(self, mask: int) -> int:
        out, changed = mask, True
        while changed:
            changed = False
            for k in range(self.K):
                if out >> k & 1:
                    for j in self.pre[k]:
                        if not out >> j & 1:
                            out |= 1 << j
                            changed = True
        return out

    # -- schedules -------------------------------------------------------------------------------------
    def spend(self, starts: np.ndarray) -> np.ndarray:
        """Budget spent per year (Y,) by a start vector (NEVER = not started)."""
        prof = cost_profile(starts, self.lag, self.arrays.per_year, self.years)  # (K, Y)
        return (self.cost[:, None] * prof).sum(axis=0)

    def feasible(self, starts: np.ndarray) -> bool:
        started = starts < NEVER
        for k in np.flatnonzero(started):
            for j in self.pre[k]:
                if not started[j] or starts[k] < starts[j] + self.gap[j]:
                    return False
        sp = self.spend(starts)
        if self.budget_annual is not None and sp.max(initial=0.0) > self.budget_annual + 1e-6:
            return False
        return not (self.budget_total is not None and sp.sum() > self.budget_total + 1e-6)

    def reach_year(self, starts: np.ndarray) -> int | None:
        """First year from which the target holds ``hold`` years running with the levers complete by each year."""
        done = (starts[None, :] + self.lag[None, :] - 1) <= self.years[:, None]  # (Y, K)
        masks = (done * (1 << np.arange(self.K))).sum(axis=1)
        met = self.met(masks.tolist())
        hit = sustained(met[np.arange(len(self.years)), np.arange(len(self.years))], self.hold)
        return int(self.years[np.argmax(hit)]) if hit.any() else None

    def spend_by_side(self, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Budget spent per year (Y,) by the Russian and by the Belarusian side (each lever's ``ru_share``)."""
        prof = cost_profile(starts, self.lag, self.arrays.per_year, self.years)
        spend = self.cost[:, None] * prof
        share = self.arrays.ru_share[:, None]
        return (spend * share).sum(axis=0), (spend * (1.0 - share)).sum(axis=0)


@dataclass(frozen=True)
class Plan:
    """Start years of the chosen levers, the year the target is reached and what it costs."""

    target: str
    reach_year: int | None
    starts: Mapping[str, int]
    spend: pd.Series
    method: str
    explanation: tuple[str, ...] = ()
    lags: Mapping[str, int] = field(default_factory=dict)
    #: Spend of each side per year (mln RUB; each lever's ``ru_share``) and the measures left out as in force.
    spend_ru: pd.Series | None = None
    spend_by: pd.Series | None = None
    excluded: tuple[str, ...] = ()
    hold: int = DEFAULT_HOLD

    @property
    def total_cost(self) -> float:
        return float(self.spend.sum())

    def to_frame(self) -> pd.DataFrame:
        rows = [{"lever": k, "start": s, "complete": s + self.lags.get(k, 1) - 1, "lag": self.lags.get(k, 1)}
                for k, s in sorted(self.starts.items(), key=lambda kv: (kv[1], kv[0]))]
        return pd.DataFrame(rows, columns=["lever", "start", "complete", "lag"])

    def summary(self) -> str:
        when = "not within the horizon" if self.reach_year is None else str(self.reach_year)
        lines = [f"Fastest path to {self.target}: {when} ({self.method}); budget used {self.total_cost:,.0f} mln RUB"]
        for _, r in self.to_frame().iterrows():
            lines.append(f"  {r['lever']:<22} start {r['start']}  complete {r['complete']}")
        lines += [f"  {e}" for e in self.explanation]
        return "\n".join(lines)


@dataclass(frozen=True)
class FastestPathResult:
    """The plan, how it was found, and the planning convention."""

    plan: Plan
    problem_size: str
    convention: str = CONVENTION
    milp_calls: int = 0

    def to_frame(self) -> pd.DataFrame:
        return self.plan.to_frame()

    def summary(self) -> str:
        return f"{self.plan.summary()}\n  [{self.problem_size}; {self.milp_calls} MILP solves]\n  {self.convention}"


# -- exact ---------------------------------------------------------------------------------------------
def _milp_schedule(pp: PlanningProblem, complete: int, started: int, T: int) -> np.ndarray | None:
    """Start vector where the levers of ``complete`` finish by T and those of ``started`` start by T but
    finish after it, within budget and prerequisites; ``None`` if infeasible."""
    y0 = pp.y0
    var: list[tuple[int, int]] = []
    for k in range(pp.K):
        if complete >> k & 1:
            rng = range(y0, T - int(pp.lag[k]) + 2)
        elif started >> k & 1:
            rng = range(max(y0, T - int(pp.lag[k]) + 2), T + 1)
        else:
            continue
        if len(rng) == 0:
            return None
        var += [(k, s) for s in rng]
    nv = len(var)
    ks = np.array([v[0] for v in var])
    ss = np.array([v[1] for v in var], dtype=float)
    rows, lo, hi = [], [], []
    for k in set(ks.tolist()):
        rows.append((ks == k).astype(float))
        lo.append(1.0)
        hi.append(1.0)
        for j in pp.pre[k]:
            rows.append(np.where(ks == k, ss, 0.0) - np.where(ks == j, ss, 0.0))
            lo.append(float(pp.gap[j]))
            hi.append(np.inf)
    spend = np.stack([pp.cost[k] * cost_profile(np.array([s]), pp.lag[k:k + 1], pp.arrays.per_year[k:k + 1],
                                                pp.years)[0] for k, s in var])  # (nv, Y)
    if pp.budget_annual is not None:
        for t in range(len(pp.years)):
            if spend[:, t].any():
                rows.append(spend[:, t])
                lo.append(-np.inf)
                hi.append(pp.budget_annual)
    total = spend.sum(axis=1)
    if pp.budget_total is not None:
        rows.append(total)
        lo.append(-np.inf)
        hi.append(pp.budget_total)
    c = total + 1e-3 * (ss - y0)
    res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi), integrality=np.ones(nv),
               bounds=Bounds(0, 1), options={"presolve": True})
    if res.status != 0 or res.x is None:
        return None
    starts = np.full(pp.K, NEVER, dtype=int)
    for (k, s), xv in zip(var, res.x, strict=True):
        if xv > 0.5:
            starts[k] = s
    return starts


def _earliest(pp: PlanningProblem, mask: int) -> np.ndarray:
    """Earliest start of each lever of ``mask`` from prerequisites alone (critical-path method)."""
    es = np.full(pp.K, pp.y0)
    for k in (pp.catalogue.index(i) for i in pp.catalogue.topological_order()):
        if mask >> k & 1:
            for j in pp.pre[k]:
                es[k] = max(es[k], es[j] + pp.gap[j])
    return es


def _exact(pp: PlanningProblem) -> tuple[np.ndarray | None, int]:
    all_masks = np.arange(1 << pp.K)
    met = sustained(pp.met(all_masks.tolist()), pp.hold)  # (2^K, Y): reached from each year with this set complete
    bits = ((all_masks[:, None] >> np.arange(pp.K)) & 1).astype(bool)
    cost_rank = (bits * pp.cost).sum(axis=1)
    order = np.argsort(cost_rank, kind="stable")
    calls = 0
    for t_idx, T in enumerate(pp.years):
        infeasible: list[int] = []
        for m in order[met[order, t_idx]]:
            m = int(m)
            clo = pp.closure(m)
            if pp.mode == "complete" and clo != m:
                continue  # a completed set is closed under prerequisites in this mode
            if any(m & f == f for f in infeasible):
                continue
            es = _earliest(pp, clo)
            lv = [k for k in range(pp.K) if m >> k & 1]
            if any(es[k] + pp.lag[k] - 1 > T for k in lv):
                if pp.mode == "complete":
                    infeasible.append(m)
                continue
            if pp.budget_total is not None and cost_rank[m] > pp.budget_total + 1e-6:
                if pp.mode == "complete":
                    infeasible.append(m)
                continue
            if m == 0:
                return np.full(pp.K, NEVER, dtype=int), calls
            calls += 1
            sol = _milp_schedule(pp, m, clo & ~m, int(T))
            if sol is not None:
                return sol, calls
            if pp.mode == "complete":
                infeasible.append(m)
    return None, calls


# -- heuristic -------------------------------------------------------------------------------------------
def _list_schedule(pp: PlanningProblem, priority: list[int]) -> np.ndarray:
    """Start each lever (in priority order, prerequisites first) at the earliest year budget and
    prerequisites allow; levers that never fit stay unstarted."""
    chosen = 0
    for k in priority:
        chosen |= 1 << k
    chosen = pp.closure(chosen)
    topo = [pp.catalogue.index(i) for i in pp.catalogue.topological_order()]
    rank = {k: i for i, k in enumerate(priority)}
    todo = sorted((k for k in range(pp.K) if chosen >> k & 1), key=lambda k: rank.get(k, -1))
    starts = np.full(pp.K, NEVER, dtype=int)
    pending = list(todo)
    while pending:
        progressed = False
        for k in sorted(pending, key=lambda k: (topo.index(k) if any(k in pp.pre[x] for x in pending) else 0,
                                                rank.get(k, -1))):
            if any(starts[j] >= NEVER for j in pp.pre[k]):
                continue
            pending.remove(k)
            progressed = True
            first = max([pp.y0] + [int(starts[j] + pp.gap[j]) for j in pp.pre[k]])
            for s in range(first, int(pp.years[-1]) + 1):
                trial = starts.copy()
                trial[k] = s
                if pp.feasible(trial):
                    starts = trial
                    break
            break
        if not progressed:
            break
    return starts


def _score(pp: PlanningProblem, starts: np.ndarray) -> tuple[float, float]:
    yr = pp.reach_year(starts)
    return (float(yr) if yr is not None else np.inf, float(pp.spend(starts).sum()))


def _heuristic(pp: PlanningProblem, iterations: int = 200) -> np.ndarray:
    horizon = len(pp.years) - 1
    full = np.array([pp.met([1 << k])[0] for k in range(pp.K)])  # single levers
    base = pp.met([0])[0]
    # effect per cost: years of the horizon in which the lever alone meets the target, then its margin
    d = central_draws(all_parameters(pp.catalogue, pp.params))
    n = pp.K + 1
    bits = np.vstack([np.zeros(pp.K), np.eye(pp.K)])
    out = project(pp.baseline, pp.arrays, pp.years, {k: np.repeat(v[:1], n) for k, v in d.items()},
                  bits * pp.intensity, np.full((n, pp.K), int(pp.years[0]) - 1000), pp.weights)
    margin = pp.target.margin(out[pp.target.outcome][:, horizon], None if pp.inertial is None else pp.inertial[horizon])
    gain = (margin[1:] - margin[0]) + 1e-9 * (full.sum(axis=1) - base.sum())
    ratio = gain / np.maximum(pp.cost, 1e-9)
    priority = [int(k) for k in np.argsort(-ratio) if gain[k] > 0]
    best, best_score = np.full(pp.K, NEVER, dtype=int), (np.inf, 0.0)
    chosen: list[int] = []
    for k in priority:  # greedy: add levers in ratio order until the target is reached
        chosen.append(k)
        st = _list_schedule(pp, chosen)
        sc = _score(pp, st)
        if sc < best_score:
            best, best_score = st, sc
    current = [k for k in priority if best[k] < NEVER]
    for _ in range(iterations):  # local search: drop, add, swap
        improved = False
        moves: list[list[int]] = [[x for x in current if x != k] for k in current]
        moves += [current + [k] for k in range(pp.K) if k not in current]
        moves += [current[:i] + [current[i + 1], current[i]] + current[i + 2:] for i in range(len(current) - 1)]
        for mv in moves:
            st = _list_schedule(pp, mv)
            sc = _score(pp, st)
            if sc < best_score:
                best, best_score, current, improved = st, sc, mv, True
                break
        if not improved:
            break
    return best


# -- explanation -----------------------------------------------------------------------------------------
def _explain(pp: PlanningProblem, starts: np.ndarray, reach: int | None) -> tuple[str, ...]:
    ids = pp.catalogue.ids
    if reach is None:
        return ("The target is not reached within the horizon under this budget; the best plan found is shown.",)
    chosen = [k for k in range(pp.K) if starts[k] < NEVER]
    if not chosen:
        return (f"The target already holds in {reach} without any lever.",)
    lines = []
    done = [k for k in chosen if starts[k] + pp.lag[k] - 1 <= reach]
    last = [k for k in done if starts[k] + pp.lag[k] - 1 == reach]
    spend = pp.spend(starts)
    for k in last:
        chain_ids = [ids[k]]
        cur = k
        while True:
            tight = [j for j in pp.pre[cur] if starts[cur] == starts[j] + pp.gap[j]]
            if not tight:
                break
            cur = tight[0]
            chain_ids.append(ids[cur])
        chain_txt = " → ".join(reversed(chain_ids))
        es = _earliest(pp, pp.closure(1 << k))
        reason = ""
        if len(chain_ids) == 1 and starts[k] > es[k]:
            busy = [int(y) for y, s in zip(pp.years, spend, strict=True)
                    if pp.budget_annual and y < starts[k] and s > 0.98 * pp.budget_annual]
            reason = (f"; it waits for budget (annual cap {pp.budget_annual:,.0f} mln RUB used in {busy})" if busy
                      else "; it starts later than it could without changing the reach year")
        lines.append(f"Binding: {ids[k]} completes in {reach} (start {starts[k]}, lag {pp.lag[k]} y); "
                     f"critical chain {chain_txt}{reason}.")
    for k in done:
        if k in last:
            continue
        succ_limit = min([int(starts[x] - pp.gap[k]) for x in chosen if k in pp.pre[x]] + [reach - pp.lag[k] + 1])
        lines.append(f"{ids[k]}: start {starts[k]}, slack {succ_limit - starts[k]} y (could start by {succ_limit}).")
    for k in done:
        rest = starts.copy()
        rest[k] = NEVER
        for x in chosen:  # dependants lose their prerequisite too
            if pp.closure(1 << x) >> k & 1:
                rest[x] = NEVER
        alt = pp.reach_year(rest)
        lines.append(f"Without {ids[k]} (and what depends on it; the rest as planned): " +
                     ("target not reached within the horizon." if alt is None else f"reached in {alt}."))
    after = _held(pp, starts, reach)
    if after:
        lines.append(after)
    if pp.budget_annual is not None:
        peak = int(pp.years[int(np.argmax(spend))])
        lines.append(f"Peak budget {spend.max():,.0f} of {pp.budget_annual:,.0f} mln RUB a year in {peak}.")
    return tuple(lines)


def _held(pp: PlanningProblem, starts: np.ndarray, reach: int) -> str:
    """Whether the target still holds after the reach year under the plan (levers complete as planned)."""
    done = (starts[None, :] + pp.lag[None, :] - 1) <= pp.years[:, None]
    masks = (done * (1 << np.arange(pp.K))).sum(axis=1)
    met = pp.met(masks.tolist())[np.arange(len(pp.years)), np.arange(len(pp.years))]
    later = pp.years > reach
    lost = pp.years[later & ~met]
    if not later.any() or not len(lost):
        return f"The target then holds to the end of the horizon ({int(pp.years[-1])})."
    return (f"Caution: the target is lost again in {int(lost[0])} (inertial divergence outruns the levers); it holds "
            f"in {int(met[later].sum())} of the {int(later.sum())} years after {reach}.")


# -- public ------------------------------------------------------------------------------------------------
def _problem(catalogue: LeverCatalogue, baseline: Baseline, params: Mapping[str, Parameter], target: str | Target,
             years: np.ndarray, budget_annual: float | None, budget_total: float | None,
             prerequisite_mode: PrerequisiteMode, intensity: float | np.ndarray,
             weights: tuple[float, float, float, float], first_start: int | None = None,
             hold: int = DEFAULT_HOLD) -> PlanningProblem:
    t = parse_target(target, tuple(OUTCOMES), hold=hold) if isinstance(target, str) else target
    inten = np.broadcast_to(np.asarray(intensity, dtype=float), (len(catalogue),)).copy()
    keep = np.array([not lv.in_force for lv in catalogue])
    return PlanningProblem(catalogue.proposable(), baseline, params, t, np.asarray(years), inten[keep], budget_annual,
                           budget_total, prerequisite_mode, weights, first_start)


def _plan(pp: PlanningProblem, starts: np.ndarray | None, method: str, excluded: tuple[str, ...] = ()) -> Plan:
    if starts is None:
        starts = np.full(pp.K, NEVER, dtype=int)
    reach = pp.reach_year(starts)
    ids = pp.catalogue.ids
    idx = pd.Index(pp.years, name="year")
    ru, by = pp.spend_by_side(starts)
    return Plan(target=str(pp.target), reach_year=reach,
                starts={ids[k]: int(starts[k]) for k in range(pp.K) if starts[k] < NEVER},
                spend=pd.Series(pp.spend(starts), index=idx, name="mln RUB"),
                method=method, explanation=_explain(pp, starts, reach),
                lags={lv.id: lv.lag for lv in pp.catalogue},
                spend_ru=pd.Series(ru, index=idx, name="mln RUB"), spend_by=pd.Series(by, index=idx, name="mln RUB"),
                excluded=excluded, hold=pp.hold)


def fastest_path(catalogue: LeverCatalogue, baseline: Baseline, params: Mapping[str, Parameter],
                 target: str | Target, years: np.ndarray, *, budget_annual: float | None = None,
                 budget_total: float | None = None, prerequisite_mode: PrerequisiteMode = "complete",
                 method: Method = "auto", intensity: float | np.ndarray = 1.0,
                 weights: tuple[float, float, float, float] = (0.25, 0.25, 0.25, 0.25),
                 max_exact: int = 12, first_start: int | None = None, hold: int = DEFAULT_HOLD
                 ) -> FastestPathResult:
    """Order and timing of levers that reach ``target`` soonest under the budget and prerequisites.

    .. math::
        \\min T \\;\\text{s.t.}\\; g_T\\big(\\{k: s_k + L_k - 1 \\le T\\}\\big) \\text{ meets the target},\\quad
        \\sum_k c_k(t; s_k) \\le B_t\\;\\forall t, \\quad s_k \\ge s_j + \\delta_j \\;\\forall j \\in P(k)

    The exact method solves, for each candidate (T, S), the MILP over :math:`x_{k,s} \\in \\{0, 1\\}`:
    :math:`\\sum_s x_{k,s} = 1`, :math:`\\sum_s s\\,x_{k,s} - \\sum_s s\\,x_{j,s} \\ge \\delta_j`,
    :math:`\\sum_{k,s} c_k(t; s)\\, x_{k,s} \\le B_t`, minimising cost.

    Parameters
    ----------
    method : {'auto', 'exact', 'heuristic'}
        ``auto`` is exact up to ``max_exact`` levers, heuristic beyond.
    prerequisite_mode : {'complete', 'started'}
    intensity : float or array (K,)
        Intensity at which each lever would be introduced (scales effect and cost).
    first_start : int, optional
        The earliest start year of any measure (``Settings.first_measure_year``: the year after the report date).
    hold : int
        Consecutive years the target must hold (unless the target's text says otherwise).

    Measures in force (:attr:`regint.scenarios.Lever.in_force`) are part of the baseline and never chosen.

    References
    ----------
    Kelley, J. E. and Walker, M. R. (1959). Critical-path planning and scheduling. *Proc. Eastern Joint
    Computer Conference*, 160–173. Huangfu, Q. and Hall, J. A. J. (2018). Parallelizing the dual revised
    simplex method. *Mathematical Programming Computation* 10: 119–142 (HiGHS).
    """
    check_option("method", method, ("auto", "exact", "heuristic"))
    pp = _problem(catalogue, baseline, params, target, years, budget_annual, budget_total, prerequisite_mode,
                  intensity, weights, first_start, hold)
    use = method if method != "auto" else ("exact" if pp.K <= max_exact else "heuristic")
    if use == "exact" and pp.K > 20:
        raise ScenarioError(f"the exact method enumerates 2^K lever sets; K = {pp.K} is too many",
                            fix="use method='heuristic'")
    calls = 0
    if use == "exact":
        starts, calls = _exact(pp)
    else:
        starts = _heuristic(pp)
    size = f"{pp.K} levers, {len(pp.years)} years, {'2^K = ' + str(1 << pp.K) + ' sets' if use == 'exact' else 'heuristic'}"
    return FastestPathResult(_plan(pp, starts, use, catalogue.in_force_ids), size, milp_calls=calls)


def brute_force(catalogue: LeverCatalogue, baseline: Baseline, params: Mapping[str, Parameter],
                target: str | Target, years: np.ndarray, *, budget_annual: float | None = None,
                budget_total: float | None = None, prerequisite_mode: PrerequisiteMode = "complete",
                intensity: float | np.ndarray = 1.0, first_start: int | None = None, hold: int = DEFAULT_HOLD
                ) -> int | None:
    """Earliest reach year over every start vector (each lever: not started or any year); small cases only."""
    pp = _problem(catalogue, baseline, params, target, years, budget_annual, budget_total, prerequisite_mode,
                  intensity, (0.25, 0.25, 0.25, 0.25), first_start, hold)
    if (len(years) + 1) ** pp.K > 2_000_000:
        raise ScenarioError("too many start vectors to enumerate", fix="use fewer levers or a shorter horizon")
    pp.met(range(1 << pp.K))
    best: int | None = None
    options = [NEVER] + [int(y) for y in years if y >= pp.y0]
    for combo in itertools.product(options, repeat=pp.K):
        st = np.array(combo)
        if not pp.feasible(st):
            continue
        r = pp.reach_year(st)
        if r is not None and (best is None or r < best):
            best = r
    return best


def plan_scenario(plan: Plan, template: ScenarioSpec, intensity: float = 1.0, name: str | None = None
                  ) -> ScenarioSpec:
    """A scenario that starts the plan's levers in the plan's years (for the Monte Carlo of the plan)."""
    return ScenarioSpec(name=name or f"fastest_{plan.target}", start=template.start, end=template.end,
                        levers={k: (intensity, s) for k, s in plan.starts.items()}, targets=(plan.target,),
                        title_en=f"Fastest path to {plan.target}", title_ru=f"Быстрейший путь: {plan.target}",
                        budget_annual=template.budget_annual, budget_total=template.budget_total,
                        score_weights=template.score_weights, path=template.path,
                        parameter_overrides=template.parameter_overrides, cost_share_ru=template.cost_share_ru,
                        hold=plan.hold)


