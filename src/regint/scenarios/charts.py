"""Charts of scenario results: fan charts, tornado, scenario comparison (matplotlib, Agg backend)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from regint.scenarios.engine import OUTCOMES  # noqa: E402
from regint.scenarios.results import ScenarioResult  # noqa: E402
from regint.scenarios.sensitivity import TornadoResult  # noqa: E402
from regint.scenarios.sequencing import Plan  # noqa: E402
from regint.scenarios.targets import parse_target  # noqa: E402

__all__ = ["comparison_chart", "fan_chart", "gantt_figure", "split_chart", "tornado_chart"]

COLOURS = ("#2c3e50", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085")


def _years_axis(ax: plt.Axes) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _finish(fig: plt.Figure, path: Path, note: str) -> Path:
    fig.text(0.01, 0.01, textwrap.fill(note, 150), fontsize=6.5, va="bottom")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def fan_chart(result: ScenarioResult, outcome: str, path: Path, target: str | None = None) -> Path:
    """Median, 25–75 % and 5–95 % bands of one outcome over the years, with the central run and a target."""
    q = result.quantiles(outcome)
    desc, unit = OUTCOMES.get(outcome, (outcome, ""))
    fig, ax = plt.subplots(figsize=(8, 4.8))
    yrs = q.index.to_numpy()
    ax.fill_between(yrs, q["p5"], q["p95"], color="#3498db", alpha=0.18, label="5–95 %")
    ax.fill_between(yrs, q["p25"], q["p75"], color="#3498db", alpha=0.38, label="25–75 %")
    ax.plot(yrs, q["p50"], color="#1f4e79", lw=2, label="median")
    ax.plot(yrs, q["central"], color="#1f4e79", lw=1, ls=":", label="central parameters")
    if target:
        t = parse_target(target)
        if t.outcome == outcome and not t.relative:
            ax.axhline(t.value, color="#c0392b", ls="--", lw=1, label=f"target {t}")
    if outcome in result.inertial_central:
        ax.plot(yrs, result.inertial_central[outcome], color="#7f8c8d", lw=1, ls="--", label="inertial (central)")
    ax.set_title(f"{result.title}: {desc}", fontsize=11)
    ax.set_ylabel(unit)
    ax.set_xlabel("year")
    _years_axis(ax)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    note = (f"Monte Carlo, {result.n_draws:,} draws (seed {result.seed}), PERT over every parameter's low/central/"
            "high; sources and statuses in parameters.csv. Baseline fallbacks: "
            f"{', '.join(result.baseline.fallbacks) if result.baseline else 'n/a'}.")
    return _finish(fig, path, note)


def tornado_chart(t: TornadoResult, path: Path, top: int = 12) -> Path:
    """Horizontal bars of the low/high swings, largest on top."""
    f = t.frame.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(f) + 1.8))
    y = range(len(f))
    lo = f["outcome_low"] - t.central
    hi = f["outcome_high"] - t.central
    pos = list(y)
    ax.barh([p + 0.2 for p in pos], lo, left=t.central, height=0.4, color="#2980b9", label="parameter at low")
    ax.barh([p - 0.2 for p in pos], hi, left=t.central, height=0.4, color="#e67e22", label="parameter at high")
    ax.axvline(t.central, color="black", lw=0.8)
    ax.set_yticks(list(y))
    ax.set_yticklabels([f"{p} [{s}]" for p, s in zip(f["parameter"], f["status"], strict=True)], fontsize=8)
    desc, unit = OUTCOMES.get(t.outcome, (t.outcome, ""))
    ax.set_xlabel(f"{desc} in {t.year} ({unit})")
    ax.set_title(f"Tornado: {desc}, {t.year}, scenario {t.scenario}", fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, path, "One at a time: each parameter at its low and high value, all others central "
                              "(interactions not captured). [status] from the parameter's source.")


def comparison_chart(results: Sequence[ScenarioResult], outcome: str, path: Path, target: str | None = None) -> Path:
    """Medians and 25–75 % bands of one outcome for several scenarios."""
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for i, r in enumerate(results):
        q = r.quantiles(outcome)
        c = COLOURS[i % len(COLOURS)]
        ax.fill_between(q.index, q["p25"], q["p75"], color=c, alpha=0.15)
        ax.plot(q.index, q["p50"], color=c, lw=2, label=r.title)
    if target:
        t = parse_target(target)
        if t.outcome == outcome and not t.relative:
            ax.axhline(t.value, color="#c0392b", ls="--", lw=1, label=f"target {t}")
    desc, unit = OUTCOMES.get(outcome, (outcome, ""))
    ax.set_title(f"Scenarios compared: {desc}", fontsize=11)
    ax.set_ylabel(unit)
    ax.set_xlabel("year")
    _years_axis(ax)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _finish(fig, path, "Median (line) and 25–75 % band over the Monte Carlo draws of each scenario; same "
                              "seed for all scenarios, so the differences come from the levers.")


def gantt_figure(plan: Plan, names: dict[str, str] | None = None, *, title: str = "", xlabel: str = "year",
                 reach_label: str = "target reached", cost_label: str = "mln RUB: RU {ru:,.0f} / BY {by:,.0f}",
                 probability: Sequence[tuple[int, float]] | None = None, prob_label: str = "P(reached by year)"
                 ) -> plt.Figure:
    """The fastest path as a Gantt chart: one bar per measure from its start to its completion year (labelled with its
    cost per side), the reach year marked, and the probability of reaching the target by each year (second axis).

    Returns the matplotlib figure (the caller saves it or embeds it as SVG).
    """
    frame = plan.to_frame()
    names = names or {}
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(frame), 1) + 2.0))
    starts = dict(plan.starts)
    for i, r in enumerate(frame.itertuples(index=False)):
        ax.barh(i, r.complete - r.start + 1, left=r.start - 0.5, height=0.55, color=COLOURS[i % len(COLOURS)])
        ax.text(r.complete + 0.6, i, names.get(str(r.lever), str(r.lever)), va="center", fontsize=8)
    ax.set_yticks(range(len(frame)))
    ax.set_yticklabels([f"{r.start}–{r.complete}" for r in frame.itertuples(index=False)], fontsize=8)
    ax.invert_yaxis()
    if plan.reach_year is not None:
        ax.axvline(plan.reach_year - 0.5, color="#c0392b", ls="--", lw=1)
        ax.text(plan.reach_year - 0.4, 0.02, reach_label, color="#c0392b", fontsize=8,
                transform=ax.get_xaxis_transform())
    ru = float(plan.spend_ru.sum()) if plan.spend_ru is not None else float("nan")
    by = float(plan.spend_by.sum()) if plan.spend_by is not None else float("nan")
    ax.set_title(f"{title}\n{cost_label.format(ru=ru, by=by)}" if title else cost_label.format(ru=ru, by=by),
                 fontsize=10)
    ax.set_xlabel(xlabel)
    _years_axis(ax)
    ax.grid(axis="x", alpha=0.3)
    if probability:
        ax2 = ax.twinx()
        ax2.step([y for y, _ in probability], [p for _, p in probability], where="mid", color="#7f8c8d", lw=1.2)
        ax2.set_ylim(0, 1.05)
        ax2.set_ylabel(prob_label, fontsize=8)
    years = [int(y) for y in plan.spend.index]
    ax.set_xlim(min([*years[:1], *starts.values()]) - 1, max(years) + 1)
    fig.tight_layout()
    return fig


def split_chart(frame: object, path: Path, title: str = "NPV of each side against the Russian share of shared costs"
                ) -> Path:
    """Each side's NPV (median and 5–95 % band, mln USD) over the Russian share of shared costs 0..1
    (:func:`regint.scenarios.accounts.npv_by_split`)."""
    import pandas as pd

    f = pd.DataFrame(frame)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, (side, sub) in enumerate(f.groupby("side", sort=False)):
        ax.fill_between(sub["share_ru"], sub["p5"], sub["p95"], color=COLOURS[i], alpha=0.15)
        ax.plot(sub["share_ru"], sub["npv_usd"], color=COLOURS[i], lw=2, label=str(side))
    ax.axhline(0, color="black", lw=0.7)
    ax.set_xlabel("Russian share of the shared measures' cost")
    ax.set_ylabel("NPV, mln USD")
    ax.set_title(title, fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _finish(fig, path, "Median and 5–95 % band over the Monte Carlo draws; benefits are additional GVA, costs "
                              "budget outlays; discounted at the study's rate.")
