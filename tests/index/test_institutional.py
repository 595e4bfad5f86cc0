"""The index dimension "institutional and social" (issue 20): without a survey its survey indicators are gaps and
the dimension is thin, with the reason; with a filled SYNTHETIC set (made up here, never a finding) the survey
indicators have a value per side equal to the survey's means, computed here independently from the answers, and
are flagged illustrative; the dimension is aggregated only where it is not thin.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.data.ties import read_subjective_facts, ties_register
from regint.experts.survey import survey_items
from regint.index.institutional import GOALPOSTS, SURVEY_INDICATORS, institutional_dimension
from regint.study.subjective import run_subjective

# the filled SYNTHETIC set is the fixture ``synthetic_survey`` of tests/conftest.py
REPORT_YEAR = 2026
PAIR = ("RU-SMO", "BY-VI")


def _block_mean(records: list[dict], kind: str, side: str, block: str) -> float:
    """Mean over the block's items of each item's weighted mean answer Σ w x / Σ w (respondents who answered)."""
    items = survey_items(kind, "en")  # type: ignore[arg-type]
    item_means = []
    for code in items.loc[items["block"] == block, "code"]:
        pairs = [(r["weight"], r["answers"][code]) for r in records
                 if r["kind"] == kind and r["side"] == side and code in r["answers"]]
        if pairs:
            item_means.append(sum(w * x for w, x in pairs) / sum(w for w, _ in pairs))
    return sum(item_means) / len(item_means)


def _facts() -> pd.DataFrame:
    facts, _, _ = read_subjective_facts()
    return facts


def test_without_survey_the_survey_rows_are_gaps_and_the_dimension_is_thin() -> None:
    facts = _facts()
    dim = institutional_dimension(facts, ties_register(facts), REPORT_YEAR)
    t = dim.to_frame()
    survey = t[t["indicator"].isin(SURVEY_INDICATORS)]
    assert len(survey) == 6 and survey["value"].isna().all() and (survey["note"] == "no survey loaded").all()
    assert not t["illustrative"].any()
    assert dim.thin and dim.reason.startswith("2 of 6 indicators have a value for both sides")
    assert "ties_pair_entries_recent" in dim.reason and "edb_support_eaeu" in dim.reason
    agg = dim.aggregate()
    assert not agg.valid and agg.reason == "not aggregated: 2 indicators with a value for both sides; 3 needed"
    # the shipped facts: Smolensk's 46 agreements with Belarus (2024-06), no Vitebsk count; EDB 2017 national
    v = t.set_index(["indicator", "side"])["value"]
    assert v[("ties_agreements_in_force", "RU-SMO")] == 46 and np.isnan(v[("ties_agreements_in_force", "BY-VI")])
    assert v[("edb_support_eaeu", "RU-SMO")] == 68 and v[("edb_support_eaeu", "BY-VI")] == 56


def test_with_the_synthetic_set_the_values_per_side_are_the_survey_means(tmp_path: Path, synthetic_survey) -> None:
    files, records = synthetic_survey(tmp_path)
    res = run_subjective(_facts(), files, REPORT_YEAR)
    assert res.synthetic and not res.findings_allowed
    dim = res.institutional
    values = dim.survey_values()  # type: ignore[attr-defined]
    for side in PAIR:
        assert values.loc["survey_political_will", side] == pytest.approx(_block_mean(records, "officials", side,
                                                                                       "will"))
        assert values.loc["survey_trust", side] == pytest.approx(_block_mean(records, "officials", side, "trust"))
        assert values.loc["survey_obstacles", side] == pytest.approx(_block_mean(records, "business", side,
                                                                                  "obstacles"))
    t = dim.to_frame()  # type: ignore[attr-defined]
    assert t.loc[t["indicator"].isin(SURVEY_INDICATORS), "illustrative"].all()
    assert not t.loc[~t["indicator"].isin(SURVEY_INDICATORS), "illustrative"].any()
    # illustrative values never count: the dimension stays thin and is not aggregated ...
    assert dim.thin and "survey answers are illustrative and not counted" in dim.reason  # type: ignore[attr-defined]
    assert not dim.aggregate().valid  # type: ignore[attr-defined]
    # ... unless asked to show the mechanics, and then the score is marked illustrative
    demo = dim.aggregate(include_illustrative=True)  # type: ignore[attr-defined]
    assert demo.valid and demo.illustrative and "ILLUSTRATIVE" in demo.reason
    assert list(demo.indicators.index) == ["edb_support_eaeu", "survey_obstacles", "survey_political_will",
                                           "survey_trust", "ties_pair_entries_recent"]


def test_a_survey_that_is_not_thin_is_aggregated_per_side(tmp_path: Path, synthetic_survey) -> None:
    """The same SYNTHETIC answers read as if real (synthetic=False), only to exercise the path of a real survey.

    Reference: the score is the equally weighted mean of the indicators scored 0–100 (OECD/JRC 2008, Handbook,
    pp. 30, 85 and 102–103): goalposts 1–5 for the Likert means (obstacles reversed), 0–100 % for the EDB share and
    the distance to the leading side 100·x/max for the register count — worked out here by hand from the table.
    """
    files, _ = synthetic_survey(tmp_path)
    for f in files:  # the same answers without the synthetic mark in the file
        from openpyxl import load_workbook

        wb = load_workbook(f)
        wb["_meta"]["A1"].value = str(wb["_meta"]["A1"].value).replace(', "synthetic": true', "")
        wb.save(f)
    dim = run_subjective(_facts(), files, REPORT_YEAR).institutional
    assert not dim.thin and not dim.illustrative  # type: ignore[attr-defined]
    agg = dim.aggregate()  # type: ignore[attr-defined]
    assert agg.valid and not agg.illustrative and agg.reason == "5 indicators, equal weights"
    assert "Score (0-100): RU-SMO" in dim.summary()  # type: ignore[attr-defined]
    v = dim.to_frame().set_index(["indicator", "side"])["value"]  # type: ignore[attr-defined]
    counts = {s: v[("ties_pair_entries_recent", s)] for s in PAIR}
    for side in PAIR:
        parts = [100 * counts[side] / max(counts.values())]
        for ind, (lo, hi, direction) in GOALPOSTS.items():
            g = (v[(ind, side)] - lo) / (hi - lo)
            parts.append(100 * (g if direction > 0 else 1 - g))
        assert agg.scores[side] == pytest.approx(sum(parts) / len(parts))
        assert 0 <= agg.scores[side] <= 100


def test_a_pair_the_register_was_not_searched_for_is_a_gap(tmp_path: Path, synthetic_survey) -> None:
    pair = ("RU-PSK", "BY-VI")
    facts = _facts()
    dim = institutional_dimension(facts, ties_register(facts), REPORT_YEAR, pair=pair)
    t = dim.to_frame()
    assert set(t["side"]) == set(pair)
    reg = t[t["indicator"] == "ties_pair_entries_recent"]
    assert reg["value"].isna().all()
    assert reg["note"].str.contains("the shipped register holds the ties of Smolensk Oblast and Vitebsk Region "
                                    "only; the ties of Pskov Oblast and Vitebsk Region are a gap").all()
    assert np.isnan(t.set_index(["indicator", "side"]).at[("ties_agreements_in_force", "RU-PSK"), "value"])
    assert any("gap" in n for n in dim.notes)
    files, records = synthetic_survey(tmp_path, pair)
    res = run_subjective(facts, files, REPORT_YEAR, pair=pair)
    assert res.institutional.survey_values().loc["survey_trust", "RU-PSK"] == pytest.approx(  # type: ignore[attr-defined]
        _block_mean(records, "officials", "RU-PSK", "trust"))
    assert any("Pskov Oblast and Vitebsk Region are a gap" in n for n in res.notes)
