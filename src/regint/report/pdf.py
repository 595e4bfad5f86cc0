"""A4 PDFs from the report's HTML, written in a background thread while the caller goes on rendering.

Two engines lay the pages out:

* ``chromium`` — a headless Chromium driven through Playwright (Debian's ``chromium`` package or any Chromium or
  Chrome binary; never a browser download). One browser prints every PDF of a build. It has no
  ``target-counter()``: the table of contents gets its page numbers from the printing (the PDF's named
  destinations of the section anchors, its places held by hidden numbers); the numbers alone are then printed on
  the front pages and laid over them (pypdf), so the document is laid out once. The running title, WeasyPrint's
  ``string(doctitle)``, is the document's ``<title>``.
* ``weasyprint`` — WeasyPrint (pure Python, no browser), the fallback.

``auto`` (the default; environment variable ``REGINT_PDF_ENGINE``) takes Chromium where one is installed, else
WeasyPrint. Measured on the full report (53 A4 pages in Russian, 55 in WeasyPrint; two maps of 1.5 MB of SVG
each; 2-core machine): Chromium 3 s per printing, WeasyPrint 20 s (``benchmarks/RESULTS.md``).
``REGINT_CHROMIUM`` names the binary when it is not on the ``PATH``.

>>> with PdfQueue() as q:                                   # doctest: +SKIP
...     q.submit("<html>…</html>", Path("out/a.pdf"))
"""

from __future__ import annotations

import html as html_lib
import io
import logging
import os
import queue
import re
import shutil
import tempfile
import threading
import warnings
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from regint._options import check_option
from regint.errors import OptionError

ENGINES: tuple[str, ...] = ("auto", "chromium", "weasyprint")
ENGINE_ENV = "REGINT_PDF_ENGINE"
CHROMIUM_ENV = "REGINT_CHROMIUM"
_BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)

# the page furniture WeasyPrint draws from CSS that Chromium does not read: leaders and the running title
_CHROMIUM_CSS = """
@media print {
  @page { @top-right { content: "%s"; font-size: 7.5pt; color: #5b6776; } }
  .toc li { display: flex; align-items: baseline; }
  .toc .toc-dots { flex: 1 1 auto; border-bottom: 1px dotted #9aa5b1; margin: 0 0.35em; min-width: 1em; }
  .toc .toc-page { flex: 0 0 auto; width: 2.2em; text-align: right; color: var(--ink); visibility: hidden; }
}
"""


_PDF_OPTIONS: dict[str, Any] = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}
# the table of contents: a leader and a page number after each entry, filled from the anchors' pages
_TOC_SLOTS = """() => { const links = document.querySelectorAll('nav.toc a[href^="#"]');
  for (const a of links) { a.insertAdjacentHTML('afterend',
      '<span class="toc-dots"></span><span class="toc-page">00</span>'); }
  return links.length; }"""
_NUMBERS_ONLY = """() => { const s = document.createElement('style');
  s.textContent = 'body * { visibility: hidden !important; } nav.toc .toc-page { visibility: visible !important; }'
    + ' @page { @top-right { content: none; } @bottom-center { content: none; } }';
  document.head.appendChild(s); }"""
_TOC_FILL = """(pages) => { for (const a of document.querySelectorAll('nav.toc a[href^="#"]')) {
  const n = pages[a.getAttribute('href').slice(1)]; a.parentElement.querySelector('.toc-page').textContent =
      n === undefined ? '' : String(n); } }"""


def find_chromium() -> str | None:
    """The Chromium binary: ``$REGINT_CHROMIUM``, else the first of chromium, chromium-browser, google-chrome on the
    ``PATH``; ``None`` when there is none or Playwright is not installed."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return None
    given = os.environ.get(CHROMIUM_ENV, "").strip()
    if given:
        return given if Path(given).exists() else None
    for name in _BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def resolve_engine(engine: str | None = None) -> str:
    """``chromium`` or ``weasyprint``: ``engine``, else ``$REGINT_PDF_ENGINE``, else ``auto``.

    Raises
    ------
    OptionError
        For an unknown engine, or ``chromium`` asked for where none is installed.
    """
    name = (engine or os.environ.get(ENGINE_ENV, "") or "auto").strip().lower()
    check_option("PDF engine", name, ENGINES)
    chromium = find_chromium()
    if name == "chromium" and chromium is None:
        raise OptionError("PDF engine 'chromium': no Chromium found. Fix: install it (apt-get install chromium) "
                          f"and Playwright (pip install playwright), set {CHROMIUM_ENV} to the binary, or use "
                          "the engine 'weasyprint'.")
    if name == "auto":
        return "chromium" if chromium is not None else "weasyprint"
    return name


def toc_pages(pdf: bytes) -> dict[str, int]:
    """Anchor id → page number (1-based) of the named destinations of a PDF (Chromium writes one per link
    target)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {str(name).lstrip("/"): reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    return {name: page + 1 for name, page in pages.items() if page is not None}


def overlay(base: bytes, top: bytes) -> bytes:
    """``base`` with the pages of ``top`` laid over its first pages (links, outline and destinations of ``base``
    kept)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(base)))  # pages, outline and named destinations (cloning took 2 s)
    for k, page in enumerate(PdfReader(io.BytesIO(top)).pages):
        writer.pages[k].merge_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _chromium_css(html: str) -> str:
    found = _TITLE.search(html)
    title = html_lib.unescape(found.group(1)).strip() if found else ""
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return _CHROMIUM_CSS % quoted


def _write_atomic(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".pdf.part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def _weasyprint(html: str, path: Path) -> Path:
    from weasyprint import HTML

    from regint.report.render import TEMPLATES

    # WeasyPrint logs a line per stylesheet and SVG style attribute, and pyfixest's import sets the root logger to
    # INFO (logging.basicConfig), which would print them all: only errors are of interest
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return _write_atomic(path, HTML(string=html, base_url=str(TEMPLATES)).write_pdf())


class _Chromium:
    """One headless browser; :meth:`print` lays out one document once (and its table of contents' numbers on
    the front page)."""

    def __init__(self, binary: str) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(executable_path=binary, args=_LAUNCH_ARGS, headless=True)
        except Exception:
            self._pw.stop()
            raise
        self._folder = Path(tempfile.mkdtemp(prefix="regint-print-"))  # the pages the browser opens

    def print(self, html: str, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        page_file = self._folder / f"{path.stem}.html"
        page_file.write_text(html.replace("</head>", f"<style>{_chromium_css(html)}</style></head>", 1),
                             encoding="utf-8")
        page = self._browser.new_page()
        try:
            page.goto(page_file.as_uri(), wait_until="load")
            has_toc = bool(page.evaluate(_TOC_SLOTS))  # hidden page numbers "00" hold the place of the real ones
            pdf = page.pdf(**_PDF_OPTIONS)
            pages = toc_pages(pdf) if has_toc else {}
            if pages:  # the numbers alone, printed on the pages before the first section and laid over them
                page.evaluate(_TOC_FILL, pages)
                page.evaluate(_NUMBERS_ONLY)
                front = max(1, min(pages.values()) - 1)
                numbers = page.pdf(**{**_PDF_OPTIONS, "print_background": False, "outline": False, "tagged": False,
                                      "page_ranges": f"1-{front}"})
                pdf = overlay(pdf, numbers)
        finally:
            page.close()
            page_file.unlink(missing_ok=True)
        return _write_atomic(path, pdf)

    def close(self) -> None:
        try:
            self._browser.close()
        finally:
            self._pw.stop()
            shutil.rmtree(self._folder, ignore_errors=True)


class PdfQueue:
    """Writes PDFs in background threads (``workers``, each with its own browser; one by default), taking the
    documents in the order submitted; :meth:`close` waits for all of them.

    With Chromium the layout runs in the browsers' own processes, so the caller's rendering of the next document
    goes on at the same time. A failure of one PDF is raised by its future and again by :meth:`close`; a PDF is
    written whole or not at all (``.pdf.part`` renamed when complete).
    """

    def __init__(self, engine: str | None = None, workers: int = 1) -> None:
        self.engine = resolve_engine(engine)
        self._binary = find_chromium() if self.engine == "chromium" else None
        #: Browsers printing side by side. One by default: on two cores a second one slowed the report (33 s with
        #: one, 38–41 s with two: it took the core the caller's rendering needs).
        self.workers = max(1, workers)
        self._jobs: queue.Queue[tuple[str, Path, Future[Path]] | None] = queue.Queue()
        self._futures: list[Future[Path]] = []
        self._threads: list[threading.Thread] = []  # started (and the browsers launched) by the first PDF

    def submit(self, html: str, path: Path) -> Future[Path]:
        """Queue one document; the future gives its path when written."""
        if not self._threads:
            self._threads = [threading.Thread(target=self._run, name=f"regint-pdf-{i}", daemon=True)
                             for i in range(self.workers)]
            for t in self._threads:
                t.start()
        fut: Future[Path] = Future()
        self._futures.append(fut)
        self._jobs.put((html, Path(path), fut))
        return fut

    def _stop(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)
        for t in self._threads:
            t.join()
        self._threads = []

    def _run(self) -> None:
        printer: _Chromium | None = None
        if self._binary is not None:
            try:
                printer = _Chromium(self._binary)
            except Exception as exc:  # noqa: BLE001 — a browser that does not start: WeasyPrint still can
                warnings.warn(f"Chromium did not start ({type(exc).__name__}: {exc}); this thread's PDFs are laid "
                              "out by WeasyPrint", RuntimeWarning, stacklevel=1)
        try:
            while (job := self._jobs.get()) is not None:
                html, path, fut = job
                try:
                    fut.set_result(self._print(printer, html, path))
                except Exception as exc:  # noqa: BLE001 — handed to the caller through the future
                    fut.set_exception(exc)
        finally:
            if printer is not None:
                printer.close()

    @staticmethod
    def _print(printer: _Chromium | None, html: str, path: Path) -> Path:
        if printer is not None:
            try:
                return printer.print(html, path)
            except Exception as exc:  # noqa: BLE001 — a page the browser could not print: WeasyPrint still can
                warnings.warn(f"Chromium could not print {path.name} ({type(exc).__name__}: {exc}); laid out by "
                              "WeasyPrint", RuntimeWarning, stacklevel=1)
        return _weasyprint(html, path)

    def close(self) -> list[Path]:
        """Wait for every PDF; their paths in the order submitted (the first failure is raised)."""
        self._stop()
        return [f.result() for f in self._futures]

    def __enter__(self) -> PdfQueue:
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        if exc_type is None:
            self.close()
        else:  # the caller's error goes on; the PDFs queued so far are still finished
            self._stop()


def pdf_from_html(html: str, path: Path, engine: str | None = None) -> Path:
    """Lay out ``html`` on A4 pages and write the PDF (fonts subset and embedded), waiting for it."""
    with PdfQueue(engine) as q:
        fut = q.submit(html, path)
    return fut.result()
