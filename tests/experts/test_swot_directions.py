"""A'WOT, the PESTEL list, the directions ranking and the CLI commands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.experts.directions import (
    direction_criteria,
    directions,
    directions_questionnaire,
    load_example_survey,
    rank_directions,
)
from regint.experts.questionnaire import fill_questionnaire, read_questionnaire
from regint.experts.swot import awot, awot_from_responses, pestel_factors, swot_factors, swot_questionnaire


def test_pestel_list_is_bilingual_and_complete():
    f = pestel_factors("ru")
    assert set(f["pestel"]) == {"political", "economic", "social", "technological", "environmental", "legal"}
    assert set(f["swot"]) == {"S", "W", "O", "T"}
    assert (f["name_ru"].str.len() > 0).all() and (f["name_en"].str.len() > 0).all()
    assert len(swot_factors("S")) >= 2


def test_awot_global_is_group_times_local():
    """Kurttila et al. (2000): global priority of a factor = priority of its SWOT group × its local priority."""
    r = awot({("S", "W"): 2, ("S", "O"): 1, ("S", "T"): 2, ("W", "O"): 1 / 2, ("W", "T"): 1, ("O", "T"): 2},
             {"S": {("E1", "E2"): 3}, "W": {("E5", "E7"): 1}, "O": {("P2", "E6"): 1 / 3}, "T": {"P4": 1.0}})
    # consistent group matrix: S = O = 2·W = 2·T → weights 1/3, 1/6, 1/3, 1/6
    np.testing.assert_allclose(r.groups[["S", "W", "O", "T"]], [1 / 3, 1 / 6, 1 / 3, 1 / 6])
    assert r.factors.loc["E1", "global"] == pytest.approx(1 / 3 * 0.75)
    assert r.factors.loc["E6", "global"] == pytest.approx(1 / 3 * 0.75)
    assert r.factors["global"].sum() == pytest.approx(1.0)
    assert r.balance["strategy"].startswith("SO")
    with pytest.raises(DataError, match="SWOT groups must be among"):
        awot({("S", "W"): 2}, {"X": {("a", "b"): 2}})


def test_swot_questionnaire_round_trip(tmp_path):
    q = swot_questionnaire(tmp_path / "swot.xlsx", "en")
    judg = {"SWOT": {("S", "W"): 3, ("S", "O"): 1, ("S", "T"): 3, ("W", "O"): 1 / 3, ("W", "T"): 1, ("O", "T"): 3}}
    for g in "SWOT":
        codes = list(swot_factors(g)["code"])
        judg[g] = {(a, b): 2 for i, a in enumerate(codes) for b in codes[i + 1:]}
    resp = [read_questionnaire(fill_questionnaire(q, tmp_path / f"f{k}.xlsx", respondent=f"R{k}", when="2025-01-01",
                                                  judgements=judg)) for k in range(2)]
    r = awot_from_responses(resp)
    assert r.groups["S"] == pytest.approx(r.groups["O"]) and r.groups["S"] > r.groups["W"]
    assert r.factors["global"].sum() == pytest.approx(1.0)


def test_directions_catalogue():
    d = directions("ru")
    assert len(d) == 10 and {"agro_food", "logistics", "it", "tourism"} <= set(d.index)
    c = direction_criteria()
    assert set(c["kind"]) == {"data", "expert"} and set(c["benefit"]) == {"max", "min"}


def test_example_ranking_is_flagged_illustrative():
    res = rank_directions(load_example_survey(), sensitivity_draws=200)
    assert res.illustrative
    assert res.summary().splitlines()[2].startswith("ILLUSTRATIVE")
    assert res.group is not None and res.group.illustrative and "ILLUSTRATIVE" in res.group.summary()
    assert (res.criteria.loc[["rca", "linkages"], "status"] == "not available: no data given").all()
    assert res.criteria["weight_used"].sum() == pytest.approx(1.0)
    assert res.criteria.loc["rca", "weight_used"] == 0.0
    assert sorted(res.ranking["rank_topsis"]) == list(range(1, 11))


def test_data_criteria_enter_when_given_and_partial_data_is_not_available():
    codes = list(directions().index)
    data = pd.DataFrame({"rca": np.linspace(0.5, 2.0, 10), "linkages": [1.0] * 9 + [np.nan]}, index=codes)
    res = rank_directions(load_example_survey(), data, sensitivity_draws=0)
    assert res.criteria.loc["rca", "status"] == "available" and res.criteria.loc["rca", "weight_used"] > 0
    assert res.criteria.loc["linkages", "status"] == "not available: missing for it"
    with pytest.raises(DataError, match="unknown criteria"):
        rank_directions(load_example_survey(), pd.DataFrame({"gdp": [1.0]}, index=["it"]))


def test_directions_questionnaire_round_trip(tmp_path):
    q = directions_questionnaire(tmp_path / "d.xlsx", "ru")
    crit = list(direction_criteria()["code"])
    judg = {"criteria": {(a, b): 2 for i, a in enumerate(crit) for b in crit[i + 1:]}}
    ratings = pd.DataFrame(3, index=list(directions().index),
                           columns=["feasibility", "investment_need", "employment", "strategic", "risk"])
    ratings.loc["agro_food", "feasibility"] = 5
    resp = read_questionnaire(fill_questionnaire(q, tmp_path / "f.xlsx", respondent="Петров", when="2025-05-05",
                                                 judgements=judg, ratings=ratings))
    res = rank_directions([resp], sensitivity_draws=50, lang="ru")
    assert not res.illustrative and "ILLUSTRATIVE" not in res.summary()
    assert res.ranking["rank_topsis"].idxmin() == "agro_food"


def test_cli_commands(tmp_path):
    from regint.cli.experts import directions_command, questionnaire_command

    questionnaire_command(out=tmp_path / "q.xlsx", kind="directions", lang="en")
    assert (tmp_path / "q.xlsx").exists()
    directions_command(survey=None, out=tmp_path / "dir", lang="en")
    summary = (tmp_path / "dir" / "summary.txt").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in summary
    ranking = pd.read_csv(tmp_path / "dir" / "ranking.csv")
    assert ranking["illustrative"].str.startswith("ILLUSTRATIVE").all()
    assert (tmp_path / "dir" / "directions.xlsx").exists()
