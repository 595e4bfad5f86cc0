"""Survey instruments: written in ru/en, a SYNTHETIC filled set (made up here, never a finding) read back,
validated, and aggregated per side with intervals; the study's subjective factors without a survey."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from regint.errors import LoaderError
from regint.experts.directions import directions
from regint.experts.survey import fill_survey, read_survey, survey_items, write_survey
from regint.experts.survey_aggregate import aggregate_survey
from regint.study.subjective import run_subjective


def _synthetic_officials(tmp_path: Path, lang: str = "ru") -> list[Path]:
    """Eight SYNTHETIC officials (4 per side): Smolensk rates payment obstacles higher by construction."""
    form = write_survey(tmp_path / f"officials_{lang}.xlsx", "officials", lang)  # type: ignore[arg-type]
    codes = list(survey_items("officials", "en")["code"])
    dirs = list(directions()["code"])
    true = np.linspace(3.0, 1.0, len(dirs))
    rng = np.random.default_rng(7)
    files = []
    for k in range(8):
        side = "RU-SMO" if k < 4 else "BY-VI"
        answers = {c: int(np.clip(round(3 + rng.normal(0, 0.7)), 1, 5)) for c in codes}
        answers["obst_payment"] = 5 if side == "RU-SMO" else 2
        answers["obst_language"] = None
        judg = {}
        for a, b in combinations(dirs, 2):
            r = true[dirs.index(a)] / true[dirs.index(b)]
            judg[(a, b)] = float(round(r)) if r >= 1 else 1 / float(round(1 / r))
        files.append(fill_survey(form, tmp_path / f"o{k}.xlsx", respondent=f"SYN-{k}", side=side, answers=answers,
                                 profile={"level": "regional"}, judgements=judg, weight=1 + k % 2,
                                 synthetic=True))
    return files


def test_instruments_written_in_both_languages(tmp_path: Path) -> None:
    for kind in ("officials", "business"):
        for lang in ("ru", "en"):
            path = write_survey(tmp_path / f"{kind}_{lang}.xlsx", kind, lang)  # type: ignore[arg-type]
            wb = load_workbook(path)
            assert "_meta" in wb.sheetnames
            assert ("Вопросы" if lang == "ru" else "Questions") in wb.sheetnames
            assert (("Сравнения" if lang == "ru" else "Comparisons") in wb.sheetnames) == (kind == "officials")
    ru = survey_items("business", "ru")
    assert "Различия в законодательстве" in ru.loc[ru["code"] == "obst_legal", "text"].iloc[0]
    assert len(ru) == 11


def test_synthetic_set_imports_and_aggregates_per_side(tmp_path: Path) -> None:
    responses = [read_survey(p) for p in _synthetic_officials(tmp_path)]  # the files carry the mark
    assert all(r.synthetic for r in responses)
    assert {r.side for r in responses} == {"RU-SMO", "BY-VI"}
    assert responses[1].weight == 2.0 and "obst_language" not in responses[0].answers
    res = aggregate_survey(responses)
    assert res.synthetic and "SYNTHETIC" in res.summary()
    t = res.table.set_index(["side", "item"])
    assert t.loc[("RU-SMO", "obst_payment"), "mean"] == 5.0
    assert t.loc[("BY-VI", "obst_payment"), "mean"] == 2.0
    assert t.loc[("RU-SMO", "obst_language"), "n"] == 0
    row = t.loc[("RU-SMO", "will_priority")]
    assert row["lower"] <= row["mean"] <= row["upper"] and row["n"] == 4
    assert res.disagreements()["item"].tolist().count("obst_payment") == 1
    assert res.obstacles("RU-SMO").iloc[0]["item"] == "obst_payment"
    assert set(res.agreement["side"]) == {"RU-SMO", "BY-VI"} and res.agreement["kendall_w"].between(0, 1).all()
    d = res.directions[res.directions["side"] == "BY-VI"].set_index("direction")["priority"]
    assert d.sum() == pytest.approx(1.0) and d.idxmax() == directions()["code"].iloc[0]


def test_business_survey_profile_is_validated(tmp_path: Path) -> None:
    form = write_survey(tmp_path / "b.xlsx", "business", "en")
    good = fill_survey(form, tmp_path / "g.xlsx", respondent="F1", side="BY-VI", answers={"obst_border": 4},
                       profile={"size": "small", "sector": "transport", "trades_with_partner": "yes"})
    r = read_survey(good)
    assert r.profile["size"] == "small" and r.answers == {"obst_border": 4.0}
    wb = load_workbook(good)
    wb["Questions"]["D5"] = 7
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(LoaderError, match=r"sheet 'Questions', row 5, column D: answer 7 is not a whole number"):
        read_survey(tmp_path / "bad.xlsx")
    wb = load_workbook(good)
    wb["Profile"]["B3"] = "Mogilev oblast"
    wb.save(tmp_path / "bad2.xlsx")
    with pytest.raises(LoaderError, match="Side"):
        read_survey(tmp_path / "bad2.xlsx")


def test_partial_comparisons_are_rejected(tmp_path: Path) -> None:
    form = write_survey(tmp_path / "o.xlsx", "officials", "en")
    dirs = list(directions()["code"])
    f = fill_survey(form, tmp_path / "p.xlsx", respondent="X", side="RU-SMO", answers={},
                    judgements={(dirs[0], dirs[1]): 3.0})
    with pytest.raises(LoaderError, match="comparisons are empty"):
        read_survey(f)


def test_subjective_without_survey_draws_no_finding() -> None:
    res = run_subjective(pd.DataFrame(columns=["indicator"]), [], 2026)
    assert not res.survey_loaded and not res.findings_allowed
    assert "No survey has been loaded" in res.summary()
    dim = res.to_frame()
    assert set(dim["indicator"]) >= {"ties_agreements_in_force", "edb_support_eaeu", "survey_obstacles"}
    assert dim.loc[dim["indicator"] == "survey_trust", "value"].isna().all()
    assert res.institutional.thin  # type: ignore[attr-defined]


def test_subjective_with_synthetic_survey_is_marked(tmp_path: Path) -> None:
    from regint.study import Settings, Study

    files = _synthetic_officials(tmp_path, "en")
    res = Study(Settings(subjective_files=tuple(files)), pd.DataFrame(columns=["indicator"])).subjective.value
    assert res.survey_loaded and res.synthetic and not res.findings_allowed
    dim = res.to_frame()
    assert dim.loc[dim["indicator"] == "survey_political_will", "illustrative"].all()


def test_study_subjective_attribute_without_survey() -> None:
    from regint.data.ties import read_subjective_facts
    from regint.study import Settings, Study

    panel, _, _ = read_subjective_facts()  # the facts as the rebuilt store will hold them
    out = Study(Settings(), panel).subjective
    assert out.ok, out.reason
    assert not out.value.findings_allowed and "No survey has been loaded" in out.value.summary()
    assert len(out.value.register.entries) == int(panel["indicator"].str.startswith("press_tie_").sum())
    assert not out.value.notes  # read from the panel, not from the package files


def test_cli_writes_the_three_instruments(tmp_path: Path) -> None:
    from regint.cli.experts import questionnaire_command

    for kind in ("officials", "business", "experts"):
        questionnaire_command(out=tmp_path / f"{kind}.xlsx", kind=kind, lang="ru")
        assert (tmp_path / f"{kind}.xlsx").exists()
    assert "Сравнения" in load_workbook(tmp_path / "officials.xlsx").sheetnames
    with pytest.raises(Exception, match="kind must be one of"):
        questionnaire_command(out=tmp_path / "x.xlsx", kind="citizens", lang="ru")
