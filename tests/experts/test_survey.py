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


def test_instruments_are_written_for_the_pair_given(tmp_path: Path) -> None:
    """Issue 20: the forms name the pair they are for; a form of another pair takes that pair's sides only."""
    from regint.experts.survey import title

    assert title("officials", "ru") == "Анкета для органов власти: интеграция экономик Смоленской и Витебской областей"
    form = write_survey(tmp_path / "psk.xlsx", "business", "ru", ("RU-PSK", "BY-VI"))
    wb = load_workbook(form)
    assert "Псковской и Витебской областей" in str(wb["Инструкция"]["A1"].value)
    assert "Псковской и Витебской областей" in str(wb["Вопросы"]["A1"].value)
    assert "Смоленск" not in " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    r = read_survey(fill_survey(form, tmp_path / "f.xlsx", respondent="F1", side="RU-PSK",
                                answers={"obst_border": 4}, profile={"size": "small"}))
    assert r.pair == ("RU-PSK", "BY-VI") and r.side == "RU-PSK"
    res = aggregate_survey([r])
    assert res.pair == ("RU-PSK", "BY-VI") and set(res.table["side"]) == {"RU-PSK"}
    assert any("Vitebsk" in n for n in res.notes)
    with pytest.raises(Exception, match="side must be one of"):
        fill_survey(form, tmp_path / "g.xlsx", respondent="F2", side="RU-SMO", answers={})
    wb["Анкета"]["B3"] = "Смоленская область"
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(LoaderError, match=r"not one of \['Псковская область', 'Витебская область'\]"):
        read_survey(tmp_path / "bad.xlsx")


def test_forms_of_different_pairs_are_not_mixed(tmp_path: Path) -> None:
    from regint.errors import DataError

    a = write_survey(tmp_path / "a.xlsx", "business", "en")
    b = write_survey(tmp_path / "b.xlsx", "business", "en", ("RU-PSK", "BY-VI"))
    ra = read_survey(fill_survey(a, tmp_path / "fa.xlsx", respondent="A", side="BY-VI", answers={}))
    rb = read_survey(fill_survey(b, tmp_path / "fb.xlsx", respondent="B", side="BY-VI", answers={}))
    with pytest.raises(DataError, match="different pairs are mixed"):
        aggregate_survey([ra, rb])
    with pytest.raises(DataError, match="another pair than the study's RU-PSK:BY-VI"):
        run_subjective(pd.DataFrame(columns=["indicator"]), [tmp_path / "fa.xlsx"], 2026, pair=("RU-PSK", "BY-VI"))


def test_cli_questionnaire_names_the_pair(tmp_path: Path) -> None:
    from regint.cli.experts import questionnaire_command
    from regint.errors import OptionError

    questionnaire_command(out=tmp_path / "o.xlsx", kind="officials", lang="ru", pair="RU-BRY:BY-HO")
    wb = load_workbook(tmp_path / "o.xlsx")
    assert wb.properties.title == "Анкета для органов власти: интеграция экономик Брянской и Гомельской областей"
    assert read_survey(fill_survey(tmp_path / "o.xlsx", tmp_path / "f.xlsx", respondent="X", side="BY-HO",
                                   answers={})).pair == ("RU-BRY", "BY-HO")
    questionnaire_command(out=tmp_path / "e.xlsx", kind="experts", lang="ru", pair="RU-BRY:BY-HO")
    texts = " ".join(str(c.value) for ws in load_workbook(tmp_path / "e.xlsx") for row in ws.iter_rows()
                     for c in row if c.value)
    assert "Брянской и Гомельской областей" in texts
    with pytest.raises(OptionError, match="a pair is written"):
        questionnaire_command(out=tmp_path / "x.xlsx", kind="business", lang="ru", pair="RU-BRY")
    with pytest.raises(OptionError, match="not in the region catalog"):
        questionnaire_command(out=tmp_path / "x.xlsx", kind="business", lang="ru", pair="RU-XXX:BY-HO")
