"""Coverage and gaps of a panel: which region has which indicator in which years, and a heat-map of it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd


def _spans(years: Sequence[int]) -> str:
    """``[2000, 2001, 2002, 2005]`` → ``"2000–2002, 2005"``."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return ""
    out, start, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:  # type: ignore[list-item]
        if y is not None and y == prev + 1:
            prev = y
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(out)


def coverage(panel: pd.DataFrame, regions: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    """One row per (indicator, region): years with an annual value, their count and the missing years.

    Indicators present for any of ``regions`` are listed for all of them, so a gap shows as a gap.
    """
    annual = panel[panel["period"].str.fullmatch(r"\d{4}") & panel["value"].notna()]
    annual = annual.assign(year=annual["period"].astype(int))
    annual = annual[(annual["year"] >= years[0]) & (annual["year"] <= years[1])]
    rows = []
    all_years = set(range(years[0], years[1] + 1))
    for ind in sorted(annual["indicator"].unique()):
        sub = annual[annual["indicator"] == ind]
        for region in regions:
            ys = sorted(sub.loc[sub["region"] == region, "year"].unique().tolist())
            rows.append({
                "indicator": ind, "region": region, "n_years": len(ys), "years": _spans(ys),
                "missing": _spans(sorted(all_years - set(ys))) if ys else "all",
                "label": f"{_spans(ys)} ({len(ys)})" if ys else "",
                "sources": ", ".join(sorted(sub.loc[sub["region"] == region, "source"].unique())),
            })
    return pd.DataFrame(rows, columns=["indicator", "region", "n_years", "years", "missing", "label", "sources"])


def plot_coverage(cov: pd.DataFrame, regions: Sequence[str], years: tuple[int, int], path: Path) -> list[Path]:
    """Heat-map of the share of years covered (region × indicator), written as PNG and SVG next to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    span = years[1] - years[0] + 1
    grid = cov.pivot(index="indicator", columns="region", values="n_years").reindex(columns=list(regions))
    share = grid.fillna(0).to_numpy(dtype=float) / span
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * len(regions), 1.2 + 0.28 * len(grid)))
    cmap = plt.get_cmap("YlGnBu").with_extremes(under="#f2dede")
    im = ax.imshow(np.where(share == 0, -1, share), aspect="auto", cmap=cmap, vmin=0.001, vmax=1)
    ax.set_xticks(range(len(regions)), list(regions), rotation=45, ha="right")
    ax.set_yticks(range(len(grid.index)), list(grid.index), fontsize=8)
    for i in range(share.shape[0]):
        for j in range(share.shape[1]):
            n = int(grid.iloc[i, j]) if not np.isnan(grid.iloc[i, j]) else 0
            ax.text(j, i, str(n) if n else "–", ha="center", va="center", fontsize=7,
                    color="white" if share[i, j] > 0.6 else "black")
    ax.axvline(x=[r.startswith("BY") for r in regions].index(True) - 0.5 if any(r.startswith("BY") for r in regions)
               else -0.5, color="black", lw=1.5)
    ax.set_title(f"Years with data, {years[0]}–{years[1]} (of {span}); red = none", fontsize=10)
    fig.colorbar(im, ax=ax, label="share of years covered", shrink=0.6)
    fig.text(0.01, 0.005, "Source: regint shipped dataset (Rosstat, Belstat, World Bank, Bank of Russia, press)",
             fontsize=7)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [path.with_suffix(".png"), path.with_suffix(".svg")]
    fig.savefig(out[0], dpi=150)
    fig.savefig(out[1])
    plt.close(fig)
    return out
