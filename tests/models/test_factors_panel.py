"""The factor panel builder, the events file and the command (on a synthetic observation panel)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from regint.errors import DataError, OptionError
from regint.models.factors import fit_factors
from regint.models.factors_panel import build_factor_panel, event_dummies, great_circle_km, load_events

from ._factors_fake import fake_panel


def test_events_file_has_sources_and_dates() -> None:
    ev = load_events()
    assert {"customs_union", "single_economic_space", "eaeu", "crisis_2009", "shock_2014_2015", "covid_2020",
            "sanctions_2022"} <= set(ev["id"])
    assert ev["source"].str.len().min() > 20
    d = event_dummies(ev, pd.Index(range(2008, 2024)))
    assert d.loc[2014, "eaeu"] == 0 and d.loc[2015, "eaeu"] == 1 and d.loc[2023, "eaeu"] == 1
    assert d["shock_2014_2015"].sum() == 2 and d.loc[2009, "crisis_2009"] == 1


def test_great_circle_one_degree_of_longitude_on_the_equator() -> None:
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=1e-3)


def test_regions_panel_starts_2012_and_states_what_it_dropped() -> None:
    fp = build_factor_panel(fake_panel(), "cis_export_share")
    years = fp.data.index.get_level_values("year")
    assert years.min() == 2012 and years.max() == 2021
    dropped = dict(fp.honesty.dropped)
    assert "customs_union" in dropped and "rer_log" in dropped  # BY fx only to 2012 in the fake data
    assert any("2012" in n for n in fp.honesty.notes)
    assert fp.honesty.n_obs == len(fp.data) and fp.honesty.n_entities == 10
    res = fit_factors(fp, bootstrap=99)
    assert any(i.endswith("_x_proximity") for i in res.params.index)
    assert "log_distance" in dict(res.honesty.dropped)


def test_break_dummy_variant_keeps_2000_2021() -> None:
    fp = build_factor_panel(fake_panel(), "cis_trade_share", trade_break="dummy", min_coverage=0.5)
    years = set(fp.data.index.get_level_values("year"))
    assert min(years) <= 2001 and {2009, 2010, 2011} <= years  # rer_volatility needs the previous year
    assert "rosstat_belarus_break" in fp.factors


def test_pairs_wage_gap_panel() -> None:
    fp = build_factor_panel(fake_panel(), "wage_gap", scope="pairs")
    assert set(fp.data.index.get_level_values("entity")) == {"RU-SMO:BY-VI", "RU-SMO:BY-MA", "RU-PSK:BY-VI",
                                                             "RU-BRY:BY-HO", "RU-BRY:BY-MA"}
    res = fit_factors(fp, bootstrap=99, lags=1)
    assert res.effects == "entity" and any("Nickell" in n for n in res.notes)


def test_errors_say_what_and_how_to_fix() -> None:
    with pytest.raises(OptionError, match="outcome must be one of"):
        build_factor_panel(fake_panel(), "gdp")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="needs the composite index"):
        build_factor_panel(fake_panel(), "composite")
    with pytest.raises(OptionError, match="exposure must be one of"):
        fit_factors(build_factor_panel(fake_panel()), exposure="near")  # type: ignore[arg-type]


def test_composite_outcome_from_a_given_index() -> None:
    rows = [{"entity": e, "year": y, "value": float(np.sin(y) + i)} for i, e in
            enumerate(["RU-SMO:BY-VI", "RU-SMO:BY-MA", "RU-PSK:BY-VI", "RU-BRY:BY-HO", "RU-BRY:BY-MA"])
            for y in range(2005, 2020)]
    fp = build_factor_panel(fake_panel(), "composite", scope="pairs", composite=pd.DataFrame(rows))
    assert fp.honesty.n_entities == 5


def test_command_writes_tables_and_waterfall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import regint.data.api as api
    from regint.cli.factors import factors_command

    monkeypatch.setattr(api, "load_panel", fake_panel)
    app = typer.Typer()
    app.command()(factors_command)
    result = CliRunner().invoke(app, ["--out", str(tmp_path), "--bootstrap", "99"])
    assert result.exit_code == 0, result.output
    assert "N = " in result.output and "dropped" in result.output
    for name in ["coefficients.csv", "diagnostics.csv", "importance.csv", "decomposition.csv", "honesty.csv",
                 "factors.xlsx", "waterfall.png", "waterfall.svg"]:
        assert (tmp_path / name).exists(), name
    bad = CliRunner().invoke(app, ["--outcome", "gdp", "--out", str(tmp_path)])
    assert bad.exit_code != 0 and "outcome must be one of" in bad.output
