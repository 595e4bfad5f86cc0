"""The PDF engines (regint.report.pdf): Chromium with the table of contents numbered from its printing, and
WeasyPrint as the fallback.

The Chromium tests need Debian's ``chromium`` and Playwright (never ``playwright install``) and skip with the reason
where either is missing; CI installs both (``.ci/run``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regint.errors import OptionError
from regint.report import pdf
from regint.report.render import font_faces

pypdf = pytest.importorskip("pypdf")
needs_chromium = pytest.mark.skipif(pdf.find_chromium() is None,
                                    reason="Chromium or Playwright is not installed (apt-get install chromium)")

SECTIONS = {"s1": "Предпосылки интеграции", "s2": "Выгоды и издержки", "s3": "Сценарии"}


def _document(filler: int = 40) -> str:
    """A report-like page: a table of contents, then sections of different lengths, each from a new page."""
    toc = "".join(f'<li><a href="#{k}">{v}</a></li>' for k, v in SECTIONS.items())
    body = "".join(f'<h2 id="{k}">{v}</h2>' + "<p>Текст раздела с кириллицей.</p>" * (filler * (i + 1))
                   for i, (k, v) in enumerate(SECTIONS.items()))
    css = font_faces() + "\nbody { font-family: 'RegintSans'; } @media print { @page { size: A4; margin: 18mm; } "\
                         "h2 { break-before: page; } }"
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Доклад «Проба»</title>'
            f'<style>{css}</style></head><body class="pdf"><h1>Доклад</h1><nav class="toc"><ol>{toc}</ol></nav>'
            f"{body}</body></html>")


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


@needs_chromium
def test_chromium_numbers_the_table_of_contents_with_the_pages_the_sections_start_on(tmp_path: Path) -> None:
    out = pdf.pdf_from_html(_document(), tmp_path / "a.pdf", engine="chromium")
    texts = _page_texts(out)
    assert len(texts) >= 6
    # where each heading really is (its own page: break-before)
    starts = {k: next(i + 1 for i, t in enumerate(texts) if i > 0 and v in t) for k, v in SECTIONS.items()}
    assert list(starts.values()) == sorted(starts.values()) and len(set(starts.values())) == 3
    # the numbers are laid over the printed front page: read it by position
    toc = pypdf.PdfReader(str(out)).pages[0].extract_text(extraction_mode="layout")
    for k, v in SECTIONS.items():
        assert re.search(rf"{v}[ .]*{starts[k]}\s*$", toc, re.M), (v, starts[k], toc)
    assert "Доклад «Проба»" in texts[1]  # the running title in the page's top margin
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no part file, no page left beside it


@needs_chromium
def test_toc_pages_reads_the_named_destinations_and_the_links_and_bookmarks_survive(tmp_path: Path) -> None:
    out = pdf.pdf_from_html(_document(), tmp_path / "b.pdf", engine="chromium")
    pages = pdf.toc_pages(out.read_bytes())
    assert set(SECTIONS) <= set(pages) and pages["s1"] < pages["s2"] < pages["s3"]
    reader = pypdf.PdfReader(str(out))
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert sorted(str(a["/Dest"]).lstrip("/") for a in links if "/Dest" in a) == sorted(SECTIONS)
    titles = [o.title for o in _flat(reader.outline)]
    assert [t for t in titles if t in SECTIONS.values()] == list(SECTIONS.values())  # the PDF's bookmarks


def _flat(outline: list) -> list:  # type: ignore[type-arg]
    return [x for o in outline for x in (_flat(o) if isinstance(o, list) else [o])]


@pytest.mark.parametrize("engine", ["weasyprint", pytest.param("chromium", marks=needs_chromium)])
def test_both_engines_write_a4_pages_with_the_cyrillic_font_embedded(tmp_path: Path, engine: str) -> None:
    out = pdf.pdf_from_html(_document(filler=5), tmp_path / f"{engine}.pdf", engine=engine)
    reader = pypdf.PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5  # A4 in points
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()}
    assert any("DejaVuSans" in f or "RegintSans" in f for f in fonts), fonts  # DejaVu under the report's name
    assert "Предпосылки интеграции" in "".join(_page_texts(out))


def test_engine_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(OptionError):
        pdf.resolve_engine("wordperfect")
    monkeypatch.setenv(pdf.CHROMIUM_ENV, "/nonexistent/chromium")
    assert pdf.find_chromium() is None
    assert pdf.resolve_engine("auto") == "weasyprint"
    with pytest.raises(OptionError, match="apt-get install chromium"):
        pdf.resolve_engine("chromium")
    monkeypatch.setenv(pdf.ENGINE_ENV, "weasyprint")
    assert pdf.resolve_engine() == "weasyprint"


def test_a_failed_pdf_is_raised_and_leaves_no_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        with pdf.PdfQueue("weasyprint") as q:
            q.submit(_document(filler=1), blocker / "a.pdf")
    good = pdf.PdfQueue("weasyprint")
    fut = good.submit(_document(filler=1), tmp_path / "ok.pdf")
    assert good.close() == [tmp_path / "ok.pdf"] and fut.result().read_bytes()[:4] == b"%PDF"


def test_several_workers_write_every_document_in_the_order_submitted(tmp_path: Path) -> None:
    q = pdf.PdfQueue("weasyprint", workers=2)
    paths = [tmp_path / f"{k}.pdf" for k in range(3)]
    for p in paths:
        q.submit(_document(filler=1), p)
    assert q.close() == paths and all(p.read_bytes()[:4] == b"%PDF" for p in paths)


@needs_chromium
def test_a_page_chromium_cannot_print_is_laid_out_by_weasyprint(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self, html: str, path: Path) -> Path:  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf._Chromium, "print", broken)
    with pytest.warns(RuntimeWarning, match="renderer crashed"):
        out = pdf.pdf_from_html(_document(filler=1), tmp_path / "c.pdf", engine="chromium")
    assert "Предпосылки интеграции" in "".join(_page_texts(out))
