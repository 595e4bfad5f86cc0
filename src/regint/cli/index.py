"""``regint index build``: the cross-border integration index with its uncertainty, as tables and charts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regint.cli._console import make_console

if TYPE_CHECKING:
    from regint.index.pairs import PairIndexResult


def write_tables(result: PairIndexResult, out: Path) -> list[Path]:
    """Write scores, ranks, dimension scores, intervals and indicators as CSV and one XLSX workbook."""
    import pandas as pd

    out.mkdir(parents=True, exist_ok=True)
    frames: dict[str, pd.DataFrame] = {
        "scores": result.scores.unstack("year"),
        "ranks": result.ranks.unstack("year"),
        "dimension_scores": result.dimension_scores.reset_index(),
        "indicators": result.indicators,
        "weights": result.index.weights.rename("weight").reset_index(),
    }
    if result.uncertainty is not None:
        frames["intervals"] = result.uncertainty.intervals.reset_index()
        frames["sensitivity"] = result.uncertainty.sensitivity.reset_index()
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=name in ("scores", "ranks"))
        written.append(path)
    xlsx = out / "index.xlsx"
    with pd.ExcelWriter(xlsx, engine="xlsxwriter") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=name in ("scores", "ranks"))
    written.append(xlsx)
    return written


def write_charts(result: PairIndexResult, out: Path) -> list[Path]:
    """Index over time with the 5–95 % band of the Monte Carlo, and the dimension profile of each pair."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    scores = result.scores.unstack("pair")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for pair in scores.columns:
        line = ax.plot(scores.index, scores[pair], marker="o", label=pair)[0]
        if result.uncertainty is not None:
            iv = result.uncertainty.intervals.xs(pair, level=0).reindex(scores.index)
            ax.fill_between(scores.index, iv["p05_score"], iv["p95_score"], alpha=0.15, color=line.get_color())
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")
    ax.set_ylabel("index score (0–100)")
    ax.set_title("Cross-border integration index (band: 5th–95th percentile of the Monte Carlo)", fontsize=10)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    for ext in ("png", "svg"):
        path = out / f"index_over_time.{ext}"
        fig.savefig(path, dpi=150)
        written.append(path)
    plt.close(fig)

    dims = result.dimension_scores[[d for d in result.index.framework.dimensions
                                    if d in result.dimension_scores.columns]]
    latest = dims.groupby(level=0).last()
    names = result.index.framework.table["name"]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / max(len(latest), 1)
    for i, (pair, row) in enumerate(latest.iterrows()):
        ax.bar([j + i * width for j in range(len(row))], row.to_numpy(), width=width, label=str(pair))
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(latest.columns))])
    ax.set_xticklabels([names.get(c, c) for c in latest.columns], rotation=20, ha="right", fontsize=8)
    ax.set_ylabel("dimension score (latest year with data)")
    ax.set_title("Dimension profile of each pair")
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
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

            result = build_pair_index(panel, BORDER_PAIRS, fw, uncertainty, distances=distances, progress=tick)
        files = write_tables(result, out) + write_charts(result, out)
    except RegintError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc
    console.print(result.summary())
    console.print(f"wrote {len(files)} files to {out}")
