"""Trade indicators over a flow table as Ibis expressions (run unchanged on DuckDB and on Spark).

Every function takes Ibis tables and returns an Ibis table; nothing runs until the caller executes it. The
formulas are those of :mod:`regint.indicators.trade` (the in-memory reference implementation), applied to all
reporters, partners and periods at once. Each works per period.

Formulations chosen for speed (each is exact, not an approximation):

* RCA from **one** grouped pass, :math:`X_{cp}` by (period, reporter, product), with the country, product and
  world totals as window sums over that small result instead of three more scans of the flows;
* Grubel-Lloyd **without a self-join**: the flows of both directions of a pair meet in one aggregation keyed by
  the unordered pair (least(r, p), greatest(r, p), product) with conditional sums;
* trade intensity from the pair totals that the Grubel-Lloyd pass already produced (no further scan);
* complementarity and export similarity from
  :math:`1 - \\tfrac12 \\sum_k |a_k - b_k| = \\sum_k \\min(a_k, b_k)` for two share vectors, so only products
  present on both sides are joined.

Division by zero gives a missing value (NULL, NaN in pandas), as ``_div`` does in the in-memory functions.
"""

from __future__ import annotations

from typing import Any

import ibis
from ibis import _

Table = Any  # ibis.expr.types.Table; kept loose so that the module type-checks without ibis stubs


def _safe_div(num: Any, den: Any) -> Any:
    return num / den.nullif(0)


def clean(raw: Table) -> Table:
    """The flow columns with fixed types; flows of a region with itself are left out."""
    t = raw.select(reporter=raw["reporter"], partner=raw["partner"], product=raw["product"],
                   period=raw["period"].cast("int64"), value=raw["value"].cast("float64"))
    return t.filter(t.reporter != t.partner)


def exports_by_product(flows: Table) -> Table:
    """:math:`X_{cpt} = \\sum_j x_{cjpt}`: columns period, reporter, product, x."""
    return flows.group_by(["period", "reporter", "product"]).aggregate(x=_.value.sum())


def imports_by_product(flows: Table) -> Table:
    """:math:`M_{jpt} = \\sum_c x_{cjpt}`: columns period, partner, product, m."""
    return flows.group_by(["period", "partner", "product"]).aggregate(m=_.value.sum())


def rca(xp: Table, *, binary: bool = False, cutoff: float = 1.0) -> Table:
    """Balassa RCA per (period, reporter, product) from :func:`exports_by_product`.

    .. math:: RCA_{cp} = \\frac{X_{cp} / \\sum_p X_{cp}}{\\sum_c X_{cp} / \\sum_c \\sum_p X_{cp}}

    Cells absent from the flows are zero exports (RCA 0) and are not listed.
    """
    t = xp.mutate(
        ct=_.x.sum().over(group_by=["period", "reporter"]),
        pt=_.x.sum().over(group_by=["period", "product"]),
        wt=_.x.sum().over(group_by=["period"]),
    )
    value = _safe_div(_safe_div(t.x, t.ct), _safe_div(t.pt, t.wt))
    if binary:
        value = ibis.ifelse(value >= cutoff, 1, 0).cast("int64")
    return t.select("period", "reporter", "product", rca=value)


def pair_products(flows: Table) -> Table:
    """Both directions of each unordered pair and product in one row, without a self-join.

    Columns period, reporter (the lesser code), partner (the greater), product, x (exports of reporter to
    partner), m (exports of partner to reporter), nx, nm (whether any flow record entered x, m).
    """
    lo = ibis.least(flows.reporter, flows.partner)
    hi = ibis.greatest(flows.reporter, flows.partner)
    t = flows.mutate(lo=lo, hi=hi, out=flows.reporter == lo)
    return t.group_by(["period", "lo", "hi", "product"]).aggregate(
        x=ibis.ifelse(t.out, t.value, 0.0).sum(),
        m=ibis.ifelse(t.out, 0.0, t.value).sum(),
        nx=t.out.any(),
        nm=(~t.out).any(),
    ).rename(reporter="lo", partner="hi")


def pair_totals(pp: Table) -> Table:
    """Per unordered pair: tx, tm (total flows each way), sabs = Σ|x - m|, smin = Σ min(x, m), nx, nm."""
    return pp.group_by(["period", "reporter", "partner"]).aggregate(
        tx=_.x.sum(), tm=_.m.sum(), sabs=(_.x - _.m).abs().sum(), smin=ibis.least(_.x, _.m).sum(),
        nx=_.nx.any(), nm=_.nm.any(),
    )


def grubel_lloyd_pairs(totals: Table) -> Table:
    """Aggregate, imbalance-corrected GL and imbalance per unordered pair (no adjustment).

    .. math::

        GL = 1 - \\frac{\\sum_k |X_k - M_k|}{\\sum_k (X_k + M_k)}, \\quad
        GL^c = \\frac{\\sum_k (X_k + M_k - |X_k - M_k|)}{\\sum X + \\sum M - |\\sum X - \\sum M|}
    """
    turnover = totals.tx + totals.tm
    return totals.select(
        "period", "reporter", "partner",
        aggregate=1.0 - _safe_div(totals.sabs, turnover),
        corrected=_safe_div(2.0 * totals.smin, turnover - (totals.tx - totals.tm).abs()),
        imbalance=_safe_div(totals.tx - totals.tm, turnover),
        exports=totals.tx, imports=totals.tm,
    )


def _aquino(pp: Table, totals: Table) -> Table:
    """Flows rescaled to a balanced total per pair (Aquino 1978): columns of ``pp`` with x, m replaced."""
    tot = totals.select("period", "reporter", "partner", "tx", "tm")
    j = pp.join(tot, ["period", "reporter", "partner"])
    half = 0.5 * (j.tx + j.tm)
    return j.mutate(x=j.x * _safe_div(half, j.tx), m=j.m * _safe_div(half, j.tm)).drop("tx", "tm")


def grubel_lloyd_pairs_aquino(pp: Table, totals: Table) -> Table:
    """As :func:`grubel_lloyd_pairs` with ``aggregate`` on Aquino-adjusted flows (NaN for one-way pairs)."""
    adj = _aquino(pp, totals).group_by(["period", "reporter", "partner"]).aggregate(
        sabs_e=(_.x - _.m).abs().sum(), turn_e=(_.x + _.m).sum())
    base = grubel_lloyd_pairs(totals)
    j = base.join(adj, ["period", "reporter", "partner"], how="left")
    one_way = (j.exports <= 0) | (j.imports <= 0)
    aggregate = ibis.ifelse(one_way, ibis.null("float64"), 1.0 - _safe_div(j.sabs_e, j.turn_e))
    return j.select("period", "reporter", "partner", aggregate=aggregate, corrected=j.corrected,
                    imbalance=j.imbalance, exports=j.exports, imports=j.imports)


def grubel_lloyd_products(pp: Table, totals: Table | None = None) -> Table:
    """:math:`GL_k = 1 - |X_k - M_k| / (X_k + M_k)` per unordered pair and product.

    With ``totals`` the flows are Aquino-adjusted first (missing for one-way pairs).
    """
    if totals is not None:
        pp = _aquino(pp, totals)
    return pp.select("period", "reporter", "partner", "product",
                     gl=1.0 - _safe_div((pp.x - pp.m).abs(), pp.x + pp.m))


def directed_totals(totals: Table) -> Table:
    """Exports of each reporter to each partner (period, reporter, partner, x) from the pair totals."""
    out = totals.filter(totals.nx).select("period", "reporter", "partner", x=totals.tx)
    back = totals.filter(totals.nm).select("period", reporter=totals.partner, partner=totals.reporter,
                                               x=totals.tm)
    return out.union(back)


def trade_intensity(directed: Table) -> Table:
    """Trade intensity per (period, reporter, partner) from :func:`directed_totals`.

    .. math:: TII_{ij} = \\frac{x_{ij} / X_i}{x_{wj} / X_w}
    """
    t = directed.mutate(
        xi=_.x.sum().over(group_by=["period", "reporter"]),
        xwj=_.x.sum().over(group_by=["period", "partner"]),
        xw=_.x.sum().over(group_by=["period"]),
    )
    return t.select("period", "reporter", "partner",
                    tii=_safe_div(_safe_div(t.x, t.xi), _safe_div(t.xwj, t.xw)))


def _shares(t: Table, unit: str, col: str) -> Table:
    total = t[col].sum().over(group_by=["period", unit])
    s = t.mutate(total=total)
    return s.filter(s.total > 0).select("period", unit, "product", s=s[col] / s.total)


def _all_pairs(left: Table, left_unit: str, right: Table, right_unit: str, *, ordered: bool) -> Table:
    a = left.select("period", i=left[left_unit]).distinct()
    b = right.select("period", j=right[right_unit]).distinct()
    pairs = a.join(b, "period")
    return pairs if ordered else pairs.filter(pairs.i < pairs.j)


def complementarity(xp: Table, mp: Table) -> Table:
    """Michaely's complementarity of every reporter's exports with every partner's imports (0-100).

    .. math:: TC_{ij} = 100 (1 - \\tfrac12 \\sum_k |m_{jk} - x_{ik}|) = 100 \\sum_k \\min(m_{jk}, x_{ik})

    Columns period, reporter (*i*), partner (*j*), complementarity.
    """
    xs = _shares(xp, "reporter", "x").rename(i="reporter", sx="s")
    ms = _shares(mp, "partner", "m").rename(j="partner", sm="s")
    common = xs.join(ms, ["period", "product"])
    sums = common.group_by(["period", "i", "j"]).aggregate(smin=ibis.least(common.sx, common.sm).sum())
    pairs = _all_pairs(xs, "i", ms, "j", ordered=True)
    out = pairs.join(sums, ["period", "i", "j"], how="left")
    return out.select("period", reporter=out.i, partner=out.j,
                      complementarity=100.0 * out.smin.fill_null(0.0))


def export_similarity(xp: Table) -> Table:
    """Finger-Kreinin similarity of the exports of every unordered pair of reporters (0-100).

    .. math:: S(a, b) = 100 \\sum_k \\min(s_{ak}, s_{bk})

    Columns period, reporter (*a*, the lesser code), partner (*b*), similarity.
    """
    sa = _shares(xp, "reporter", "x").rename(i="reporter", sa="s")
    sb = _shares(xp, "reporter", "x").rename(j="reporter", sb="s")
    common = sa.join(sb, ["period", "product"])
    common = common.filter(common.i < common.j)
    sums = common.group_by(["period", "i", "j"]).aggregate(smin=ibis.least(common.sa, common.sb).sum())
    pairs = _all_pairs(sa, "i", sb, "j", ordered=False)
    out = pairs.join(sums, ["period", "i", "j"], how="left")
    return out.select("period", reporter=out.i, partner=out.j, similarity=100.0 * out.smin.fill_null(0.0))


def concentration(values: Table, over: str, kind: str) -> Table:
    """Herfindahl-Hirschman concentration per (period, reporter) over ``over`` (a column of ``values``).

    ``values`` has columns period, reporter, ``over``, x. *n* is the number of distinct ``over`` codes in the
    period (codes with no trade for a reporter count as zeros, as in :func:`regint.indicators.trade.herfindahl`
    on a full row). ``kind``: "hhi", "normalised" or "unctad".
    """
    n = values.select("period", over).distinct().group_by("period").aggregate(n=_.count())
    t = values.mutate(total=_.x.sum().over(group_by=["period", "reporter"]))
    t = t.filter(t.total > 0)
    h = t.group_by(["period", "reporter"]).aggregate(h=((_.x / _.total) ** 2).sum())
    j = h.join(n, "period")
    inv = 1.0 / j.n.cast("float64")
    if kind == "hhi":
        value = j.h
    elif kind == "normalised":
        value = ibis.ifelse(j.n >= 2, (j.h - inv) / (1.0 - inv), ibis.null("float64"))
    else:
        value = ibis.ifelse(j.n >= 2, (j.h.sqrt() - inv.sqrt()) / (1.0 - inv.sqrt()), ibis.null("float64"))
    return j.select("period", "reporter", hhi=value, n=j.n.cast("int64"))
