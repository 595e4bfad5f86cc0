"""Source precedence as data (the catalog's ordered lists), the conflict list, and rejected values."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from regint.data.api import conflicts
from regint.data.precedence import choose, conflict_summary, find_conflicts, source_order, source_rank
from regint.data.schema import make_observations
from regint.data.store import Store, shipped_dataset_path


def _rows(*rows: tuple) -> pd.DataFrame:
    keys = ("region", "indicator", "period", "value", "source", "status", "note")
    frame = make_observations([dict(zip(keys, r, strict=False)) | {"unit": "x"} for r in rows])
    return frame.assign(import_id=1)


def test_catalog_lists_sources_in_order() -> None:
    order = source_order("wage_nominal")
    assert order[:3] == ("rosstat_regions_2022", "rosstat_wages_2023", "rosstat_wages_2024")
    assert order.index("belstat_dataportal") < order.index("belstat_stranoved") < order.index("belstat_wages")
    assert order.index("belstat_wages") < order.index("press_facts3")
    assert source_rank("wage_nominal", "rosstat_regions_2022") == 0
    # an unlisted official source (a user's file, priority 45) goes before the first listed secondary one
    # (rosstat_wages_2024, 3rd)
    assert source_rank("wage_nominal", "user") == pytest.approx(1.5 + 0.045)
    assert source_order("no_such_code") == ()


def test_choose_takes_the_first_listed_and_says_which() -> None:
    obs = _rows(("BY-VI", "wage_nominal", "2023", 1901.0, "belstat_wages", "official"),
                ("BY-VI", "wage_nominal", "2023", 1593.8, "belstat_dataportal", "official"),
                ("BY-VI", "wage_nominal", "2023", 1600.0, "press_facts3", "secondary"),
                ("BY-VI", "wage_nominal", "2024", 1911.8, "press_facts3", "secondary"))
    out = choose(obs).set_index("period")
    assert out.loc["2023", "source"] == "belstat_dataportal" and out.loc["2023", "value"] == 1593.8
    assert out.loc["2023", "precedence"] == ("belstat_dataportal (listed 6th for wage_nominal); also: belstat_wages, "
                                             "press_facts3")
    assert out.loc["2024", "precedence"] == "press_facts3 (listed 9th for wage_nominal; only source)"
    fixed = choose(obs, source_priority=["press_facts3", "belstat_wages"]).set_index("period")
    assert fixed.loc["2023", "source"] == "press_facts3"


def test_rejected_and_flagged_never_chosen() -> None:
    obs = _rows(("BY-VI", "grp", "2019", 6080.4, "press_facts2", "rejected", "REJECTED: contradicted"),
                ("BY-VI", "grp", "2018", 1.0, "press_facts2", "secondary", "FLAGGED: UNVERIFIED"))
    assert choose(obs).empty
    assert list(choose(obs, include_flagged=True)["period"]) == ["2018"]


def test_find_conflicts_threshold_and_both_values() -> None:
    obs = _rows(("RU", "imports_usd", "2003", 57346.0, "rosstat_regions_2022", "official"),
                ("RU", "imports_usd", "2003", 76100.0, "rosstat_kep", "official"),
                ("RU", "imports_usd", "2010", 100.0, "rosstat_regions_2022", "official"),
                ("RU", "imports_usd", "2010", 100.5, "rosstat_kep", "official"))
    found = find_conflicts(obs, threshold=0.01)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row.chosen_source, row.chosen_value, row.other_source, row.other_value) == (
        "rosstat_regions_2022", 57346.0, "rosstat_kep", 76100.0)
    assert row.rel_diff == pytest.approx((76100 - 57346) / 57346)  # 32.7 %
    assert len(find_conflicts(obs, threshold=0.001)) == 2
    assert conflict_summary(found).iloc[0].to_dict() == {"indicator": "imports_usd", "chosen_source":
                                                         "rosstat_regions_2022", "other_source": "rosstat_kep",
                                                         "keys": 1, "max_rel_diff": pytest.approx(0.32703, abs=1e-5)}
    with pytest.raises(Exception, match="threshold must be 0 or more"):
        find_conflicts(obs, threshold=-1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(tmp_path_factory.mktemp("prec") / "s.duckdb")


def test_shipped_p24_rejected_with_reason_and_never_in_a_panel(store: Store) -> None:
    shipped = pd.read_parquet(shipped_dataset_path())
    p24 = shipped[(shipped.region == "BY-VI") & (shipped.indicator == "grp") & (shipped.period == "2019")
                  & (shipped.source == "press_facts2")].iloc[0]
    assert p24.status == "rejected" and p24.value == 6080.4
    assert p24.note.startswith("REJECTED: contradicted by belstat_dataportal (derived: grp_per_capita 8732.7 BYN")
    panel = store.panel(["grp"], ["BY-VI"], (2019, 2019))
    assert list(panel["source"]) == ["belstat_dataportal"] and panel["status"].iloc[0] == "derived"
    # 8,732.7 BYN × mean of 1 January 2019 and 2020 populations (1,142.936 and 1,133.625 thous.) / 1000
    assert panel["value"].iloc[0] == pytest.approx(8732.7 * (1142.936 + 1133.625) / 2 / 1000)
    assert (shipped.status == "rejected").sum() >= 1


def test_conflicts_on_the_shipped_data(store: Store) -> None:
    found = conflicts(["RU-SMO", "BY-VI", "RU", "BY"], 0.01, store=store)
    assert len(found) > 50
    assert found["rel_diff"].is_monotonic_decreasing and (found["rel_diff"] > 0.01).all()
    p24 = found[(found.indicator == "grp") & (found.region == "BY-VI") & (found.period == "2019")].iloc[0]
    assert (p24.chosen_source, p24.other_source, p24.other_status) == ("belstat_dataportal", "press_facts2",
                                                                       "rejected")
    import regint.data

    assert regint.data.conflicts is conflicts


def test_panel_says_which_source(store: Store) -> None:
    panel = store.panel(["wage_nominal"], ["RU-SMO"], (2022, 2023))
    assert list(panel["source"]) == ["rosstat_wages_2023", "rosstat_wages_2023"]
    assert list(panel["value"]) == [41716.5, 48388.1]  # tab4-zpl_2023.xlsx, row 16
    assert panel["precedence"].str.startswith("rosstat_wages_2023 (listed 2nd for wage_nominal").all()


def test_cli_conflicts(store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from regint.cli import app

    monkeypatch.setenv("REGINT_STORE", str(store.path))
    store.close()
    out = tmp_path / "c.csv"
    result = CliRunner().invoke(app, ["data", "conflicts", "--regions", "RU-SMO,BY-VI,RU,BY", "--top", "5",
                                      "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "keys (region, indicator, period)" in result.output and "gdp_usd" in result.output
    assert len(pd.read_csv(out)) > 50
