"""One computation, many views (issue 17): the figures of the report agree across its two languages and with what
the dashboard shows for the same pair, because both render the same study.

The report is the session's build (:func:`conftest.built`, shipped data, fast Monte Carlo sizes); the dashboard's
views are called as its callbacks call them, on a dashboard context over its own store of the shipped data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from regint.study.settings import DEFAULT_PAIR

PAIR_CODE = ":".join(DEFAULT_PAIR)


def _numeric(col: pd.Series) -> bool:
    return bool(pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col))


@pytest.fixture(scope="module")
def documents(built) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The template contexts of both languages, from the study the build rendered."""
    from regint.report.document import build_document

    return {lang: build_document(built.results, lang) for lang in ("ru", "en")}


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A dashboard context over an in-memory store of the shipped data (the default study settings)."""
    from regint.web.context import WebContext

    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path_factory.mktemp("responses"))
    yield ctx
    ctx.close()


def _texts(node: Any) -> list[str]:
    """The text of a Dash component tree, leaf by leaf."""
    if node is None:
        return []
    if isinstance(node, (str, int, float)):
        return [str(node)]
    if isinstance(node, (list, tuple)):
        return [t for child in node for t in _texts(child)]
    return _texts(getattr(node, "children", None))


def _find(node: Any, kind: str) -> list[Any]:
    """The components of type ``kind`` (e.g. "Tr") in a Dash component tree, in document order."""
    found: list[Any] = []
    if isinstance(node, (list, tuple)):
        for child in node:
            found += _find(child, kind)
    elif node is not None and not isinstance(node, (str, int, float)):
        if type(node).__name__ == kind:
            found.append(node)
        found += _find(getattr(node, "children", None), kind)
    return found


def test_every_table_has_the_same_numbers_in_both_languages(documents) -> None:  # type: ignore[no-untyped-def]
    """Each table of each section: same shape, the same columns numeric, and equal numbers, in ru and en."""
    compared = 0
    for key, section in documents["ru"]["s"].items():
        for name, table in section.tables.items():
            other = documents["en"]["s"][key].tables.get(name)
            assert other is not None, f"section {key}: table {name} has no English counterpart"
            a, b = table.frame, other.frame
            assert a.shape == b.shape, f"{key}/{name}: {a.shape} in ru, {b.shape} in en"
            for i in range(a.shape[1]):
                ca, cb = a.iloc[:, i], b.iloc[:, i]
                assert _numeric(ca) == _numeric(cb), f"{key}/{name} column {i}: {ca.dtype} in ru, {cb.dtype} in en"
                if _numeric(ca):
                    assert np.array_equal(ca.to_numpy(float), cb.to_numpy(float), equal_nan=True), \
                        f"{key}/{name}, column {b.columns[i]!r}: the languages differ"
                    compared += 1
    assert compared > 50  # the report's tables, not an empty comparison


def test_the_dashboard_index_shows_the_report_score_and_rank(documents, dashboard) -> None:  # type: ignore[no-untyped-def]
    """The index page's table for the study's pairs: the default pair's score (one decimal, decimal comma) and
    rank are the report's (section 1 table and the summary's facts)."""
    from regint.web.pages.index import index_pairs, index_view

    facts = documents["ru"]["facts"]
    table = documents["en"]["s"]["s1"].tables["index"].frame
    row = table.iloc[int(np.flatnonzero(table["Rank"].to_numpy() == facts["index_rank"])[0])]
    assert row["Score"] == pytest.approx(facts["index_score"])

    view = index_view(dashboard, index_pairs(DEFAULT_PAIR), "ru", DEFAULT_PAIR)
    tables = [t for t in _find(view, "Table") if getattr(t, "id", None) == "index-table"]
    assert tables, "the index page has no table"
    head = _texts(_find(tables[0], "Thead"))
    rows = [_texts(tr) for tr in _find(_find(tables[0], "Tbody"), "Tr")]
    from regint.web.pages.base import pair_name

    label = pair_name(PAIR_CODE, "ru")
    ours = [r for r in rows if r[0] == label]
    assert len(ours) == 1, f"{label!r} not once among {[r[0] for r in rows]}"
    cells = dict(zip(head, ours[0], strict=True))
    score = next(v for k, v in cells.items() if k.startswith("Значение"))
    rank = cells["Ранг"]
    assert score == f"{facts['index_score']:.1f}".replace(".", ",")
    assert int(rank) == int(facts["index_rank"])


def test_the_dashboard_wage_comparison_is_the_report_s(documents, dashboard) -> None:  # type: ignore[no-untyped-def]
    """The overview's "for each side" card: the Russian side's wage in US dollars, the year and the ratio to the
    partner are the report's headline wage facts."""
    from regint.web.pages.overview import overview_sides

    facts = documents["ru"]["facts"]
    text = " ".join(_texts(overview_sides(dashboard, DEFAULT_PAIR, "ru")))
    assert f"{round(facts['wage_usd_ru'])} долл. США" in text
    assert f"{int(facts['wage_ratio_year'])} г." in text
    assert f"{facts['wage_ratio']:.2f}".replace(".", ",") in text


def test_the_dashboard_scenarios_run_on_the_report_s_multipliers(documents, dashboard) -> None:  # type: ignore[no-untyped-def]
    """The scenario page's model parameters (central values) include the input-output multipliers of the report's
    section 3 table, to the last digit: one input-output run feeds both."""
    from regint.web import scenario_adapter

    table = documents["en"]["s"]["s3"].tables["multipliers"].frame.set_index("Parameter")["Central"]
    params = scenario_adapter.make_inputs(dashboard.study(DEFAULT_PAIR)).parameters
    wanted = {"mult_output_ru": "Output multiplier: Smolensk Oblast", "mult_gva_ru": "GVA multiplier: Smolensk Oblast",
              "mult_output_by": "Output multiplier: Vitebsk Region", "mult_gva_by": "GVA multiplier: Vitebsk Region"}
    for code, label in wanted.items():
        assert params[code].central == pytest.approx(float(table[label]), rel=1e-12), code


@pytest.mark.parametrize("side", ["ru", "by"])
def test_a_brief_counts_its_side_in_its_own_currency_as_the_report_does(built, documents, side) -> None:  # type: ignore[no-untyped-def]
    """Issue 19: each side's brief gives benefits, costs and NPV in that side's currency, and they are the
    report's accounts by side (the same medians), not the Russian side's roubles split 50/50."""
    from regint.report.briefs import asks_and_offers, gains_table

    study = built.results
    runs = study.scenarios.value.runs
    table = gains_table(study, side, "ru")
    assert table is not None
    money = "млн руб." if side == "ru" else "млн бел. руб."
    assert money in table.units
    frame = table.frame.set_index("Сценарий")
    for run in runs:
        acc = run.accounts
        mine = acc[(acc["side"] == side) & (acc["currency"] == ("RUB" if side == "ru" else "BYN"))]
        cost = float(mine.loc[mine["item"] == "cost_sum", "value"].iloc[0])
        npv = float(mine.loc[mine["item"] == "npv", "value"].iloc[0])
        assert frame.loc[run.spec.title("ru"), "Бюджетные затраты"] == pytest.approx(cost)
        assert frame.loc[run.spec.title("ru"), "Чистая приведённая стоимость"] == pytest.approx(npv)
    _asks, offers = asks_and_offers(study, documents["ru"], side)
    assert any(money + " за горизонт" in o for o in offers), offers
    if side == "by":
        assert not any("млн руб. за горизонт" in o for o in offers)
    assert (built.files[("ru", f"brief_{side}")]).stat().st_size > 5000


def test_dated_proposals_are_marked_in_the_briefs(built, documents) -> None:  # type: ignore[no-untyped-def]
    """A proposal the report marks dated (its data older than three years) carries the mark in the brief too."""
    from regint.report.briefs import asks_and_offers
    from regint.report.i18n import label

    doc = documents["ru"]
    asks, offers = asks_and_offers(built.results, doc, "ru")
    quoted = 0
    for e in doc["proposals"]:
        line = next((x for x in asks + offers if x.startswith(f"{e.rule.area['ru']}:")), None)
        if line is None:
            continue  # not among the brief's four asks and four offers
        quoted += 1
        assert line.endswith(label("dated", "ru")) == bool(doc["proposal_dated"].get(e.rule.id)), line
    assert quoted >= 1
