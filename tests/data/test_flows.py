"""The flow engine (regint.data.flows) against the in-memory trade indicators (regint.indicators.trade).

Reference: R package economiccomplexity (pachadotdev/economiccomplexity, commit 423d5b4), world trade averaged
over 1998-2000 and its stored binary Balassa index (../shared/reference/trade_rca/EXPECTED.md). Identity with
the in-memory functions is up to the order of floating-point summation (relative 1e-12); binary RCA exactly.
"""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regint.data.flows import EngineConfig, FlowTable, read_flows, spark_available, table_version, write_flows
from regint.errors import DataError, OptionError
from regint.indicators import trade

REGIONS = ["BY-VI", "RU-SMO", "RU-PSK", "BY-MI", "RU-BRY", "DE"]
PRODUCTS = ["01", "02", "27", "44", "84", "87", "94"]
RTOL = 1e-12
CONFIG = EngineConfig(threads=2, memory_limit="1GB")


def _random_flows(seed: int, periods: tuple[int, ...] = (2020, 2021), density: float = 0.6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [(r, p, k, t, float(rng.lognormal(3, 1.5)))
            for t in periods for r in REGIONS for p in REGIONS if r != p for k in PRODUCTS
            if rng.random() < density]
    flows = pd.DataFrame(rows, columns=["reporter", "partner", "product", "period", "value"])
    flows.loc[flows.index[::17], "value"] = 0.0  # recorded zero flows
    return flows


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, FlowTable]:
    flows = _random_flows(7)
    root = tmp_path_factory.mktemp("flows")
    write_flows(flows, root)
    table = FlowTable(root, config=CONFIG)
    yield flows, table
    table.close()


def _close(got: pd.Series, want: pd.Series) -> None:
    got, want = got.astype("float64"), want.astype("float64")
    np.testing.assert_allclose(got.to_numpy(), want.reindex(got.index).to_numpy(), rtol=RTOL, atol=1e-13)


def _exports(flows: pd.DataFrame, period: int, reporter: str, partner: str) -> pd.Series:
    f = flows[(flows.period == period) & (flows.reporter == reporter) & (flows.partner == partner)]
    return f.groupby("product")["value"].sum()


# -- reference: economiccomplexity --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_table(reference: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, FlowTable]:
    path = reference / "trade_rca" / "world_trade_avg_1998_to_2000.csv.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    world = pd.read_csv(path, dtype={"country": str, "product": str, "value": float})
    flows = pd.DataFrame({"reporter": world["country"], "partner": "wld", "product": world["product"],
                          "period": 2000, "value": world["value"]})
    root = tmp_path_factory.mktemp("world")
    write_flows(flows, root)
    table = FlowTable(root, config=CONFIG)
    yield world, table
    table.close()


def test_rca_binary_matches_economiccomplexity_in_every_cell(world_table, reference):
    world, table = world_table
    got = table.rca(binary=True).pivot(index="reporter", columns="product", values="rca")
    memory = trade.balassa_rca(world, binary=True, layout="long")
    got = got.reindex(index=memory.index, columns=memory.columns).fillna(0).astype("int64")
    with gzip.open(reference / "trade_rca" / "reference_balassa_binary_ones_economiccomplexity.csv.gz") as fh:
        ones = pd.read_csv(fh, dtype=str)
    expected = pd.DataFrame(0, index=got.index, columns=got.columns)
    for c, p in ones.itertuples(index=False):
        expected.loc[c, p] = 1
    assert int(got.to_numpy().sum()) == 31_951
    assert (got.to_numpy() == expected.to_numpy()).all()
    assert (got.to_numpy() == memory.to_numpy()).all()


def test_rca_continuous_equals_in_memory_and_spot_values(world_table):
    world, table = world_table
    got = table.rca().pivot(index="reporter", columns="product", values="rca")
    memory = trade.balassa_rca(world, layout="long")
    got = got.reindex(index=memory.index, columns=memory.columns).fillna(0.0)
    np.testing.assert_allclose(got.to_numpy(), memory.to_numpy(), rtol=RTOL)
    for country, product, value in [("chl", "6821", 39.400009), ("bra", "0711", 8.183344),
                                    ("jpn", "7810", 4.206734), ("usa", "7924", 2.822665)]:
        assert got.loc[country, product] == pytest.approx(value, abs=1e-6)


# -- every indicator equals the in-memory function ------------------------------------------------------------


def test_rca_per_period_equals_in_memory(small):
    flows, table = small
    got = table.rca()
    for period, part in flows.groupby("period"):
        memory = trade.balassa_rca(part, layout="long", country="reporter").stack()
        mine = got[got.period == period].set_index(["reporter", "product"])["rca"]
        _close(mine, memory)


def _gl_pairs(flows: pd.DataFrame):
    for period in sorted(flows.period.unique()):
        for a, b in itertools.combinations(sorted(REGIONS), 2):
            x, m = _exports(flows, period, a, b), _exports(flows, period, b, a)
            if x.sum() + m.sum() > 0:
                yield period, a, b, x, m


@pytest.mark.parametrize("adjustment", ["none", "aquino"])
def test_grubel_lloyd_pairs_equal_in_memory(small, adjustment):
    flows, table = small
    got = table.grubel_lloyd(adjustment=adjustment).set_index(["period", "reporter", "partner"])
    assert len(got) == sum(1 for _ in _gl_pairs(flows))
    for period, a, b, x, m in _gl_pairs(flows):
        row = got.loc[(period, a, b)]
        if adjustment == "aquino" and (x.sum() == 0 or m.sum() == 0):
            assert np.isnan(row["aggregate"])  # the in-memory function raises: one-way trade
            continue
        res = trade.grubel_lloyd(x, m, adjustment=adjustment)
        assert row["aggregate"] == pytest.approx(res.aggregate, rel=RTOL, abs=1e-13)
        assert row["imbalance"] == pytest.approx(res.imbalance, rel=RTOL, abs=1e-13)
        assert row["corrected"] == pytest.approx(res.corrected, rel=RTOL, abs=1e-13, nan_ok=True)


@pytest.mark.parametrize("unique_keys", [True, False])
def test_grubel_lloyd_products_equal_in_memory(small, unique_keys):
    flows, table = small
    other = FlowTable(table.root, config=CONFIG, unique_keys=unique_keys)
    got = other.grubel_lloyd(level="product").set_index(["period", "reporter", "partner", "product"])["gl"]
    for period, a, b, x, m in _gl_pairs(flows):
        res = trade.grubel_lloyd(x, m).per_product
        _close(got.loc[(period, a, b)], res)
    other.close()


def test_trade_intensity_equals_in_memory(small):
    flows, table = small
    got = table.trade_intensity().set_index(["period", "reporter", "partner"])["tii"]
    d = flows.groupby(["period", "reporter", "partner"])["value"].sum()
    xi = d.groupby(level=["period", "reporter"]).transform("sum")
    xwj = d.groupby(level=["period", "partner"]).transform("sum")
    xw = d.groupby(level="period").transform("sum")
    _close(got, trade.trade_intensity(d, xi, xwj, xw))
    assert len(got) == len(d)


def test_complementarity_equals_in_memory(small):
    flows, table = small
    got = table.complementarity().set_index(["period", "reporter", "partner"])["complementarity"]
    for (period, i, j), value in got.items():
        f = flows[flows.period == period]
        x = f[f.reporter == i].groupby("product")["value"].sum()
        m = f[f.partner == j].groupby("product")["value"].sum()
        assert value == pytest.approx(trade.complementarity(x, m), rel=1e-12, abs=1e-10)
    assert len(got) == 2 * len(REGIONS) ** 2


@pytest.mark.parametrize("market", [None, "DE"])
def test_export_similarity_equals_in_memory(small, market):
    flows, table = small
    got = table.export_similarity(market=market).set_index(["period", "reporter", "partner"])["similarity"]
    f = flows if market is None else flows[flows.partner == market]
    for (period, a, b), value in got.items():
        fa = f[(f.period == period) & (f.reporter == a)].groupby("product")["value"].sum()
        fb = f[(f.period == period) & (f.reporter == b)].groupby("product")["value"].sum()
        assert value == pytest.approx(trade.export_similarity(fa, fb), rel=1e-12, abs=1e-10)
        assert a < b
    assert len(got) > 0


@pytest.mark.parametrize("over", ["product", "partner"])
@pytest.mark.parametrize("kind", ["hhi", "normalised", "unctad"])
def test_concentration_equals_in_memory(small, over, kind):
    flows, table = small
    got = table.concentration(over=over, kind=kind).set_index(["period", "reporter"])
    for (period, reporter), row in got.iterrows():
        f = flows[flows.period == period]
        full = f.groupby(["reporter", over])["value"].sum().unstack(fill_value=0.0).loc[reporter]
        assert row["n"] == len(full)
        assert row["hhi"] == pytest.approx(trade.herfindahl(full.to_numpy(), kind=kind), rel=1e-12)


# -- properties on random data --------------------------------------------------------------------------------

flow_value = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e9))
cells = st.lists(st.tuples(st.sampled_from(REGIONS[:4]), st.sampled_from(REGIONS[:4]),
                           st.sampled_from(PRODUCTS[:4]), flow_value), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=cells, unique_keys=st.booleans())
def test_random_flows_equal_in_memory(tmp_path_factory, cells, unique_keys):
    flows = pd.DataFrame(cells, columns=["reporter", "partner", "product", "value"]).assign(period=2024)
    flows = flows[flows.reporter != flows.partner]
    if flows.empty or flows.value.sum() <= 0:
        return
    root = tmp_path_factory.mktemp("prop")
    half = len(flows) // 2
    write_flows(flows.iloc[:half], root) if half else None
    write_flows(flows.iloc[half:], root, mode="append")  # repeated keys across the two writes are summed
    with FlowTable(root, config=CONFIG, unique_keys=None if unique_keys else False) as table:
        rca = table.rca().set_index(["reporter", "product"])["rca"]
        _close(rca, trade.balassa_rca(flows, layout="long", country="reporter").stack())
        gl = table.grubel_lloyd().set_index(["reporter", "partner"])
        for (a, b), row in gl.iterrows():
            x, m = _exports(flows, 2024, a, b), _exports(flows, 2024, b, a)
            if x.sum() + m.sum() == 0:  # recorded zeros only: NaN here, the in-memory function raises
                assert np.isnan(row["aggregate"])
                continue
            res = trade.grubel_lloyd(x, m)
            assert row["aggregate"] == pytest.approx(res.aggregate, rel=1e-9, abs=1e-12, nan_ok=True)
            assert 0.0 <= row["aggregate"] <= 1.0 or np.isnan(row["aggregate"])
        tii = table.trade_intensity()
        assert (tii["tii"].dropna() >= 0).all()


# -- storage, versions, cache ---------------------------------------------------------------------------------


def test_cache_hit_returns_the_same_object_without_recomputation(small):
    _, table = small
    first = table.grubel_lloyd()
    misses = table.cache_info().misses
    again = table.grubel_lloyd()
    assert again is first
    assert table.cache_info().misses == misses
    assert table.grubel_lloyd(adjustment="aquino") is not first  # other parameters, other figure


def test_a_new_version_is_recomputed_and_a_disk_cache_survives_the_session(tmp_path):
    flows = _random_flows(3, periods=(2020,))
    root, cache_dir = tmp_path / "t", tmp_path / "cache"
    write_flows(flows, root)
    with FlowTable(root, config=CONFIG, cache_dir=cache_dir) as table:
        before = table.rca()
        fp = table.version.fingerprint
        write_flows(_random_flows(4, periods=(2021,)), root, mode="append")
        assert table.version.fingerprint != fp
        after = table.rca()
        assert set(after.period) == {2020, 2021}
        assert table.cache_info().misses == 2
    with FlowTable(root, config=CONFIG, cache_dir=cache_dir) as fresh:
        again = fresh.rca()
        assert fresh.cache_info().disk_hits == 1 and fresh.cache_info().misses == 0
        pd.testing.assert_frame_equal(again, after, check_dtype=False)
    assert len(before) < len(after)


def test_checksum_fingerprint_ignores_a_touch(tmp_path):
    write_flows(_random_flows(5, periods=(2020,)), tmp_path)
    a = table_version(tmp_path, kind="checksum").fingerprint
    for f in tmp_path.rglob("*.parquet"):
        f.touch()
    assert table_version(tmp_path, kind="checksum").fingerprint == a


def test_unique_keys_are_detected_from_the_writes(tmp_path):
    flows = _random_flows(6, periods=(2020,))
    write_flows(flows, tmp_path)
    with FlowTable(tmp_path, config=CONFIG) as table:
        table.rca()
        assert table._loaded is not None and table._loaded.unique_keys
        write_flows(flows, tmp_path, mode="append")  # every key twice now
        doubled = table.grubel_lloyd()
        assert not table._loaded.unique_keys
    with FlowTable(tmp_path, config=CONFIG, unique_keys=False) as check:
        assert read_flows(tmp_path)["value"].sum() == pytest.approx(2 * flows["value"].sum())
        pd.testing.assert_frame_equal(doubled, check.grubel_lloyd())


def test_write_refuses_bad_flows(tmp_path):
    good = _random_flows(1, periods=(2020,))
    with pytest.raises(DataError, match="values must be finite and non-negative"):
        write_flows(good.assign(value=-good["value"]), tmp_path / "a")
    with pytest.raises(DataError, match="with itself"):
        write_flows(good.assign(partner=good["reporter"]), tmp_path / "b")
    with pytest.raises(DataError, match="must be integer"):
        write_flows(good.assign(period="2020"), tmp_path / "c")
    write_flows(good, tmp_path / "d")
    with pytest.raises(DataError, match="already holds a flow table"):
        write_flows(good, tmp_path / "d")
    with pytest.raises(DataError, match="no such directory"):
        FlowTable(tmp_path / "nowhere", config=CONFIG).rca()


def test_options_are_validated(small):
    _, table = small
    with pytest.raises(OptionError, match=r"level must be one of \{'pair', 'product'\}; got 'country'"):
        table.grubel_lloyd(level="country")
    with pytest.raises(OptionError, match="kind must be one of"):
        table.concentration(kind="gini")
    with pytest.raises(OptionError, match="engine must be one of"):
        FlowTable(table.root, engine="polars")


# -- Spark: the same expressions, the same numbers ------------------------------------------------------------


@pytest.fixture(scope="module")
def spark_table(small):
    ok, why = spark_available()
    if not ok:
        pytest.skip(f"Spark engine unavailable: {why}")
    _, table = small
    config = EngineConfig(threads=2, memory_limit="1GB", shuffle_partitions=2)
    spark = FlowTable(table.root, engine="spark", config=config)
    yield spark
    spark.close()


@pytest.mark.slow
@pytest.mark.parametrize("name, kwargs", [
    ("rca", {}), ("rca", {"binary": True}), ("grubel_lloyd", {}), ("grubel_lloyd", {"adjustment": "aquino"}),
    ("grubel_lloyd", {"level": "product"}), ("trade_intensity", {}), ("complementarity", {}),
    ("export_similarity", {}), ("concentration", {"over": "partner", "kind": "unctad"}),
])
def test_spark_equals_duckdb(small, spark_table, name, kwargs):
    _, table = small
    want = getattr(table, name)(**kwargs)
    got = getattr(spark_table, name)(**kwargs)
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for col in want.columns:
        if pd.api.types.is_float_dtype(want[col]):
            np.testing.assert_allclose(got[col].to_numpy(float), want[col].to_numpy(float), rtol=RTOL,
                                       atol=1e-13)
        else:
            assert got[col].astype(str).tolist() == want[col].astype(str).tolist()


def test_packed_integer_keys_give_the_same_grubel_lloyd(tmp_path):
    flows = _random_flows(11, periods=(2019, 2021))
    codes = {r: i + 900 for i, r in enumerate(REGIONS)}  # integer codes (e.g. M49), products as integers
    ints = flows.assign(reporter=flows.reporter.map(codes).astype("int16"),
                        partner=flows.partner.map(codes).astype("int16"),
                        product=flows["product"].astype("int32") + 100_000)
    write_flows(ints, tmp_path)
    with FlowTable(tmp_path, config=CONFIG) as packed, \
            FlowTable(tmp_path, config=CONFIG, pack_keys=False) as plain:
        assert packed._load().layout is not None and plain._load().layout is None
        got, want = packed.grubel_lloyd(), plain.grubel_lloyd()
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=RTOL)
    names = {v: k for k, v in codes.items()}
    for period, a, b, x, m in _gl_pairs(flows):
        lo, hi = sorted((codes[a], codes[b]))
        row = got.set_index(["period", "reporter", "partner"]).loc[(period, lo, hi)]
        xx, mm = (x, m) if names[lo] == a else (m, x)
        assert row["aggregate"] == pytest.approx(trade.grubel_lloyd(xx, mm).aggregate, rel=RTOL, abs=1e-13)
