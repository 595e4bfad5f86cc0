"""The report builds on the shipped data in both languages: sections, PDF fonts, workbook, no CDN, labels."""

from __future__ import annotations

import re

import pytest

from regint.report.i18n import SECTIONS


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_html_has_every_section_heading(html, lang: str) -> None:
    text = html[lang]
    for key, names in SECTIONS.items():
        assert f'id="{key}"' in text
        assert names[lang] in text, names[lang]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_html_loads_nothing_from_the_network(html, lang: str) -> None:
    text = html[lang]
    assert "plotly" in text and "Plotly.newPlot" in text  # plotly.js inlined, charts drawn by it
    # no script, stylesheet, image or font from the network: src=, <link href=, CSS url() stay local
    assert not re.search(r'<script[^>]+src="https?://', text)
    assert not re.search(r'<link[^>]+href="https?://', text)
    assert not re.search(r'<img[^>]+src="https?://', text)
    assert not re.search(r"url\(['\"]?https?://", text.split("<script", 1)[0])
    # outside the inlined scripts (plotly.js names its own site in strings), network links are citations only
    body = re.sub(r"<script[^>]*>.*?</script>", "", text, flags=re.S)
    for m in re.finditer(r'(?:href|src)="(https?://[^"]+)"', body):
        start = body.rfind("<", 0, m.start())
        assert body[start:start + 2] == "<a", m.group(1)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_a_survey_the_ranking_rests_on_data_only(html, built, lang: str) -> None:
    """The shipped example answers are illustrative: without a real survey they never drive the ranking."""
    assert not built.results.survey_given
    ranking = built.results.directions.value
    assert ranking is not None and not ranking.illustrative and ranking.experts == ()
    assert "ILLUSTRATIVE" not in html[lang]


def test_russian_numbers_use_babel(html) -> None:
    ru, en = html["ru"], html["en"]
    # Russian: groups split by a non-breaking space ("1 234") and a decimal comma ("1,46"); English: "1,234", "1.46"
    assert re.search(r"\d\u00a0\d{3}\b", ru) and re.search(r"\b\d,\d{2}\b", ru)
    assert re.search(r"\d,\d{3}\b", en) and re.search(r"\b\d\.\d{2}\b", en)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pdf_has_pages_and_embeds_a_cyrillic_font(pdfs, lang: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(pdfs[lang]))
    assert len(reader.pages) > 10
    embedded = set()
    for page in reader.pages[:3]:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get_object().get("/FontDescriptor")
                if fd is not None and any(k in fd.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.add(str(font["/BaseFont"]))
    assert any("DejaVu" in f or "Regint" in f for f in embedded), embedded
    first = reader.pages[0].extract_text() + reader.pages[1].extract_text()
    if lang == "ru":
        assert "Экономическая интеграция" in first
        assert re.search("[а-яА-Я]{5}", first)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_workbook_has_the_tables_and_sources(built, lang: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(built.files[(lang, "xlsx")], read_only=True)
    names = wb.sheetnames
    assert names[0] == "contents" and names[-1] == "sources"
    for sheet in ("profile", "preconditions", "rules", "coverage", "validation", "directions"):
        assert sheet in names, sheet
    rows = list(wb["sources"].iter_rows(values_only=True))
    assert rows[0][0] == "id" and len(rows) > 10


def test_rules_table_and_validation_in_the_report(built) -> None:
    res = built.results
    assert res.preconditions.ok and res.coverage.ok
    v = res.validation.value
    assert v is not None and len(v)
    ran = v[v["status"] == "run"]
    if len(ran):
        assert ran["passed"].all(), ran[~ran["passed"].astype(bool)]
    else:
        assert v["status"].str.startswith("skipped").all()


def test_missing_parts_are_said_not_invented(built) -> None:
    for o in built.results.outcomes():
        assert o.ok or (o.reason and len(o.reason) > 5), o.name


def test_io_and_gravity_run_on_the_shipped_data(built) -> None:
    # section 2's input-output model uses the shipped Rosstat 2021 table and the regional activity proxies of
    # the panel (as `regint analyse io`); the gravity section uses the shipped CEPII/WITS 2009 data
    io = built.results.io.value
    assert io is not None, built.results.io.reason
    assert io.year == 2021 and io.structure_source == "proxies"
    assert any("sections measured by a regional proxy" in a for a in io.assumptions)
    assert set(io.multipliers) == {"national", "RU-SMO", "BY-VI"}
    g = built.results.gravity.value
    assert g is not None, built.results.gravity.reason
    assert g.data_source.startswith("shipped world_distances")
