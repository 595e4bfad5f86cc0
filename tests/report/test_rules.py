"""The proposal rules fire on hand-made results, stay silent when their condition fails, and say when a figure
they need is missing."""

from __future__ import annotations

from regint.report.rules import RULES, apply_rules, rules_frame

FACTS = {
    "pair_ru": "RU-SMO", "pair_by": "BY-VI",
    "wage_ratio": 1.46, "wage_ratio_year": 2012, "wage_usd_ru": 582.0, "wage_usd_by": 397.0, "wage_ratio_first": 1.31,
    # the labour rule compares the sides in the latest year both have, at PPP (issue 18)
    "wage_ppp_ratio": 1.46, "wage_ppp_year": 2024, "wage_ppp_ru": 2582.0, "wage_ppp_by": 1768.0,
    "rer_adf_p": 0.99, "rer_half_life": 13.0,
    "price_level_gap": 20.4, "price_level_gap_year": 2019,
    "gravity_ratio_ru_by": 0.8, "gravity_ratio_by_ru": 0.6, "gravity_pair_effect": 1.2,
    "missing_share_by": 0.86, "missing_share_ru": 0.36, "coverage_years": "2000–2024",
}


def _by_id(evaluated):
    return {e.rule.id: e for e in evaluated}


def test_rules_fire_and_cite_the_figures_in_russian() -> None:
    ev = _by_id(apply_rules(FACTS, "ru"))
    r1 = ev["R1"]
    assert r1.status == "fired"
    assert "2\xa0582 междунар. долл." in r1.text and "1\xa0768" in r1.text and "1,46" in r1.text and "2024" in r1.text
    assert "в Смоленской области" in r1.text and "в Витебской области" in r1.text
    assert ev["R2"].status == "fired" and "13,0" in ev["R2"].text
    assert ev["R3"].status == "fired" and "+20,4" in ev["R3"].text
    assert ev["R4"].status == "fired" and "0,80" in ev["R4"].text
    assert ev["R5"].status == "not fired"  # trade below potential: R4, not R5
    assert ev["R6"].status == "fired" and "86" in ev["R6"].text and "по Витебской области" in ev["R6"].text


def test_rules_in_english() -> None:
    ev = _by_id(apply_rules(FACTS, "en"))
    assert ev["R1"].status == "fired" and "2,582 international dollars" in ev["R1"].text and "Smolensk" in ev["R1"].text


def test_condition_false_means_not_fired() -> None:
    facts = dict(FACTS, wage_ppp_ratio=1.05, gravity_ratio_ru_by=5.2, gravity_ratio_by_ru=6.7)
    ev = _by_id(apply_rules(facts, "en"))
    assert ev["R1"].status == "not fired" and ev["R1"].text == ""
    assert ev["R4"].status == "not fired"
    assert ev["R5"].status == "fired" and "5.2" in ev["R5"].text


def test_missing_figures_make_a_rule_not_evaluable() -> None:
    ev = _by_id(apply_rules({"pair_ru": "RU-SMO", "pair_by": "BY-VI"}, "ru"))
    assert all(e.status == "not evaluable" for e in ev.values())
    # the missing figures are named as a reader knows them, not by their keys
    assert "отношение зарплат по ППС" in ev["R1"].text and "wage_ppp_ratio" not in ev["R1"].text


def test_rules_table_lists_every_rule() -> None:
    frame = rules_frame(apply_rules(FACTS, "ru"), "ru")
    assert len(frame) == len(RULES)
    assert set(frame["Итог"]) <= {"сработало", "не сработало", "нет данных"}


def test_directions_rule_labels_illustrative_results() -> None:
    facts = dict(FACTS, dir_top="Агропром", dir_second="Логистика", dir_top_c=0.72, dir_illustrative=True)
    ev = _by_id(apply_rules(facts, "ru"))
    assert ev["R9"].status == "fired" and "ILLUSTRATIVE" in ev["R9"].text
