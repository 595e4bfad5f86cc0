"""Trade indicators over a flow table as Ibis expressions (run unchanged on DuckDB and on Spark).

Every function takes Ibis tables and returns an Ibis table; nothing runs until the caller executes it. The
formulas are those of :mod:`regint.indicators.trade` (the in-memory reference implementation), applied to all
reporters, partners and periods at once. Each works per period.

Formulations chosen for speed (each is exact, not an approximation):

* RCA from **one** grouped pass, :math:`X_{cp}` by (period, reporter, product), with the country, product and
  world totals as window sums over that small result instead of three more scans of the flows;
* Grubel-Lloyd from the identity :math:`|X - M| = X + M - 2\\min(X, M)`: the pair totals come from the small
  reporter × partner aggregate (shared with trade intensity), and only the products traded *both ways* need
  matching, an inner join of the two directions (or, where flow keys may repeat, one aggregation keyed by the
  unordered pair (least(r, p), greatest(r, p), product) with conditional sums, never a self-join);
* trade intensity and concentration over partners from the same reporter × partner aggregate;
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


def directed_totals(flows: Table) -> Table:
    """Exports of each reporter to each partner, all products: columns period, reporter, partner, x."""
    return flows.group_by(["period", "reporter", "partner"]).aggregate(x=_.value.sum())


def pair_totals(directed: Table) -> Table:
    """Both directions of each unordered pair in one row: period, reporter (lesser code), partner, tx, tm.

    ``tx`` are the exports of reporter to partner, ``tm`` those of partner to reporter (0 when absent).
    """
    lo = ibis.least(directed.reporter, directed.partner)
    hi = ibis.greatest(directed.reporter, directed.partner)
    t = directed.mutate(lo=lo, hi=hi, out=directed.reporter == lo)
    return t.group_by(["period", "lo", "hi"]).aggregate(
        tx=ibis.ifelse(t.out, t.x, 0.0).sum(), tm=ibis.ifelse(t.out, 0.0, t.x).sum(),
    ).rename(reporter="lo", partner="hi")


def pair_products(flows: Table) -> Table:
    """Both directions of each unordered pair and product in one row, by aggregation (no self-join).

    Columns period, reporter (the lesser code), partner (the greater), product, x (exports of reporter to
    partner), m (exports of partner to reporter). Correct when a flow key occurs more than once (summed).
    """
    lo = ibis.least(flows.reporter, flows.partner)
    hi = ibis.greatest(flows.reporter, flows.partner)
    t = flows.mutate(lo=lo, hi=hi, out=flows.reporter == lo)
    return t.group_by(["period", "lo", "hi", "product"]).aggregate(
        x=ibis.ifelse(t.out, t.value, 0.0).sum(), m=ibis.ifelse(t.out, 0.0, t.value).sum(),
    ).rename(reporter="lo", partner="hi")


def _directions(flows: Table) -> tuple[Table, Table]:
    keys = ["period", "reporter", "partner", "product"]
    out = flows.filter(flows.reporter < flows.partner).select(*keys, x=flows.value)
    back = flows.filter(flows.reporter > flows.partner).select(
        "period", "product", reporter=flows.partner, partner=flows.reporter, m=flows.value)
    return out, back


def pair_products_joined(flows: Table) -> Table:
    """As :func:`pair_products` by a full outer join of the two directions: faster, but only for tables with
    unique flow keys (a repeated key would be multiplied by the join)."""
    keys = ["period", "reporter", "partner", "product"]
    out, back = _directions(flows)
    j = out.join(back, keys, how="outer")
    return j.select(**{k: ibis.coalesce(j[k], j[f"{k}_right"]) for k in keys},
                    x=j.x.fill_null(0.0), m=j.m.fill_null(0.0))


def _scaled(t: Table, totals: Table | None) -> Table:
    """Flows x, m rescaled to a balanced total per pair (Aquino 1978) when ``totals`` are given."""
    if totals is None:
        return t
    tot = totals.select("period", "reporter", "partner", "tx", "tm")
    j = t.join(tot, ["period", "reporter", "partner"])
    half = 0.5 * (j.tx + j.tm)
    return j.mutate(x=j.x * _safe_div(half, j.tx), m=j.m * _safe_div(half, j.tm)).drop("tx", "tm")


def key_layout(ranges: dict[str, tuple[int, int]] | None) -> dict[str, int] | None:
    """Bit layout packing (period, reporter, partner, product) into one BIGINT, or None if it does not fit.

    ``ranges`` are the (min, max) integer codes from the Parquet statistics; reporters and partners share one
    range (a pair's two directions swap them). Returns offsets and widths: ``{"period0", "code0",
    "product0", "code_bits", "product_bits"}``.
    """
    if not ranges or any(k not in ranges for k in ("reporter", "partner", "product", "period")):
        return None
    code0 = min(ranges["reporter"][0], ranges["partner"][0])
    code_bits = int(max(ranges["reporter"][1], ranges["partner"][1]) - code0).bit_length()
    product_bits = int(ranges["product"][1] - ranges["product"][0]).bit_length()
    period_bits = int(ranges["period"][1] - ranges["period"][0]).bit_length()
    if period_bits + 2 * code_bits + product_bits > 62:
        return None
    return {"period0": ranges["period"][0], "code0": code0, "product0": ranges["product"][0],
            "code_bits": code_bits, "product_bits": product_bits}


def _packed_overlap(flows: Table, layout: dict[str, int]) -> Table:
    """Inner join of the two directions on one packed BIGINT key; the pair is decoded after aggregating."""
    cb, kb = layout["code_bits"], layout["product_bits"]

    def code(col: Any) -> Any:
        return col.cast("int64") - layout["code0"]

    def pack(t: Table, first: Any, second: Any) -> Any:
        period = t.period.cast("int64") - layout["period0"]
        return ((((period << cb) | code(first)) << cb | code(second)) << kb
                | (t["product"].cast("int64") - layout["product0"]))

    out = flows.filter(flows.reporter < flows.partner)
    out = out.select(key=pack(out, out.reporter, out.partner), x=out.value)
    back = flows.filter(flows.reporter > flows.partner)
    back = back.select(key2=pack(back, back.partner, back.reporter), m=back.value)
    both = out.join(back, out.key == back.key2)
    sums = both.group_by(pair=both.key >> kb).aggregate(smin=ibis.least(both.x, both.m).sum())
    mask = (1 << cb) - 1
    return sums.select(
        period=(sums.pair >> (2 * cb)) + layout["period0"],
        reporter=((sums.pair >> cb) & mask) + layout["code0"],
        partner=(sums.pair & mask) + layout["code0"],
        smin=sums.smin,
    )


def overlap(flows: Table, *, unique_keys: bool, totals: Table | None = None,
            layout: dict[str, int] | None = None) -> Table:
    """:math:`\\sum_k \\min(X_k, M_k)` per unordered pair (the two-way part of its trade).

    Only products traded both ways contribute, so with unique flow keys this is an inner join of the two
    directions (the cheapest exact formulation); otherwise an aggregation by unordered pair and product.
    With ``totals`` the flows are Aquino-adjusted first. Columns period, reporter, partner, smin.

    ``layout`` (from :func:`key_layout`, integer codes only) makes the join run on one packed BIGINT key
    instead of four columns, about twice as fast; the codes come back as int64 and are cast to the types of
    the flows by the caller's join.
    """
    if unique_keys and layout is not None and totals is None:
        return _packed_overlap(flows, layout)
    if unique_keys:
        out, back = _directions(flows)
        both = out.join(back, ["period", "reporter", "partner", "product"])
    else:
        both = pair_products(flows)
    both = _scaled(both, totals)
    return both.group_by(["period", "reporter", "partner"]).aggregate(smin=ibis.least(_.x, _.m).sum())


def grubel_lloyd_pairs(totals: Table, smin: Table, smin_adjusted: Table | None = None) -> Table:
    """Aggregate, imbalance-corrected GL and imbalance per unordered pair.

    .. math::

        GL = 1 - \\frac{\\sum_k |X_k - M_k|}{\\sum_k (X_k + M_k)} = \\frac{2 \\sum_k \\min(X_k, M_k)}{\\sum X + \\sum M},
        \\quad
        GL^c = \\frac{\\sum_k (X_k + M_k - |X_k - M_k|)}{\\sum X + \\sum M - |\\sum X - \\sum M|}
             = \\frac{2 \\sum_k \\min(X_k, M_k)}{2 \\min(\\sum X, \\sum M)}

    ``smin`` from :func:`overlap` on the raw flows. ``smin_adjusted``, the overlap of the Aquino-adjusted flows
    (which total :math:`\\sum X + \\sum M` too), replaces it in ``aggregate`` (missing for a pair trading one
    way only); ``corrected`` and ``imbalance`` are always on the raw flows, as in the in-memory function.
    """
    keys = ["period", "reporter", "partner"]
    j = totals.join(smin, keys, how="left")
    if smin_adjusted is not None:
        j = j.join(smin_adjusted.rename(smin_e="smin"), keys, how="left")
    two_min = 2.0 * j.smin.fill_null(0.0)
    turnover = j.tx + j.tm
    if smin_adjusted is None:
        aggregate = _safe_div(two_min, turnover)
    else:
        aggregate = ibis.ifelse((j.tx > 0) & (j.tm > 0), _safe_div(2.0 * j.smin_e.fill_null(0.0), turnover),
                                ibis.null("float64"))
    return j.select(*keys, aggregate=aggregate,
                    corrected=_safe_div(two_min, turnover - (j.tx - j.tm).abs()),
                    imbalance=_safe_div(j.tx - j.tm, turnover), exports=j.tx, imports=j.tm)


def grubel_lloyd_products(pp: Table, totals: Table | None = None) -> Table:
    """:math:`GL_k = 1 - |X_k - M_k| / (X_k + M_k)` per unordered pair and product.

    ``pp`` from :func:`pair_products` or :func:`pair_products_joined`; with ``totals`` the flows are
    Aquino-adjusted first (missing for one-way pairs).
    """
    pp = _scaled(pp, totals)
    return pp.select("period", "reporter", "partner", "product",
                     gl=1.0 - _safe_div((pp.x - pp.m).abs(), pp.x + pp.m))


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
