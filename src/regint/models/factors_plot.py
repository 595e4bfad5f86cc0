"""Waterfall chart of the factor contributions to the change of an outcome (matplotlib, PNG and SVG)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def waterfall(decomposition: pd.DataFrame, start_value: float, *, title: str, unit: str, footer: str,
              path: Path) -> list[Path]:
    """Draw start level, each factor's summed contribution, and the end level; write ``path`` as PNG and SVG.

    Parameters
    ----------
    decomposition : DataFrame
        Output of :func:`regint.models.factors_importance.change_decomposition` (columns factors,
        year_effects, residual, total).
    start_value : float
        The outcome in the year before the first change.
    title, unit, footer : str
        Chart title, the y-axis unit, and the source / sample note printed under the chart.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    contrib = decomposition.drop(columns="total").sum()
    labels = ["start", *contrib.index, "end"]
    fig, ax = plt.subplots(figsize=(max(7.0, 0.9 * len(labels) + 2), 5.2))
    level = float(start_value)
    ax.bar(0, level, color="tab:grey")
    for i, (_name, v) in enumerate(contrib.items(), start=1):
        ax.bar(i, v, bottom=level, color="tab:green" if v >= 0 else "tab:red")
        ax.text(i, level + v, f"{v:+.2f}", ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
        level += float(v)
    ax.bar(len(labels) - 1, level, color="tab:blue")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels([lab.replace("_", " ") for lab in labels], rotation=35, ha="right", fontsize=8)
    ax.set_ylabel(unit)
    ax.set_title(title, fontsize=11)
    fig.text(0.01, 0.01, footer, fontsize=7, ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for ext in (".png", ".svg"):
        target = path.with_suffix(ext)
        fig.savefig(target, dpi=150)
        written.append(target)
    plt.close(fig)
    return written
