"""The report's factor section and the subjective factors (issue 20), through the study object on a small panel
(the shipped register and barometer facts only): without a survey it says that none has been loaded and shows what
each instrument would measure; with a filled SYNTHETIC set (tests/conftest.py, made up, never a finding) it shows
which obstacles each side names and where the sides differ, in a box marked illustrative.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data.ties import read_subjective_facts
from regint.report.sections import factors
from regint.report.sections.common import Section
from regint.study import Settings, Study


def _study(files: tuple[Path, ...] = ()) -> Study:
    panel, _, _ = read_subjective_facts()
    return Study(Settings.fast(subjective_files=files), panel)


def _section(study: Study, lang: str) -> Section:
    sec = Section()
    factors.subjective(study, lang, sec)
    return sec


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_survey_the_section_shows_the_instruments(lang: str) -> None:
    sec = _section(_study(), lang)
    assert not [k for k in sec.tables if k.startswith("survey_")]
    inst = sec.tables["instruments"]
    assert len(inst.frame) == 3 and not inst.illustrative
    assert (("Опрос не проводился" if lang == "ru" else "No survey has been loaded") in inst.footer(lang))
    assert ("Смоленской и Витебской областей" if lang == "ru" else "Smolensk Oblast and Vitebsk Region") in \
        inst.frame.iloc[0, 1]
    assert not sec.tables["institutional"].illustrative


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_with_a_synthetic_survey_the_obstacles_and_disagreements_are_illustrative(
        tmp_path: Path, synthetic_survey, lang: str) -> None:
    files, _ = synthetic_survey(tmp_path)
    study = _study(tuple(files))
    sr = study.subjective.value
    sec = _section(study, lang)
    keys = [k for k in sec.tables if k.startswith("survey_")]
    assert keys == ["survey_business_obstacles", "survey_officials_obstacles", "survey_officials_views"]
    t = sec.tables["survey_business_obstacles"]
    assert t.illustrative and t.illustrative_text.startswith("ИЛЛЮСТРАТИВНО" if lang == "ru" else "ILLUSTRATIVE")
    assert len(t.frame) == 11
    # the numbers are the survey aggregate's: means per side and the difference with its interval
    s = sr.surveys["business"]
    comp = s.comparison.set_index("item")
    cols = list(t.frame.columns)
    mean_a, diff, lower, upper, differs = cols[1], cols[5], cols[6], cols[7], cols[8]
    legal = t.frame.iloc[0]
    assert legal[mean_a] == pytest.approx(s.table.set_index(["side", "item"]).at[("RU-SMO", "obst_legal"), "mean"])
    assert (legal[diff], legal[lower], legal[upper]) == pytest.approx(
        tuple(comp.loc["obst_legal", ["difference", "lower", "upper"]]))
    assert t.frame[differs].tolist() == [bool(comp.at[c, "differs"]) for c in comp.index]
    first = s.obstacles("RU-SMO").iloc[0]["item"]
    assert t.frame[cols[2]].iloc[list(comp.index).index(first)] == 1  # the side's most serious obstacle ranks 1
    assert ("Оценки расходятся" if lang == "ru" else "The sides differ on") in t.footer(lang)
    assert sec.tables["institutional"].illustrative
    assert ("синтетические" if lang == "ru" else "synthetic") in sec.tables["instruments"].footer(lang)


def test_the_report_puts_the_synthetic_survey_in_a_marked_box(tmp_path: Path, synthetic_survey) -> None:
    from regint.report.document import build_document
    from regint.report.render import render_html

    files, _ = synthetic_survey(tmp_path)
    doc = build_document(_study(tuple(files)), "ru")
    assert doc["subjective_loaded"] and doc["subjective_illustrative"] and not doc["subjective_survey"]
    assert not any("опрос" in str(p.text).lower() for p in doc["proposals"])  # no finding rests on the survey
    html = render_html(doc, "html")
    box = html[html.index('<div class="box illus-box" id="survey-results">'):]
    box = box[:box.index("</div>")]
    assert '<p class="illus-banner">ИЛЛЮСТРАТИВНО: ответы синтетические' in box
    assert box.count('<figure class="table" id="tab-survey_') == 3
    assert "Реальные\nответы не загружены" in html or "Реальные ответы не загружены" in html


def test_the_report_without_survey_says_none_was_loaded() -> None:
    from regint.report.document import build_document
    from regint.report.render import render_html

    doc = build_document(_study(), "ru")
    html = render_html(doc, "html")
    assert "Опрос не загружен" in html and 'id="survey-results"' not in html
    assert 'id="tab-instruments"' in html


def test_a_pair_without_register_entries_says_so() -> None:
    panel, _, _ = read_subjective_facts()
    study = Study(Settings.fast(pair=("RU-PSK", "BY-VI")), panel)
    sec = _section(study, "ru")
    assert "ties" not in sec.tables
    what, why = sec.missing[0]
    assert what == "Реестр институциональных связей Псковской и Витебской областей"
    assert why.startswith("реестр, поставляемый с программой, собран только для Смоленской и Витебской областей")
    inst = sec.tables["institutional"].frame
    assert "Псковской и Витебской областей" in sec.tables["instruments"].frame.iloc[0, 1]
    assert inst.iloc[:, 1:].notna().sum().sum() == 2  # only the national EDB figures: every other value is a gap
