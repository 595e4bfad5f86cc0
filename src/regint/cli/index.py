"""``regint index build``: the cross-border integration index with its uncertainty, as tables and charts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regint.cli._console import make_console

if TYPE_CHECKING:
    import pandas as pd

    from regint.index.pairs import PairIndexResult


def _window_text(result: PairIndexResult) -> str:
    window = getattr(result, "window", None)
    if window is None:
        years = result.scores.index.get_level_values("year")
        return f"{years.min()}–{years.max()}"
    return f"{window[0]}–{window[1]}"


def _about(result: PairIndexResult) -> pd.DataFrame:
    """What was built: window, choices, indicators left out."""
    import pandas as pd

    spec = result.index.spec
    items = [
        ("window", _window_text(result)),
        ("window rule", getattr(result, "window_rule", "")),
        ("imputation", "+".join(spec.imputations()) + " (inside the window only; no extrapolation)"),
        ("normalisation", f"{spec.normalise} ({spec.panel_bounds} over the pairs and years), "
                          f"scores {spec.bounds[0]:g}–{spec.bounds[1]:g}"),
        ("aggregation", spec.aggregate),
        ("left out for lack of data", ", ".join(result.dropped) or "none"),
        ("left out as constant", ", ".join(getattr(result, "constant", ())) or "none"),
    ]
    if result.uncertainty is not None:
        items.append(("Monte Carlo", f"{result.uncertainty.ranks.shape[1]} runs (N = {result.uncertainty.n}); "
                                     f"factors: {', '.join(result.uncertainty.factors)}"))
    return pd.DataFrame(items, columns=["item", "value"])


def _coverage_table(result: PairIndexResult) -> pd.DataFrame:
    import pandas as pd

    names = result.index.framework.table["name"]
    if hasattr(result, "indicator_coverage"):
        cov = result.indicator_coverage()
    else:
        cov = pd.DataFrame({"indicator": list(result.index.framework.indicators)})
    cov.insert(1, "name", cov["indicator"].map(names).fillna(cov["indicator"]))
    parents = result.index.framework.table["parent"]
    cov.insert(1, "dimension", cov["indicator"].map(parents))
    return cov


def write_tables(result: PairIndexResult, out: Path) -> list[Path]:
    """Write scores, ranks, dimension scores, intervals and indicators as CSV and one XLSX workbook."""

    out.mkdir(parents=True, exist_ok=True)
    frames: dict[str, pd.DataFrame] = {
        "scores": result.scores.unstack("year"),
        "ranks": result.ranks.unstack("year"),
        "dimension_scores": result.dimension_scores.reset_index(),
        "indicators": result.indicators,
        "weights": result.index.weights.rename("weight").reset_index(),
        "coverage": _coverage_table(result),
        "about": _about(result),
    }
    if result.uncertainty is not None:
        frames["intervals"] = result.uncertainty.intervals.reset_index()
        frames["sensitivity"] = result.uncertainty.sensitivity.reset_index()
    from regint.exports import write_csvs, write_xlsx

    written = write_csvs(frames, out, index=("scores", "ranks"))
    written.append(write_xlsx(frames, out / "index.xlsx", index=("scores", "ranks")))
    return written


_SOURCE_LINE = ("Sources: Rosstat, Belstat (oblast series to 2016), World Bank WDI (national PPP; inflation of Belarus), "
                "GeoNames (administrative centres). Gaps interpolated inside the window only, never extrapolated; "
                "indicators available differ by year (coverage column); one-sided and proxy indicators are named in "
                "the coverage table.")


def _pair_label(pair: object) -> str:
    from regint.index.pairs import PAIR_NAMES

    return f"{PAIR_NAMES[str(pair)]} ({pair})" if str(pair) in PAIR_NAMES else str(pair)


def _footer(fig, text: str) -> None:
    import textwrap

    fig.text(0.01, 0.01, "\n".join(textwrap.wrap(text, 150)), fontsize=6.5, color="0.35", ha="left", va="bottom")


def write_charts(result: PairIndexResult, out: Path) -> list[Path]:
    """Index over time with the 5–95 % band of the Monte Carlo, and the dimension profile of each pair."""
    import matplotlib

    matplotlib.use("Agg")
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    window = _window_text(result)
    spec = result.index.spec
    scores = result.scores.unstack("pair")
    fig, ax = plt.subplots(figsize=(9, 5))
    for pair in scores.columns:
        line = ax.plot(scores.index, scores[pair], marker="o", ms=3, label=_pair_label(pair))[0]
        if result.uncertainty is not None:
            iv = result.uncertainty.intervals.xs(pair, level=0).reindex(scores.index)
            ax.fill_between(scores.index, iv["p05_score"], iv["p95_score"], alpha=0.15, color=line.get_color(),
                            linewidth=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")
    ax.set_ylabel(f"index score ({spec.bounds[0]:g}–{spec.bounds[1]:g}, {spec.normalise} over pairs and years)")
    band = ""
    if result.uncertainty is not None:
        iv_all = result.uncertainty.intervals
        used = int(iv_all["band_runs"].median()) if "band_runs" in iv_all.columns else result.uncertainty.ranks.shape[1]
        band = (f"shaded: 5th–95th percentile of the score over the Monte Carlo runs with the nominal normalisation "
                f"and aggregation ({used} of {result.uncertainty.ranks.shape[1]} runs)")
    fig.suptitle(f"Cross-border integration index of the Union State border pairs, {window}", x=0.01, ha="left",
                 fontsize=11)
    ax.set_title(band.strip(), fontsize=8, loc="left")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="pair (RU region – BY region)",
              title_fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    _footer(fig, _SOURCE_LINE)
    for ext in ("png", "svg"):
        path = out / f"index_over_time.{ext}"
        fig.savefig(path, dpi=150)
        written.append(path)
    plt.close(fig)

    fw = result.index.framework
    dims = result.dimension_scores[[d for d in fw.dimensions if d in result.dimension_scores.columns]]
    last_year = max(dims.index.get_level_values("year"))
    latest = dims.xs(last_year, level="year")
    names = fw.table["name"]
    fig, ax = plt.subplots(figsize=(9, 5))
    width = 0.8 / max(len(latest), 1)
    for i, (pair, row) in enumerate(latest.iterrows()):
        ax.bar([j + i * width for j in range(len(row))], row.to_numpy(), width=width, label=_pair_label(pair))
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(latest.columns))])
    ax.set_xticklabels(["\n".join(textwrap.wrap(str(names.get(c, c)), 15, break_long_words=False)) for c in latest.columns],
                       fontsize=7.5)
    ax.set_ylabel(f"dimension score ({spec.bounds[0]:g}–{spec.bounds[1]:g})")
    ax.set_ylim(0, max(100.0, float(spec.bounds[1])))
    ax.grid(axis="y", alpha=0.3)
    fig.suptitle(f"Dimension profile of each pair in {last_year}", x=0.01, ha="left", fontsize=11)
    ax.set_title(f"scores relative to all pairs and years of the window {window}", fontsize=8, loc="left")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="pair", title_fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    _footer(fig, _SOURCE_LINE)
    for ext in ("png", "svg"):
        path = out / f"dimension_profile.{ext}"
        fig.savefig(path, dpi=150)
        written.append(path)
    plt.close(fig)
    return written


def index_build_command(
    framework: Annotated[Path | None, typer.Option("--framework", "-f", help="Framework CSV (default: the "
                                                   "shipped border_pairs.csv).")] = None,
    uncertainty: Annotated[int, typer.Option("--uncertainty", "-n", min=0, help="Base sample size N of the "
                                             "Monte Carlo (0 to skip).")] = 1000,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out/index"),
    years: Annotated[str | None, typer.Option("--years", "-y", help="Window, e.g. 2005-2016 (default: the years "
                                              "where at least half of the indicators have data for a pair).")
                     ] = None,
) -> None:
    """Build the cross-border integration index of the Union State border pairs."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from regint.data.api import load_panel  # the data layer, imported here so the CLI starts fast
    from regint.data.catalogs import regions
    from regint.errors import RegintError
    from regint.index.framework import Framework
    from regint.index.pairs import BORDER_PAIRS, build_pair_index, catalog_distances

    console = make_console()
    try:
        fw = Framework.read_csv(framework) if framework is not None else None
        panel = load_panel(indicators=None, regions=None)
        distances = catalog_distances(regions(), BORDER_PAIRS)
        with Progress(TextColumn("Monte Carlo"), BarColumn(), TextColumn("{task.completed}/{task.total} blocks"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("mc", total=None)

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = build_pair_index(panel, BORDER_PAIRS, fw, uncertainty, distances=distances, progress=tick,
                                      years=years)
        files = write_tables(result, out) + write_charts(result, out)
    except RegintError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc
    console.print(result.summary())
    console.print(f"window {_window_text(result)}; wrote {len(files)} files to {out}")
