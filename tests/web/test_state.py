"""The view in the URL, the honest-chart helpers and the refused scenario inputs, without a browser."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.web import figures
from regint.web import state as vs
from regint.web.pages import base, scenarios
from regint.web.wiring import view_of


def test_a_state_survives_its_query() -> None:
    s = vs.ViewState(lang="en", pair=("RU-PSK", "BY-VI"), indicator="wage_nominal", regions=("RU-PSK", "BY-VI"),
                     years=(2005, 2024), usd=True, scenario="accelerated", outcome="trade",
                     levers={"border_m1": (1.0, 2027), "visa": (0.5, 2028)}, index_pairs=("RU-PSK:BY-VI",))
    q = vs.query(s)
    assert q.startswith("?lang=en&pair=RU-PSK:BY-VI&")
    assert "lev=border_m1:1:2027,visa:0.5:2028" in q
    assert vs.parse(q) == s
    assert vs.parse(vs.query(vs.ViewState(levers={}))).levers == {}  # "no lever at all" is a state too


@pytest.mark.parametrize(("query", "dropped"), [
    ("?pair=RU-XXX:BY-VI", ("pair",)), ("?lang=de", ("lang",)), ("?yr=2020-2001", ("yr",)),
    ("?lev=border_m1:7:2027", ("lev",)), ("?lev=x;drop:1:2020", ("lev",)), ("?ind=../../etc", ("ind",)),
    ("?reg=<script>", ("reg",)),
])
def test_a_bad_query_value_is_ignored_not_fatal(query: str, dropped: tuple[str, ...]) -> None:
    s = vs.parse(query)
    assert s.dropped == dropped
    assert s.pair == vs.ViewState().pair and s.levers is None


def test_the_pickers_rewrite_the_query_and_keep_the_rest() -> None:
    search = "?lang=ru&pair=RU-SMO:BY-VI&lev=border_m1:1:2027"
    key, q = view_of("/scenarios", search, "en", "RU-SMO:BY-VI", "lang", "ru")
    assert key == "scenarios" and vs.parse(q).lang == "en" and vs.parse(q).levers == {"border_m1": (1.0, 2027)}
    _, q = view_of("/scenarios", q, "en", "RU-BRY:BY-HO", "pair", "ru")
    assert vs.parse(q).pair == ("RU-BRY", "BY-HO") and vs.parse(q).lang == "en"
    _, q = view_of("/", "", None, None, None, "en")  # no language in the address: the app's
    assert vs.parse(q).lang == "en"


def test_pairs_are_offered_by_name() -> None:
    opts = base.pair_options("ru")
    assert opts[0] == {"label": "Смоленская область — Витебская область", "value": "RU-SMO:BY-VI"}
    assert all(":" not in o["label"] and "RU-" not in o["label"] for o in opts)


def test_a_missing_year_is_a_gap_not_a_line() -> None:
    """Years 2003–2004 missing for one region: the trace has nulls there and does not connect them."""
    frame = pd.DataFrame({2001: [1.0, 2.0], 2002: [1.5, 2.5], 2005: [2.0, np.nan], 2006: [2.5, 3.0]},
                         index=["RU-SMO", "BY-VI"])
    frame.loc["BY-VI", 2002] = np.nan
    fig = figures.lines(frame, {"RU-SMO": "a", "BY-VI": "b"}, "t", "u")
    for tr in fig.data:
        assert list(tr.x) == [2001, 2002, 2003, 2004, 2005, 2006] and tr.connectgaps is False
    assert np.isnan(np.asarray(fig.data[0].y, dtype=float)[2:4]).all()
    assert fig.layout.yaxis.rangemode == "tozero"
    fig = figures.finish(fig, "ru", unit="руб.", years=(2001, 2006), source="Источник: Росстат")
    assert fig.layout.separators == ", "
    assert "2001–2006" in fig.layout.title.text and any("Росстат" in a.text for a in fig.layout.annotations)


def test_the_cloud_control_is_gone_and_export_stays() -> None:
    cfg = figures.GRAPH_CONFIG
    assert cfg["showSendToCloud"] is False and cfg["showEditInChartStudio"] is False
    assert "sendDataToCloud" in cfg["modeBarButtonsToRemove"] and cfg["toImageButtonOptions"]["format"] == "png"


@pytest.mark.parametrize(("draws", "ok"), [(2000, True), (100, True), (50_000, True), (99, False), (50_001, False),
                                           (None, False), ("abc", False), (150.5, False)])
def test_draws_outside_the_range_are_refused(draws: object, ok: bool) -> None:
    assert (scenarios.check_draws(draws, "ru") is None) is ok


def test_a_start_year_outside_the_horizon_stops_the_run() -> None:
    intensity, starts = scenarios.scenario_controls("moderate")
    bad = list(starts)
    bad[0] = 1999
    fig, summary = scenarios.scenario_run("moderate", intensity, bad, "score", "ru")
    text = str(summary)
    assert "вне горизонта" in text and "1999" in text
    with pytest.raises(ValueError, match="draws"):
        scenarios.scenario_mc_start(None, "moderate", intensity, starts, 5)  # type: ignore[arg-type]


def test_scenario_summary_compares_two_scenarios_and_breaks_down_the_levers() -> None:
    intensity, starts = scenarios.scenario_controls("moderate")
    fig, summary = scenarios.scenario_run("moderate", intensity, starts, "trade", "en", compare="accelerated")
    from regint.web import scenario_adapter as sa

    assert [tr.name for tr in fig.data] == ["Inertial (no new measures)", sa.shipped("accelerated").title("en"),
                                           "Scenario (central values)"]
    text = str(summary)
    assert "breakdown-table" in text and "assumptions-table" in text
    assert fig.layout.yaxis.rangemode == "tozero"
