"""Questionnaire round trip: write, fill by script, read with validation, store, group weights."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from regint.errors import LoaderError
from regint.experts.group import group_priorities
from regint.experts.questionnaire import (
    ResponseStore,
    expert_report,
    fill_questionnaire,
    make_block,
    read_questionnaire,
    write_questionnaire,
)

ITEMS = pd.DataFrame({"code": ["trade", "labour", "infra"],
                      "name_en": ["Trade barriers", "Labour mobility", "Infrastructure"],
                      "name_ru": ["Торговые барьеры", "Мобильность труда", "Инфраструктура"]})
EXPERTS = {
    "Expert 1": {("trade", "labour"): 3, ("trade", "infra"): 5, ("labour", "infra"): 2},
    "Expert 2": {("trade", "labour"): 2, ("trade", "infra"): 4, ("labour", "infra"): 2},
    "Expert 3": {("trade", "labour"): 1 / 2, ("trade", "infra"): 3, ("labour", "infra"): 5},
}


@pytest.fixture(params=["en", "ru"])
def template(request, tmp_path):
    lang = request.param
    block = make_block("criteria", "Criteria", ITEMS, lang)
    return write_questionnaire(tmp_path / f"q_{lang}.xlsx", [block], title="Factors", lang=lang, kind="test",
                               ratings=([("a1", "Alt 1"), ("a2", "Alt 2")], [("c1", "C1")]))


def test_questionnaire_layout(template):
    wb = load_workbook(template)
    meta = json.loads(wb["_meta"]["A1"].value)
    assert meta["blocks"][0]["items"] == ["trade", "labour", "infra"]
    pairs = wb[wb.sheetnames[1]]
    assert pairs.data_validations.count >= 2  # drop-down lists for A/B/= and 1–9
    assert wb["_meta"].sheet_state == "hidden"
    help_text = " ".join(str(c.value) for row in wb[wb.sheetnames[0]].iter_rows() for c in row if c.value)
    assert "9" in help_text and ("Extreme" in help_text or "Абсолютное" in help_text)


def test_round_trip_group_weights(template, tmp_path):
    store = ResponseStore(tmp_path / "responses")
    for k, (name, judg) in enumerate(EXPERTS.items()):
        filled = fill_questionnaire(template, tmp_path / f"filled_{k}.xlsx", respondent=name, when="2025-04-0" + str(k + 1),
                                    judgements={"criteria": judg},
                                    ratings=pd.DataFrame({"c1": [k + 1, 5]}, index=["a1", "a2"]))
        resp = read_questionnaire(filled)
        assert resp.respondent == name and resp.date == f"2025-04-0{k + 1}"
        assert resp.judgements["criteria"] == pytest.approx({p: float(v) for p, v in judg.items()})
        assert resp.ratings.loc["a1", "c1"] == k + 1
        assert store.append(resp) is True
        assert store.append(resp) is False  # same file: not stored twice
    stored = store.responses()
    assert [r.respondent for r in stored] == list(EXPERTS)
    assert not list((tmp_path / "responses").glob(".responses-*"))  # no temporary file left behind
    got = group_priorities({r.respondent: r.matrix("criteria") for r in stored})
    direct = group_priorities({k: v for k, v in EXPERTS.items()}, ["trade", "labour", "infra"])
    np.testing.assert_allclose(got.weights.to_numpy(), direct.weights.to_numpy(), atol=1e-12)
    # AIJ of the three experts, by hand: geometric means 3·2·½ = 3 → 3^(1/3); 5·4·3 = 60 → 60^(1/3); 2·2·5 = 20 → 20^(1/3)
    agg = got.group.matrix
    assert agg[0, 1] == pytest.approx(3 ** (1 / 3)) and agg[0, 2] == pytest.approx(60 ** (1 / 3))
    assert agg[1, 2] == pytest.approx(20 ** (1 / 3))
    assert got.weights.idxmax() == "trade"
    report = expert_report(stored, "criteria")
    assert list(report.index) == list(EXPERTS) and (report["missing"] == 0).all()


def test_missing_judgement_is_estimated(template, tmp_path):
    f = fill_questionnaire(template, tmp_path / "partial.xlsx", respondent="P", when="2025-04-01",
                           judgements={"criteria": {("trade", "labour"): 3, ("labour", "infra"): 2}})
    r = read_questionnaire(f)
    assert r.missing["criteria"] == (("trade", "infra"),)
    assert r.ahp("criteria").n_missing == 1
    with pytest.raises(LoaderError, match=r"sheet '.*', row 8, column E: 1 judgement\(s\) of 'criteria' are empty"):
        read_questionnaire(f, allow_missing=False)


def _edit(path, out, cells):
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    for (r, c), v in cells.items():
        ws.cell(r, c).value = v
    wb.save(out)
    return out


def test_validation_names_the_cell(template, tmp_path):
    base = fill_questionnaire(template, tmp_path / "ok.xlsx", respondent="X", when="2025-04-01",
                              judgements={"criteria": EXPERTS["Expert 1"]})
    with pytest.raises(LoaderError, match=r"row 1, column C: the respondent's name is empty"):
        read_questionnaire(_edit(base, tmp_path / "a.xlsx", {(1, 3): None}))
    with pytest.raises(LoaderError, match=r"row 7, column F: intensity 12 is not a whole number 1–9"):
        read_questionnaire(_edit(base, tmp_path / "b.xlsx", {(7, 6): 12}))
    with pytest.raises(LoaderError, match=r"row 7, column F: '=' \(equally important\) contradicts intensity 3"):
        read_questionnaire(_edit(base, tmp_path / "c.xlsx", {(7, 5): "=", (7, 6): 3}))
    with pytest.raises(LoaderError, match=r"row 8, column E: answer 'X' is not one of"):
        read_questionnaire(_edit(base, tmp_path / "d.xlsx", {(8, 5): "x"}))
    with pytest.raises(LoaderError, match=r"row 7: row does not match the questionnaire"):
        read_questionnaire(_edit(base, tmp_path / "e.xlsx", {(7, 8): "labour"}))


def test_store_is_append_only(tmp_path, template):
    store = ResponseStore(tmp_path / "s")
    f1 = fill_questionnaire(template, tmp_path / "1.xlsx", respondent="A", when="2025-01-01",
                            judgements={"criteria": EXPERTS["Expert 1"]})
    f2 = fill_questionnaire(template, tmp_path / "2.xlsx", respondent="A", when="2025-02-01",
                            judgements={"criteria": EXPERTS["Expert 2"]})
    store.append(read_questionnaire(f1))
    first_line = store.path.read_text(encoding="utf-8").splitlines()[0]
    store.append(read_questionnaire(f2))
    lines = store.path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == first_line and len(lines) == 2  # earlier record untouched
    assert all("recorded_at" in json.loads(x) for x in lines)
    assert store.responses()[0].date == "2025-02-01"  # latest per respondent
    assert len(store.responses(latest=False)) == 2
