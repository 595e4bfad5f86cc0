"""The multipliers of the scenario chain from the input-output pipeline, and their labelled fallback.

The analysis runs on the shipped Rosstat 2021 table of domestic products (loads in well under a second). Without a
panel the regional structure is the national one; the sizes TRE/TNE are given (0.4 % for Smolensk, 8 % for Vitebsk
oblast: its share of Belarus GDP in 2020, Belstat via BelTA), so both sides are regionalised with the FLQ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.scenarios import ScenarioError, default_parameters
from regint.scenarios.multipliers import (
    DEFAULT_SECTOR_ASSUMPTION,
    MULTIPLIER_KEYS,
    fallback_multipliers,
    multiplier_parameters,
    side_parameters,
)


@pytest.fixture(scope="module")
def national():
    from regint.models.inputoutput import shipped_table as io_table

    return io_table(2021, domestic=True)


@pytest.fixture(scope="module")
def ia(national):
    from regint.models.inputoutput import shipped_concordance
    from regint.models.inputoutput.pipeline import pair_io_analysis

    return pair_io_analysis(national, None, concordance=shipped_concordance(), region="RU-SMO", partner="BY-VI",
                            region_share=0.004, partner_share=0.08, method="flq", delta=0.3)


def _sens(model, delta: float, measure: str, sector: str = "C") -> float:
    s = model.sensitivity((delta,))
    return float(s.set_index("sector").at[sector, measure])


def test_default_central_is_the_section_c_multiplier_at_delta_03(ia):
    params = multiplier_parameters(ia)
    assert set(params) == set(MULTIPLIER_KEYS.values())
    for side, region in (("ru", "RU-SMO"), ("by", "BY-VI")):
        frame = ia.regional[region].frame  # the analysis itself was run at δ = 0.3
        assert params[f"mult_output_{side}"].central == pytest.approx(frame.at["C", "output"], rel=1e-12)
        assert params[f"mult_gva_{side}"].central == pytest.approx(frame.at["C", "gva"], rel=1e-12)


def test_range_is_the_delta_sensitivity_and_ordered(ia):
    params = multiplier_parameters(ia)
    for side, model in (("ru", ia.pair.first), ("by", ia.pair.second)):
        for measure in ("output", "gva"):
            p = params[f"mult_{measure}_{side}"]
            assert p.low <= p.central <= p.high and p.low < p.high
            assert p.low == pytest.approx(_sens(model, 0.4, measure))
            assert p.high == pytest.approx(_sens(model, 0.1, measure))
            assert p.status == "estimate" and p.distribution == "pert"
    assert params["mult_output_ru"].low >= 1.0  # a type-I output multiplier includes the initial unit


def test_source_names_table_method_delta_and_structure(ia):
    params = multiplier_parameters(ia, notes={"by": "size from the test"})
    src_ru, src_by = params["mult_output_ru"].source, params["mult_gva_by"].source
    for src in (src_ru, src_by):
        assert "Rosstat symmetric input-output table 2021" in src and "FLQ" in src
        assert "δ = 0.3 (central), 0.4 (low), 0.1 (high)" in src and "Flegg" in src
        assert DEFAULT_SECTOR_ASSUMPTION in src
    assert "NATIONAL structure assumed" in src_ru and "size TRE/TNE = 0.400%" in src_ru
    assert "proxy of Belarusian technology" in src_by and "size from the test" in src_by


def test_sector_shares_weight_the_sector_multipliers(ia):
    shares = pd.Series({"C": 3.0, "a": 1.0})  # normalised; section codes in any case
    p = side_parameters(ia, "ru", shares)
    frame = ia.regional["RU-SMO"].frame
    expected = 0.75 * frame.at["C", "output"] + 0.25 * frame.at["A", "output"]
    assert p["mult_output_ru"].central == pytest.approx(expected)
    assert "given shares of bilateral trade: C 75.0%, A 25.0%" in p["mult_output_ru"].source
    with pytest.raises(ScenarioError, match=r"sections \['ZZ'\] that the input-output table lacks"):
        side_parameters(ia, "ru", pd.Series({"C": 0.5, "ZZ": 0.5}))
    with pytest.raises(ScenarioError, match="non-negative with a positive sum"):
        side_parameters(ia, "ru", pd.Series({"C": -1.0, "A": 0.5}))


def test_a_side_without_size_is_an_error_not_a_number(national):
    from regint.models.inputoutput import shipped_concordance
    from regint.models.inputoutput.pipeline import pair_io_analysis

    ia = pair_io_analysis(national, None, concordance=shipped_concordance(), region_share=0.004)
    assert side_parameters(ia, "ru")["mult_output_ru"].central > 1.0
    with pytest.raises(ScenarioError, match="BY-VI: no δ sensitivity.*TRE/TNE"):
        side_parameters(ia, "by")


def test_fallback_keeps_the_shipped_values_and_says_why():
    shipped = default_parameters()
    fb = fallback_multipliers(shipped, "boom", ("by",))
    assert set(fb) == {"mult_output_by", "mult_gva_by"}
    for name, p in fb.items():
        assert (p.low, p.central, p.high) == (shipped[name].low, shipped[name].central, shipped[name].high)
        assert p.source.startswith("FALLBACK") and "boom" in p.source and shipped[name].source in p.source


# -- the command line's computation and its fallback ----------------------------------------------------------
def test_io_multipliers_without_panel_falls_back_with_reason():
    from regint.study.scenario_inputs import io_multipliers

    params, msgs = io_multipliers(None, ("RU-SMO", "BY-VI"), deltas=(0.4, 0.3, 0.1), reason="--no-store")
    shipped = default_parameters()
    assert set(params) == set(MULTIPLIER_KEYS.values())
    assert all(params[n].central == shipped[n].central and "--no-store" in params[n].source for n in params)
    assert len(msgs) == 2 and all("labelled fallbacks of parameters.toml — --no-store" in m for m in msgs)


def test_io_multipliers_falls_back_when_the_analysis_raises(monkeypatch):
    import regint.models.inputoutput.pipeline as pipeline
    from regint.study import Settings, Study

    def boom(*args, **kwargs):
        raise DataError("no table today")

    monkeypatch.setattr(pipeline, "pair_io_analysis", boom)
    study = Study(Settings(), pd.DataFrame(columns=["region", "indicator", "period", "value", "unit"]))
    params, msgs = study.multipliers
    shipped = default_parameters()
    for n, p in params.items():
        assert p.central == shipped[n].central and p.source.startswith("FALLBACK") and "no table today" in p.source
    assert all("no table today" in m for m in msgs)


@pytest.fixture(scope="module")
def shipped_panel(tmp_path_factory):
    """The shipped dataset's panel of the pair and Russia, through a fresh store."""
    from regint.data.api import load_panel
    from regint.data.store import Store

    store = Store(tmp_path_factory.mktemp("store") / "store.duckdb")
    try:
        return load_panel(regions=["RU-SMO", "BY-VI", "RU"], store=store)
    finally:
        store.close()


def test_io_multipliers_from_the_shipped_data_use_the_proxies(shipped_panel):
    from regint.study import Settings, Study

    params, msgs = Study(Settings(), shipped_panel).multipliers
    ru, by = params["mult_output_ru"], params["mult_output_by"]
    assert "Rosstat activity proxies" in ru.source and not ru.source.startswith("FALLBACK")
    assert "press_grp_share_of_gdp" in by.source
    assert all(p.low <= p.central <= p.high for p in params.values())
    assert any("RU-SMO: input-output multipliers computed at run time" in m for m in msgs)
    # without the partner's share of its national GDP only the Belarusian side falls back
    bare = shipped_panel[shipped_panel["indicator"] != "press_grp_share_of_gdp"]
    params2, msgs2 = Study(Settings(), bare).multipliers
    assert params2["mult_output_ru"].central == pytest.approx(ru.central)
    assert params2["mult_output_by"].source.startswith("FALLBACK")
    assert np.isclose(params2["mult_output_by"].central, default_parameters()["mult_output_by"].central)
