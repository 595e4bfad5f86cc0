"""Delphi surveys: consensus by interquartile range and coefficient of variation, Kendall's W of
concordance with its chi-square test, and stability between rounds.

A round is a table of ratings, one row per expert and one column per item, on a bounded scale (1–5, 1–10, …);
missing ratings are ``NaN``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from regint._options import check_option
from regint.errors import DataError

Stability = Literal["cv", "wilcoxon"]


@dataclass(frozen=True)
class KendallW:
    """Kendall's coefficient of concordance and its large-sample chi-square test.

    Attributes
    ----------
    w : float
        In [0, 1]; 1 = all raters rank the items identically.
    chi2, df, p_value : float
        :math:`\\chi^2 = m(n-1)W` on :math:`n-1` degrees of freedom (reliable for n > 7; smaller n want
        exact tables, e.g. Siegel & Castellan 1988, Table T).
    m, n : int
        Raters used (complete rows) and items.
    ties : float
        :math:`\\sum T` of the tie correction (0 without ties).
    """

    w: float
    chi2: float
    df: int
    p_value: float
    m: int
    n: int
    ties: float
    dropped: tuple[str, ...] = ()
    note: str = ""

    def summary(self) -> str:
        text = (f"Kendall's W = {self.w:.4f} (m = {self.m} raters, n = {self.n} items; tie correction ΣT = "
                f"{self.ties:g}); χ² = {self.chi2:.3f}, df = {self.df}, p = {self.p_value:.4g}")
        if self.dropped:
            text += f"\nRaters left out for missing ratings: {list(self.dropped)}"
        return text + (f"\n{self.note}" if self.note else "")


def kendall_w(ratings: pd.DataFrame | np.ndarray | Sequence[Sequence[float]]) -> KendallW:
    r"""Kendall's W with the correction for tied ranks.

    Each rater's ratings are turned into ranks 1..n (ties get their average rank); with :math:`R_i` the sum
    of the ranks of item *i* over the *m* raters and :math:`S = \sum_i (R_i - m(n+1)/2)^2`,

    .. math::

        W = \frac{12 S}{m^2 (n^3 - n) - m \sum_j T_j}, \qquad T_j = \sum_{g} (t_g^3 - t_g),
        \qquad \chi^2 = m (n - 1) W \sim \chi^2_{n-1}

    where :math:`t_g` is the size of the *g*-th group of ties of rater *j*. Raters with any missing rating are
    left out (named in the result).

    Parameters
    ----------
    ratings : array or DataFrame, shape (m raters, n items)

    References
    ----------
    Kendall, M.G. & Babington Smith, B. (1939). The problem of m rankings. *Annals of Mathematical Statistics*
    10(3): 275–287.
    Siegel, S. & Castellan, N.J. (1988). *Nonparametric Statistics for the Behavioral Sciences*, 2nd ed.
    McGraw-Hill, §9.4, pp. 262–272.
    """
    frame = pd.DataFrame(ratings)
    complete = frame.dropna(axis=0, how="any")
    dropped = tuple(str(x) for x in frame.index.difference(complete.index))
    m, n = complete.shape
    if n < 2 or m < 2:
        return KendallW(float("nan"), float("nan"), max(n - 1, 0), float("nan"), m, n, 0.0, dropped,
                        "not computed: Kendall's W needs at least 2 raters with complete ratings and 2 items.")
    x = complete.to_numpy(dtype=float)
    ranks = np.vstack([stats.rankdata(row) for row in x])
    ties = 0.0
    for row in x:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    r_sum = ranks.sum(axis=0)
    s = float(((r_sum - m * (n + 1) / 2.0) ** 2).sum())
    denom = m**2 * (n**3 - n) - m * ties
    if denom <= 0:
        return KendallW(float("nan"), float("nan"), n - 1, float("nan"), m, n, ties, dropped,
                        "not computed: every rater gave all items the same rating.")
    w = 12.0 * s / denom
    chi2 = m * (n - 1) * w
    return KendallW(float(w), float(chi2), n - 1, float(stats.chi2.sf(chi2, n - 1)), m, n, ties, dropped)


def item_statistics(ratings: pd.DataFrame, *, iqr_max: float = 1.0, cv_max: float = 0.5) -> pd.DataFrame:
    r"""Per item: experts, median, mean, standard deviation, quartiles, IQR, CV and consensus.

    .. math::

        IQR = Q_3 - Q_1, \qquad CV = s / \bar x

    Quartiles are linear interpolations between order statistics (numpy's default, Hyndman & Fan type 7),
    *s* the sample standard deviation (ddof = 1). An item has consensus when :math:`IQR \le` ``iqr_max``
    and :math:`CV \le` ``cv_max``.

    References
    ----------
    von der Gracht, H.A. (2012). Consensus measurement in Delphi studies: review and implications for future
    quality assurance. *Technological Forecasting and Social Change* 79: 1525–1536.
    """
    rows = []
    for item in ratings.columns:
        x = ratings[item].dropna().to_numpy(dtype=float)
        if x.size == 0:
            rows.append({"item": item, "n": 0})
            continue
        q1, med, q3 = np.percentile(x, [25, 50, 75])
        mean = float(x.mean())
        sd = float(x.std(ddof=1)) if x.size > 1 else 0.0
        cv = sd / mean if mean != 0 else float("nan")
        iqr = float(q3 - q1)
        rows.append({"item": item, "n": int(x.size), "median": float(med), "mean": mean, "sd": sd, "q1": float(q1),
                     "q3": float(q3), "iqr": iqr, "cv": cv,
                     "consensus": bool(iqr <= iqr_max + 1e-12 and (cv <= cv_max + 1e-12))})
    return pd.DataFrame(rows).set_index("item")


def _check_round(name: str, frame: pd.DataFrame, scale: tuple[float, float]) -> pd.DataFrame:
    lo, hi = scale
    x = frame.apply(pd.to_numeric, errors="coerce")
    text_cells = frame.notna() & x.isna()
    if text_cells.to_numpy().any():
        r, c = np.argwhere(text_cells.to_numpy())[0]
        raise DataError(f"round {name!r}, expert {frame.index[r]!r}, item {frame.columns[c]!r}: "
                        f"{frame.iat[r, c]!r} is not a number. Fix: enter a rating {lo:g}–{hi:g} or leave it empty.")
    out_of = (x < lo) | (x > hi)
    if out_of.to_numpy().any():
        r, c = np.argwhere(out_of.to_numpy())[0]
        raise DataError(f"round {name!r}, expert {x.index[r]!r}, item {x.columns[c]!r}: rating {x.iat[r, c]:g} is "
                        f"outside the scale {lo:g}–{hi:g}. Fix: correct it or pass scale=(min, max).")
    return x


@dataclass(frozen=True)
class DelphiResult:
    """A Delphi survey over rounds.

    Attributes
    ----------
    items : DataFrame
        Long table: round, item and the statistics of :func:`item_statistics`.
    concordance : dict
        Kendall's W per round.
    stability : DataFrame
        Between consecutive rounds, per item: change in CV and, when asked, the Wilcoxon signed-rank test of
        the experts present in both rounds; ``stable`` per item.
    """

    rounds: tuple[str, ...]
    items: pd.DataFrame
    concordance: dict[str, KendallW]
    stability: pd.DataFrame
    scale: tuple[float, float]
    iqr_max: float
    cv_max: float
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def final(self) -> pd.DataFrame:
        """Item statistics of the last round."""
        return self.items[self.items["round"] == self.rounds[-1]].set_index("item").drop(columns="round")

    def to_frame(self) -> pd.DataFrame:
        return self.items.copy()

    def summary(self) -> str:
        head = f"Delphi survey: {len(self.rounds)} round(s), scale {self.scale[0]:g}–{self.scale[1]:g}"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious experts' ratings.")
        lines.append(f"Consensus: IQR ≤ {self.iqr_max:g} and CV ≤ {self.cv_max:g}")
        for r in self.rounds:
            sub = self.items[self.items["round"] == r]
            k = self.concordance[r]
            w = "n/a" if np.isnan(k.w) else f"{k.w:.3f} (p = {k.p_value:.3g})"
            lines.append(f"  {r}: consensus on {int(sub['consensus'].sum())}/{len(sub)} items; Kendall's W = {w}")
        if not self.stability.empty:
            last = self.stability[self.stability["to_round"] == self.rounds[-1]]
            lines.append(f"Stable between the last two rounds: {int(last['stable'].sum())}/{len(last)} items")
        final = self.final.sort_values("median", ascending=False)
        lines.append("Final round (by median):")
        for item, row in final.iterrows():
            lines.append(f"  {item}: median {row['median']:g}, IQR {row['iqr']:g}, CV {row['cv']:.2f}"
                         f"{'' if row['consensus'] else '  — no consensus'}")
        lines.extend(self.notes)
        return "\n".join(lines)


def delphi(
    rounds: Mapping[str, pd.DataFrame] | Sequence[pd.DataFrame],
    *,
    scale: tuple[float, float] = (1, 5),
    iqr_max: float = 1.0,
    cv_max: float = 0.5,
    stability: Stability = "cv",
    cv_change_max: float = 0.15,
    alpha: float = 0.05,
    illustrative: bool = False,
) -> DelphiResult:
    r"""Analyse the rounds of a Delphi survey.

    Consensus per item and round by :func:`item_statistics`; agreement of the experts over all items by
    Kendall's W (:func:`kendall_w`). Stability between consecutive rounds, per item:

    * ``'cv'``: relative change of the coefficient of variation
      :math:`|CV_t - CV_{t-1}| / CV_{t-1} \le` ``cv_change_max`` (default 15%; English & Kernan 1976);
    * ``'wilcoxon'``: additionally the Wilcoxon signed-rank test of the experts who rated the item in both
      rounds is not significant at ``alpha`` (no systematic shift of opinion; an item where nobody changed
      their rating is stable).

    References
    ----------
    Dalkey, N. & Helmer, O. (1963). An experimental application of the Delphi method to the use of experts.
    *Management Science* 9(3): 458–467.
    English, J.M. & Kernan, G.L. (1976). The prediction of air travel and aircraft technology to the year 2000
    using the Delphi method. *Transportation Research* 10: 1–8.
    Kendall, M.G. & Babington Smith, B. (1939). The problem of m rankings. *Ann. Math. Statist.* 10: 275–287.
    von der Gracht, H.A. (2012). *Technological Forecasting and Social Change* 79: 1525–1536.
    """
    check_option("stability", stability, ("cv", "wilcoxon"))
    named = dict(rounds) if isinstance(rounds, Mapping) else {f"round {k + 1}": r for k, r in enumerate(rounds)}
    if not named:
        raise DataError("no Delphi rounds given. Fix: pass at least one table of ratings (experts × items).")
    checked = {k: _check_round(k, pd.DataFrame(v), scale) for k, v in named.items()}
    tables, concordance = [], {}
    for name, frame in checked.items():
        st = item_statistics(frame, iqr_max=iqr_max, cv_max=cv_max).reset_index()
        st.insert(0, "round", name)
        tables.append(st)
        concordance[name] = kendall_w(frame)
    keys = list(checked)
    rows = []
    for prev, cur in zip(keys[:-1], keys[1:], strict=True):
        a, b = checked[prev], checked[cur]
        for item in b.columns.intersection(a.columns):
            cv_a, cv_b = _cv(a[item]), _cv(b[item])
            change = abs(cv_b - cv_a) / cv_a if cv_a > 0 else (0.0 if cv_b == 0 else float("inf"))
            row = {"from_round": prev, "to_round": cur, "item": item, "cv_from": cv_a, "cv_to": cv_b,
                   "cv_change": change, "stable": bool(change <= cv_change_max)}
            if stability == "wilcoxon":
                both = pd.concat([a[item], b[item]], axis=1, join="inner").dropna()
                diff = both.iloc[:, 1] - both.iloc[:, 0]
                p = 1.0 if (diff == 0).all() or len(diff) < 2 else float(stats.wilcoxon(diff, zero_method="wilcox").pvalue)
                row["wilcoxon_p"] = p
                row["stable"] = bool(row["stable"] and p >= alpha)
            rows.append(row)
    return DelphiResult(tuple(keys), pd.concat(tables, ignore_index=True), concordance, pd.DataFrame(rows),
                        (float(scale[0]), float(scale[1])), iqr_max, cv_max, illustrative)


def _cv(x: pd.Series) -> float:
    v = x.dropna().to_numpy(dtype=float)
    if v.size < 2 or v.mean() == 0:
        return 0.0
    return float(v.std(ddof=1) / v.mean())
