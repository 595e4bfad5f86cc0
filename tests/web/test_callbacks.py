"""The dashboard's callbacks as plain functions: no browser, no server."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.web import experts_adapter as ea
from regint.web import pages
from regint.web.context import WebContext
from regint.web.downloads import csv_bytes, safe_filename, xlsx_bytes
from regint.web.i18n import LABELS, OUTCOME_LABELS, t
from regint.web.uploads import MAX_BYTES, UploadError, decode_upload, display_name, temporary_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def data_url(content: bytes, mime: str = "application/octet-stream") -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def text_of(component: object) -> str:
    """All text inside a Dash component tree."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


# -- labels ------------------------------------------------------------------------------------------------------

def test_every_label_has_russian_and_english() -> None:
    for key, entry in {**LABELS, **OUTCOME_LABELS}.items():
        assert set(entry) == {"en", "ru"}, key
        assert entry["en"].strip() and entry["ru"].strip(), key


def test_unknown_language_falls_back_and_unknown_key_shows_itself() -> None:
    assert t("nav_data", "de") == t("nav_data", "ru")
    assert t("no_such_label", "en") == "no_such_label"


@pytest.mark.parametrize(("path", "page"), [("/", "overview"), (None, "overview"), ("/index", "index"),
                                            ("/scenarios/x", "scenarios"), ("/../../etc/passwd", ""),
                                            ("/nope", "")])
def test_route(path: str | None, page: str) -> None:
    assert pages.route(path) == page


# -- uploads and downloads ---------------------------------------------------------------------------------------

def test_upload_name_is_a_label_never_a_path(tmp_path: Path) -> None:
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\Users\\x\\data.csv") == "data.csv"
    assert display_name("\x00evil\n.csv") == "_evil_.csv"
    up = decode_upload(data_url(b"a;b\n1;2\n"), "../../outside.csv")
    with temporary_file(up, tmp_path) as path:
        assert path.parent == tmp_path
        assert path.name.startswith("upload-") and path.suffix == ".csv"
        assert "outside" not in path.name
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert not path.exists()
    assert not (tmp_path.parent / "outside.csv").exists()


@pytest.mark.parametrize(("contents", "name", "match"), [
    (None, "a.csv", "no file content"),
    (data_url(b"x"), "macro.xlsm", "type '.xlsm' are not accepted"),
    (data_url(b"x"), "script.py", "type '.py' are not accepted"),
    (data_url(b""), "empty.csv", "empty"),
    ("data:text/csv;base64,@@not base64@@", "bad.csv", "could not be decoded"),
    ("no comma here", "bad.csv", "not a data URL"),
])
def test_upload_refused(contents: str | None, name: str, match: str) -> None:
    with pytest.raises(UploadError, match=match):
        decode_upload(contents, name)


def test_upload_size_limit() -> None:
    big = data_url(b"0" * (MAX_BYTES + 1))
    with pytest.raises(UploadError, match="larger than 5 MB"):
        decode_upload(big, "big.csv")
    assert len(decode_upload(data_url(b"0" * MAX_BYTES), "max.csv").content) == MAX_BYTES


def test_exports_neutralise_formula_injection() -> None:
    frame = pd.DataFrame({"region": ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "BY-VI"],
                          "value": [1.0, -2.0, 3.0, 4.0, 5.0], "note": ["-5", "ok", "=1+1", "", "-"]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'-2+3" in text and "'@SUM" in text and "'=1+1" in text
    assert ",-5\n" in text.replace("\r\n", "\n")  # a negative number stays a number
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx_bytes({"s": frame})))
    cells = [c.value for row in wb["s"].iter_rows() for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and -2.0 in cells
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in cells)
    assert safe_filename("../../x y", ".csv") == "x_y.csv"


# -- pages -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ru", "en"])
def test_overview(web_ctx: WebContext, lang: str) -> None:
    pair = ("RU-SMO", "BY-VI")
    profile = text_of(pages.overview.overview_profile(web_ctx, pair, lang))
    assert ("Смоленская" in profile) if lang == "ru" else ("Smolensk" in profile)
    key = text_of(pages.overview.overview_key_indicators(web_ctx, pair, lang))
    assert "wage_ratio_usd" not in key  # names, never codes
    if lang == "ru":  # the texts of the preconditions in the page's language
        assert "средняя начисленная заработная плата в Смоленской области" in key
        assert " USD against " not in key and "not computable" not in key
    else:
        assert "average monthly wage in Smolensk oblast" in key
    charts = pages.overview.overview_trends(web_ctx, pair, lang)
    assert len(charts) == 3
    for fig in charts:
        assert len(fig.data) == 2 and all(tr.connectgaps is False for tr in fig.data)
        notes = " ".join(a.text for a in fig.layout.annotations)
        assert t("source_line", lang, sources="").strip() in notes  # the source is drawn into the figure
    badges = text_of(pages.overview.overview_fresh(web_ctx, pair, lang))
    assert ("данные по" in badges) if lang == "ru" else ("data to" in badges)


def test_indicator_view_and_download(web_ctx: WebContext) -> None:
    inds, regions, lo, hi = pages.indicators.indicator_options(web_ctx, "en")
    assert {"value": "wage_nominal"} .items() <= next(o for o in inds if o["value"] == "wage_nominal").items()
    assert regions[0]["value"] == "RU-SMO" and lo < 2000 < hi
    assert regions[0]["label"] == "Smolensk Oblast"  # a name, not a code
    fig, table = pages.indicators.indicator_view(web_ctx, "wage_nominal", ["RU-SMO", "BY-VI"], [2005, 2015], True, "en")
    assert {tr.name for tr in fig.data} == {"Smolensk Oblast", "Vitebsk Region"}
    years = [x for tr in fig.data for x in tr.x]
    assert min(years) >= 2005 and max(years) <= 2015
    assert fig.layout.yaxis.rangemode == "tozero"
    two, _ = pages.indicators.indicator_view(web_ctx, "wage_nominal", ["RU-SMO", "BY-VI"], [2005, 2015], False, "en")
    assert {tr.yaxis for tr in two.data} == {"y", "y2"}  # roubles and Belarusian roubles never on one axis
    frame = pages.indicators.indicator_frame(web_ctx, "wage_nominal", ["RU-SMO", "BY-VI"], [2005, 2015], usd=True)
    assert set(frame["unit"].str.contains("USD")) == {True}
    dl = pages.indicators.indicator_download(web_ctx, "wage_nominal", ["RU-SMO"], [2010, 2012], False, "csv")
    assert dl is not None and dl["filename"] == "regint_wage_nominal.csv"
    text = base64.b64decode(dl["content"]).decode("utf-8-sig")
    assert text.splitlines()[0] == "Region,Year,Value,Unit,Source,Status" and len(text.splitlines()) == 4
    assert text.splitlines()[1].startswith("Smolensk Oblast,2010,")
    ru = pages.indicators.indicator_download(web_ctx, "wage_nominal", ["RU-SMO"], [2010, 2012], False, "csv", "ru")
    assert ru is not None
    assert base64.b64decode(ru["content"]).decode("utf-8-sig").startswith("Регион,Год,Значение,Единица")
    xl = pages.indicators.indicator_download(web_ctx, "wage_nominal", ["RU-SMO"], None, False, "xlsx")
    assert xl is not None and xl["filename"].endswith(".xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(base64.b64decode(xl["content"])))
    assert wb.sheetnames == ["data", "metadata"]
    meta = {r[0]: r[1] for r in wb["metadata"].iter_rows(values_only=True)}
    assert meta["Indicator"] == "Average monthly nominal accrued wage" and "Left out" in meta
    assert pages.indicators.indicator_download(web_ctx, None, ["RU-SMO"], None, False, "csv") is None


def test_population_units_are_brought_to_one_scale(web_ctx: WebContext) -> None:
    frame = pages.indicators.indicator_frame(web_ctx, "population", ["RU-SMO", "BY-VI"], [2010, 2015])
    assert frame["unit"].nunique() == 1
    values = frame.groupby("region")["value"].median()
    assert 5e5 < values["RU-SMO"] < 2e6 and 5e5 < values["BY-VI"] < 2e6


def test_index_view(web_ctx: WebContext) -> None:
    pairs = pages.index.index_pairs()
    assert pairs[0] == "RU-SMO:BY-VI"
    scores, dims, table, pmap = pages.index.index_view(web_ctx, pairs, "en")
    assert "Smolensk Oblast — Vitebsk Region" in text_of(table) and "RU-SMO:BY-VI" not in text_of(table)
    assert any(tr.name == "Smolensk Oblast — Vitebsk Region" for tr in scores.data)
    assert len(dims.data) == len(pairs)
    empty = pages.index.index_view(web_ctx, [], "en")
    assert "No data" in text_of(empty[2])


# -- scenarios ---------------------------------------------------------------------------------------------------

def test_scenario_run_responds_to_levers() -> None:
    intensity, starts = pages.scenarios.scenario_controls("moderate")
    fig, summary = pages.scenarios.scenario_run("moderate", intensity, starts, "trade", "en")
    base = np.asarray(fig.data[-1].y, dtype=float)
    more = list(intensity)
    more[[i for i, _ in enumerate(more)][2]] = 1.0  # the M1 crossing at full scale
    fig2, _ = pages.scenarios.scenario_run("moderate", more, starts, "trade", "en")
    assert not np.allclose(base, np.asarray(fig2.data[-1].y, dtype=float))
    assert "At the horizon (2045)" in text_of(summary)
    assert "computed in" in text_of(summary)
    none, _ = pages.scenarios.scenario_run("moderate", [0.0] * len(intensity), starts, "trade", "en")
    np.testing.assert_allclose(none.data[-1].y, none.data[0].y)  # no lever = the inertial path


def test_scenario_controls_follow_the_shipped_scenarios() -> None:
    inertial, _ = pages.scenarios.scenario_controls("inertial")
    accelerated, _ = pages.scenarios.scenario_controls("accelerated")
    from regint.scenarios import load_levers

    proposable = [x for x, lv in zip(accelerated, load_levers(), strict=True) if not lv.in_force]
    assert sum(inertial) == 0 and min(proposable) == 1.0  # measures in force are in the baseline, never started


def test_monte_carlo_in_the_background(web_ctx: WebContext) -> None:
    intensity, starts = pages.scenarios.scenario_controls("moderate")
    job = pages.scenarios.scenario_mc_start(web_ctx, "moderate", intensity, starts, 1000)
    web_ctx.jobs.wait(job)
    done, total, status, fig, table, finished = pages.scenarios.scenario_mc_poll(web_ctx, job, "score", "en")
    assert finished and done == total == 1000
    assert "Monte Carlo done: 1,000 draws" in status
    assert {tr.name for tr in fig.data} >= {"Median", "Scenario (central values)"}
    assert "Wage gap ≤" in text_of(table)
    # each side's benefits and costs in its own currency, summed and discounted (the scenario accounts)
    assert "Benefits and costs of each side in its own currency" in text_of(table)
    assert "mln BYN" in text_of(table) and "Net present value" in text_of(table)
    assert pages.scenarios.scenario_mc_poll(web_ctx, "unknown", "score", "en")[-1] is True
    ru = pages.scenarios.scenario_mc_poll(web_ctx, job, "score", "ru")[4]
    assert "млн бел. руб." in text_of(ru) and "Чистая приведённая стоимость" in text_of(ru)


def test_the_belarusian_budget_cost_is_shown_in_belarusian_roubles() -> None:
    """Issue 22: benefits and costs per side in each side's currency — the chain counts both budgets in mln RUB;
    the page shows the Belarusian side's in mln BYN at the baseline's cross rate."""
    from regint.scenarios.accounts import cost_in_own_currency
    from regint.web import scenario_adapter as sa

    intensity, starts = pages.scenarios.scenario_controls("moderate")
    _fig, summary = pages.scenarios.scenario_run("moderate", intensity, starts, "score", "ru")
    text = text_of(summary)
    assert "млн бел. руб." in text
    spec = sa.spec_from_controls("moderate", intensity, starts)
    central = sa.run_deterministic(spec)
    inertial = sa.run_deterministic(dataclasses.replace(spec, levers={}))
    base = sa.inputs().baseline
    byn = float(cost_in_own_currency(central["cost_by"][-1:] - inertial["cost_by"][-1:], "by", base)[0][0])
    assert byn != float(central["cost_by"][-1])  # converted, not the rouble figure
    shown = pages.scenarios.own_currency("cost_by", central["cost_by"][-1:] - inertial["cost_by"][-1:], base, "ru")
    assert shown[1] == "млн бел. руб." and float(shown[0][0]) == pytest.approx(byn)


# -- directions and experts ------------------------------------------------------------------------------------------

def test_directions_weights_change_the_ranking(web_ctx: WebContext) -> None:
    weights = pages.directions.directions_expert_weights(web_ctx, "example")
    assert len(weights) == len(pages.directions.direction_criteria("en")) and abs(sum(weights) - 1) < 0.01
    fig, table = pages.directions.directions_view(web_ctx, "example", weights, "en")
    assert "ILLUSTRATIVE" in text_of(table)
    first = fig.data[0].y[-1]
    codes = [c for c, _ in pages.directions.direction_criteria("en")]
    only_risk = [1.0 if c == "risk" else 0.0 for c in codes]
    fig2, _ = pages.directions.directions_view(web_ctx, "example", only_risk, "en")
    assert list(fig2.data[0].y) != list(fig.data[0].y) or fig2.data[0].y[-1] != first


# a slider runs from the pair's left item (-8) to its right item (+8); a_ij is left over right
@pytest.mark.parametrize(("position", "value"), [(0, 1.0), (-2, 3.0), (-8, 9.0), (2, 1 / 3), (8, 1 / 9), (None, 1.0),
                                                 (-20, 9.0)])
def test_slider_encoding(position: int | None, value: float) -> None:
    assert ea.slider_to_saaty(position) == pytest.approx(value)
    if position is not None and abs(position) <= ea.MAX_STEP:
        assert ea.saaty_to_slider(value) == position


def test_ahp_consistency_is_live() -> None:
    blk = ea.block("score", "en")
    cr, fig, revise = pages.experts.ahp_view("score", [0] * len(blk.pairs), "en")
    assert "CR = 0.000" in text_of(cr) and "No judgement needs revising" in text_of(revise)
    assert fig.data[0].x == pytest.approx([0.25] * 4)
    cr, _, revise = pages.experts.ahp_view("score", [8, 0, 0, -8, 0, 0], "en")
    assert "NOT acceptable" in text_of(cr)
    assert "Revisit first" in text_of(revise)
    stale, _, _ = pages.experts.ahp_view("criteria", [0] * 6, "en")  # sliders of the other block still on the page
    assert text_of(stale) == ""


def test_a_slider_moved_towards_an_item_raises_its_weight(tmp_path: Path) -> None:
    """Issue 21: the sliders were reversed. Moved towards the right-hand item, that item gets the larger weight,
    and the saved response says the same (a_ij = 1/9 of the left item over the right one)."""
    blk = ea.block("score", "en")
    (i, j) = blk.pairs[0]
    towards_right = [ea.MAX_STEP] + [0] * (len(blk.pairs) - 1)
    _, fig, _ = pages.experts.ahp_view("score", towards_right, "en")
    weight = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert weight[blk.labels[j]] > weight[blk.labels[i]]
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path)
    pages.experts.ahp_save(ctx, "score", towards_right, "Expert", "en", confirmed=True)
    saved = ctx.responses().responses(kind="score_weights")[0]
    assert saved.judgements["score"][(blk.items[i], blk.items[j])] == pytest.approx(1 / 9)
    res = saved.ahp("score")
    w = dict(zip(res.labels, res.weights, strict=True))
    assert w[blk.items[j]] > w[blk.items[i]]


def test_ahp_save_needs_a_name_and_appends(tmp_path: Path) -> None:
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path)
    assert "Enter your name" in text_of(pages.experts.ahp_save(ctx, "score", [0] * 6, "  ", "en"))
    assert "Saved: Expert One" in text_of(pages.experts.ahp_save(ctx, "score", [2, 0, 0, 0, 0, 0], "Expert  One", "en"))
    recs = ctx.responses().records()
    assert len(recs) == 1 and recs[0]["kind"] == "score_weights" and recs[0]["source"] == "dashboard"
    assert "Expert One" in text_of(pages.experts.collected_view(ctx, "en"))


def test_an_inconsistent_matrix_is_saved_only_after_confirmation_with_its_cr(tmp_path: Path) -> None:
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path)
    bad = [8, 0, 0, -8, 0, 0]
    cr = pages.experts.ahp_cr("score", bad, "en")
    assert cr > pages.experts.CR_LIMIT
    assert "Save them anyway" in text_of(pages.experts.ahp_save(ctx, "score", bad, "Expert", "en"))
    assert ctx.responses().records() == []
    assert "Saved" in text_of(pages.experts.ahp_save(ctx, "score", bad, "Expert", "en", confirmed=True))
    saved = ctx.responses().responses(kind="score_weights")[0]
    assert f"CR = {cr:.3f} at saving (above 0.1; saved after confirmation)" in saved.notes


def test_concurrent_saves_lose_nothing(tmp_path: Path) -> None:
    """Two (here: eight) browsers saving at the same moment: every response is kept, the file stays valid."""
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path)
    n_threads, per_thread = 8, 5
    barrier = threading.Barrier(n_threads)
    failures: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            barrier.wait()
            for j in range(per_thread):
                out = pages.experts.ahp_save(ctx, "score", [k % 9 - 4, 0, 1, 0, -1, j], f"expert {k}-{j}", "en",
                                             confirmed=True)
                assert "Saved" in text_of(out)
        except BaseException as exc:  # noqa: BLE001 - re-raised below in the main thread
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert failures == []
    lines = (tmp_path / "responses.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_threads * per_thread
    names = {json.loads(line)["respondent"] for line in lines}
    assert names == {f"expert {k}-{j}" for k in range(n_threads) for j in range(per_thread)}
    assert not list(tmp_path.glob(".responses-*.tmp"))


def _filled_questionnaire(tmp_path: Path) -> bytes:
    from regint.experts.directions import directions_questionnaire, load_example_survey
    from regint.experts.questionnaire import fill_questionnaire

    template = directions_questionnaire(tmp_path / "q.xlsx", "en")
    example = load_example_survey()[0]
    out = fill_questionnaire(template, tmp_path / "filled.xlsx", respondent="Web Tester", when="2025-05-01",
                             judgements=example.judgements, ratings=example.ratings)
    return Path(out).read_bytes()


def test_questionnaire_upload_validates_and_stores(tmp_path: Path) -> None:
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path / "resp")
    content = _filled_questionnaire(tmp_path)
    report = text_of(pages.experts.questionnaire_upload(ctx, data_url(content), "my answers.xlsx", "en"))
    assert "my answers.xlsx: Web Tester, 36 judgements, 0 missing" in report and "stored" in report
    again = text_of(pages.experts.questionnaire_upload(ctx, data_url(content), "my answers.xlsx", "en"))
    assert "already stored (same file)" in again
    assert len(ctx.responses().records()) == 1
    assert ctx.responses().records()[0]["source"] == "my answers.xlsx"


@pytest.mark.parametrize(("content", "name", "match"), [
    (b"not a workbook", "fake.xlsx", "fake.xlsx"),
    (b"{\"responses\": []}", "empty.json", "no responses found"),
    (b"{broken", "broken.json", "not valid JSON"),
    (b"[{\"respondent\": \"x\"}]", "odd.json", "record 1 is not a regint response"),
    (b"x", "notes.txt", "are not accepted"),
])
def test_bad_questionnaire_shows_the_error(tmp_path: Path, content: bytes, name: str, match: str) -> None:
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path)
    report = pages.experts.questionnaire_upload(ctx, data_url(content), name, "en")
    assert "msg-error" in report.className
    assert match in text_of(report)
    assert "upload-" not in text_of(report)
    assert ctx.responses().records() == []


def test_questionnaire_template_download(web_ctx: WebContext) -> None:
    dl = pages.experts.questionnaire_download(web_ctx, "ru")
    assert dl["filename"] == "regint_questionnaire_ru.xlsx"
    assert base64.b64decode(dl["content"])[:2] == b"PK"
    assert list(web_ctx.upload_dir.iterdir()) == []


# -- data --------------------------------------------------------------------------------------------------------

def test_data_import_all_or_nothing() -> None:
    ctx = WebContext(store_path=Path(":memory:"))
    try:
        before = len(ctx.imports())
        bad = (FIXTURES / "bad" / "tidy_unknown_region.csv").read_bytes()
        report = pages.data.data_import(ctx, data_url(bad, "text/csv"), "tidy_unknown_region.csv", "en")
        text = text_of(report)
        assert "tidy_unknown_region.csv, row 3, column region: unknown region" in text
        assert "The store is unchanged." in text and "upload-" not in text
        assert len(ctx.imports()) == before
        good = "region;indicator;period;value;unit;currency;source;status;note\n" \
               "BY-VI;exports_usd;2031;2976.3;mln USD;USD;belstat_stranoved;secondary;web test\n"
        panel_before = ctx.panel()
        report = text_of(pages.data.data_import(ctx, data_url(good.encode()), "vitebsk.csv", "en"))
        assert "vitebsk.csv: imported 1 observations" in report
        log = ctx.imports()
        assert len(log) == before + 1 and log["file_name"].iloc[-1] == "vitebsk.csv"
        assert ctx.panel() is not panel_before  # the cache was refreshed
        row = ctx.panel().query("region == 'BY-VI' and indicator == 'exports_usd' and period == '2031'")
        assert row["file"].iloc[0] == "vitebsk.csv"
        again = text_of(pages.data.data_import(ctx, data_url(good.encode()), "vitebsk.csv", "en"))
        assert "already imported" in again
        assert list(ctx.upload_dir.iterdir()) == []
    finally:
        ctx.close()


def test_data_page_parts(web_ctx: WebContext) -> None:
    assert "Rosstat, Regions of Russia" in text_of(pages.data.sources_view("en"))
    assert "официальные" in text_of(pages.data.sources_view("ru"))
    fig = pages.data.coverage_view(web_ctx, "en")
    assert "Smolensk Oblast" in list(fig.data[0].x)
    assert "regint default dataset" in text_of(pages.data.imports_view(web_ctx, "en"))


def test_tables_download(web_ctx: WebContext) -> None:
    from openpyxl import load_workbook

    dl = pages.report.tables_download(web_ctx, "en")
    wb = load_workbook(io.BytesIO(base64.b64decode(dl["content"])), read_only=True)
    assert {"preconditions", "index", "coverage", "left out"} <= set(wb.sheetnames)
    ru = pages.report.tables_download(web_ctx, "ru")
    wb = load_workbook(io.BytesIO(base64.b64decode(ru["content"])), read_only=True)
    assert {"Предпосылки", "Индекс", "Покрытие данными", "Не вошло"} <= set(wb.sheetnames)


# -- the app -----------------------------------------------------------------------------------------------------

def test_app_builds_and_serves_every_page(tmp_path: Path) -> None:
    from regint.web.app import create_app

    app = create_app(store_path=":memory:", responses_dir=tmp_path, index_runs=0, lang="en")
    client = app.server.test_client()
    resp = client.get("/scenarios")
    assert resp.status_code == 200 and resp.headers["X-Frame-Options"] == "DENY"
    assert client.get("/_dash-layout").status_code == 200
    deps = client.get("/_dash-dependencies").get_json()
    assert len(deps) >= 20
    assert app.server.config["MAX_CONTENT_LENGTH"] == 3 * MAX_BYTES
    app.regint_context.close()  # type: ignore[attr-defined]


def test_serve_command_is_loopback_by_default() -> None:
    import inspect

    from regint.cli.web import serve_command

    params = inspect.signature(serve_command).parameters
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8050
    assert params["debug"].default is False


def test_report_job_builds_in_a_private_folder_and_downloads(web_ctx: WebContext,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The report page's job with a stand-in for the report module (the real build takes minutes)."""
    seen: dict[str, Path] = {}

    def fake_build(study, lang, fmt, out, progress):  # type: ignore[no-untyped-def]
        out.mkdir(parents=True)
        path = out / f"report_{lang}.{fmt}"
        path.write_text("<html>=cmd</html>", encoding="utf-8")
        progress("analyses")
        seen["out"] = out
        seen["pair"] = study.pair
        return path

    monkeypatch.setattr(web_ctx, "report_builder", fake_build)
    job = pages.report.report_start(web_ctx, "en", "html", quick=True)
    web_ctx.jobs.wait(job)
    done, total, status, download, finished = pages.report.report_poll(web_ctx, job, "en")
    assert finished and download is not None and download["filename"] == "regint_report_en.html"
    assert seen["pair"] == ("RU-SMO", "BY-VI")
    assert base64.b64decode(download["content"]) == b"<html>=cmd</html>"
    assert seen["out"].parent == web_ctx.upload_dir and not seen["out"].exists()
    assert "Ready" in text_of(status)


def test_russian_chart_axes_write_whole_numbers_not_si_suffixes() -> None:
    """A Russian reader writes "1 000 000 чел.", not plotly's "1M": SI suffixes are off in the Russian charts."""
    import plotly.graph_objects as go

    from regint.web import figures

    ru = figures.finish(go.Figure(go.Scatter(x=[2020, 2021], y=[1.2e6, 1.1e6])), "ru", unit="чел.")
    en = figures.finish(go.Figure(go.Scatter(x=[2020, 2021], y=[1.2e6, 1.1e6])), "en", unit="persons")
    assert ru.layout.yaxis.exponentformat == "none" and ru.layout.yaxis.separatethousands is True
    assert ru.layout.separators == figures.SEPARATORS["ru"] and en.layout.yaxis.exponentformat is None
