"""The dashboard in a real browser: Playwright driving Debian's Chromium against the app on a loopback port.

Needs ``apt-get install -y chromium`` and ``pip install playwright`` (never ``playwright install``: the system
Chromium is used through ``executable_path``). Skipped with the reason when either is missing. Screenshots of
every page in both languages are written to ``out/screenshots/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regint.web.i18n import t

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = ("overview", "indicators", "index", "scenarios", "directions", "experts", "data", "report")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
#: Counts the requests in flight (Dash talks to the server with fetch).
COUNT_FETCH = """(() => { let n = 0; const f = window.fetch.bind(window); window.__inflight = () => n;
  window.fetch = (...a) => { n++; return f(...a).finally(() => { n--; }); }; })();"""
#: True once nothing has been loading or in flight for 250 ms.
QUIET = """() => { const now = performance.now();
  const busy = document.querySelector('[data-dash-is-loading="true"]') || (window.__inflight && window.__inflight() > 0);
  if (busy || window.__quietSince === undefined) { window.__quietSince = busy ? undefined : now; return false; }
  return now - window.__quietSince > 250; }"""

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not (CHROMIUM.exists() or shutil.which("chromium")):
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        exe = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        try:
            b = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - an unusable browser is a reason to skip, not a failure
            pytest.skip(f"Chromium at {exe} could not be started by Playwright: {exc}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def browser_context(browser: object) -> Iterator[object]:
    """One context for the module, so the Dash and plotly scripts are fetched once and then cached."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    ctx.add_init_script(COUNT_FETCH)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(browser_context: object) -> Iterator[tuple[object, list[str]]]:
    pg = browser_context.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.set_default_timeout(120_000)  # the first page waits for the study on a loaded machine
    yield pg, errors
    pg.close()


def settle(pg: object) -> None:
    """Wait until no Dash component has been updating and no request in flight for a quarter of a second."""
    pg.evaluate("() => { window.__quietSince = undefined; }")  # type: ignore[attr-defined]
    pg.wait_for_function(QUIET, polling=50)  # type: ignore[attr-defined]


def open_page(pg: object, server: Any, name: str, lang: str) -> None:
    pg.goto(f"{server.url}/{name}?lang={lang}")  # type: ignore[attr-defined]
    pg.wait_for_selector(f"#page-{name}")  # type: ignore[attr-defined]
    pg.wait_for_function(f"() => document.querySelector('#lang input[value=\"{lang}\"]')?.checked")  # type: ignore[attr-defined]
    settle(pg)


def check_page(pg: object, name: str, lang: str, errors: list[str]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}_{lang}.png"), full_page=True)  # type: ignore[attr-defined]
    assert errors == []
    text = pg.inner_text(f"#page-{name}")  # type: ignore[attr-defined]
    assert ("Ошибка" not in text) if lang == "ru" else ("Error" not in text)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors(live_server: Any, page: tuple[object, list[str]], name: str) -> None:
    """Each page in Russian, then switched to English with the language buttons: no console error, no error
    panel; a screenshot of each for people to look at."""
    pg, errors = page
    open_page(pg, live_server, name, "ru")
    check_page(pg, name, "ru", errors)
    pg.click("#lang input[value='en']")  # type: ignore[attr-defined]
    pg.wait_for_function(f"() => document.querySelector('#nav-{name}').innerText === "  # type: ignore[attr-defined]
                         f"{t(f'nav_{name}', 'en')!r}")
    pg.wait_for_selector(f"#page-{name}")  # type: ignore[attr-defined]
    settle(pg)
    check_page(pg, name, "en", errors)


def _central(pg: object) -> list[float]:
    return pg.evaluate(  # type: ignore[attr-defined,no-any-return]
        "() => { const g = document.querySelector('#scn-graph .js-plotly-plot');"
        " return Array.from(g._fullData[g._fullData.length - 1].y, Number); }")


def test_lever_change_updates_chart(live_server: Any, page: tuple[object, list[str]]) -> None:
    pg, errors = page
    open_page(pg, live_server, "scenarios", "en")
    before = _central(pg)
    handle = pg.locator("[id*='border_m1'][id*='lever-intensity'] [role=slider]").first  # type: ignore[attr-defined]
    handle.focus()
    handle.press("End")  # the M1 crossing at full intensity
    pg.wait_for_function(  # type: ignore[attr-defined]
        "(b) => { const g = document.querySelector('#scn-graph .js-plotly-plot');"
        " const y = Array.from(g._fullData[g._fullData.length - 1].y, Number);"
        " return y.some((v, i) => Math.abs(v - b[i]) > 1e-9); }",
        arg=before)
    settle(pg)
    after = _central(pg)
    assert after != before
    assert errors == []


def test_ahp_entry_updates_consistency_ratio(live_server: Any, page: tuple[object, list[str]]) -> None:
    pg, errors = page
    open_page(pg, live_server, "experts", "en")
    pg.wait_for_selector("#cr-value")  # type: ignore[attr-defined]
    assert "0.000" in pg.inner_text("#cr-value")  # type: ignore[attr-defined]
    handle = pg.locator("[id*='\"ahp\"'] [role=slider]").first  # type: ignore[attr-defined]
    handle.focus()
    handle.press("End")  # first pair: moved fully towards the right criterion
    pg.wait_for_function("() => !document.querySelector('#cr-value').innerText.includes('0.000')")  # type: ignore[attr-defined]
    settle(pg)
    assert "CR = " in pg.inner_text("#cr-value")  # type: ignore[attr-defined]
    assert "Revisit first" in pg.inner_text("#revise-box")  # type: ignore[attr-defined]
    assert errors == []


WEIGHTS_JS = """() => { const g = document.querySelector('#ahp-weights .js-plotly-plot');
  if (!g || !g.data || !g.data.length) return null;
  const d = g.data[0]; const out = {}; d.y.forEach((label, k) => { out[label] = d.x[k]; }); return out; }"""


def test_ahp_slider_towards_an_item_raises_its_weight_and_is_saved_so(
        live_server: Any, page: tuple[object, list[str]]) -> None:
    """Issue 21: the help says "move a slider towards the item that matters more"; before the fix a slider
    moved fully towards the right-hand item gave the left-hand item the larger weight and saved a_12 = 9."""
    import json

    from regint.experts.questionnaire import Response
    from regint.web import experts_adapter as ea

    pg, errors = page
    open_page(pg, live_server, "experts", "en")
    pg.wait_for_selector("#cr-value")  # type: ignore[attr-defined]
    settle(pg)
    blk = ea.block("criteria", "en")
    left, right = blk.labels[0], blk.labels[1]
    before = pg.evaluate(WEIGHTS_JS)  # type: ignore[attr-defined]
    assert before[left] == pytest.approx(before[right])
    handle = pg.locator("[id*='\"ahp\"'] [role=slider]").first  # type: ignore[attr-defined]
    assert left in pg.locator(".ahp-row").first.locator(".ahp-left").inner_text()  # type: ignore[attr-defined]
    assert right in pg.locator(".ahp-row").first.locator(".ahp-right").inner_text()  # type: ignore[attr-defined]
    handle.focus()
    handle.press("End")  # fully towards the right-hand item
    pg.wait_for_function("() => !document.querySelector('#cr-value').innerText.includes('0.000')")  # type: ignore[attr-defined]
    settle(pg)
    after = pg.evaluate(WEIGHTS_JS)  # type: ignore[attr-defined]
    assert after[right] > before[right] and after[right] > after[left]
    assert after[left] < before[left]
    name = "Browser slider test"
    pg.fill("#ahp-respondent", name)  # type: ignore[attr-defined]
    pg.click("#ahp-save")  # type: ignore[attr-defined]
    pg.wait_for_function("() => document.querySelector('#ahp-save-msg').innerText.includes('Saved')")  # type: ignore[attr-defined]
    lines = (live_server.responses_dir / "responses.jsonl").read_text(encoding="utf-8").splitlines()
    saved = [Response.from_record(json.loads(x)) for x in lines if json.loads(x)["respondent"] == name]
    assert len(saved) == 1
    judged = saved[0].judgements[blk.code]
    assert judged[(blk.items[0], blk.items[1])] == pytest.approx(1 / 9)  # a_12: the right-hand item 9 times more
    weights = saved[0].ahp(blk.code).to_series()
    assert weights[blk.items[1]] > weights[blk.items[0]]
    assert errors == []


def test_bad_upload_shows_the_error(live_server: Any, page: tuple[object, list[str]]) -> None:
    pg, errors = page
    open_page(pg, live_server, "data", "en")
    pg.set_input_files("#data-upload input[type=file]", str(FIXTURES / "bad" / "tidy_unknown_region.csv"))  # type: ignore[attr-defined]
    pg.wait_for_selector("#data-report .msg-error")  # type: ignore[attr-defined]
    report = pg.inner_text("#data-report")  # type: ignore[attr-defined]
    assert "tidy_unknown_region.csv, row 3, column region: unknown region" in report
    assert "The store is unchanged." in report
    assert "upload-" not in report  # the generated temporary name never shows
    pg.screenshot(path=str(SCREENSHOTS / "data_bad_upload_en.png"), full_page=False)  # type: ignore[attr-defined]
    assert errors == []
