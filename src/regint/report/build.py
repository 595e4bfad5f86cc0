"""Build the analytical report: run the analyses once, then write HTML, PDF and XLSX in each language.

>>> from regint import Settings, Study                        # doctest: +SKIP
>>> from regint.report.build import build_report              # doctest: +SKIP
>>> build_report(Study.from_store(Settings()), langs=("ru", "en"), out=Path("out/report"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from regint._options import check_option
from regint.errors import OptionError
from regint.report.briefs import brief_name, render_brief
from regint.report.checks import CheckReport, check_report, used_sources
from regint.report.collect import Results
from regint.report.document import build_document
from regint.report.pdf import PdfQueue
from regint.report.render import render_html, render_validation, write_html, write_workbook

Format = Literal["html", "pdf", "xlsx"]
FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx")
LANG_CHOICES: tuple[str, ...] = ("ru", "en", "both")


def parse_langs(lang: str) -> tuple[str, ...]:
    """``"both"`` → ``("ru", "en")``; ``"ru"`` → ``("ru",)``."""
    check_option("lang", lang, LANG_CHOICES)
    return ("ru", "en") if lang == "both" else (lang,)


def parse_formats(formats: str) -> tuple[str, ...]:
    """``"html,pdf"`` → ``("html", "pdf")``, each checked against :data:`FORMATS`."""
    items = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    if not items:
        raise OptionError(f"formats must name at least one of {set(FORMATS)}; got {formats!r}")
    for f in items:
        check_option("format", f, FORMATS)
    return items


@dataclass(frozen=True)
class ReportFiles:
    """Paths written per language and format, and the results they came from."""

    files: dict[tuple[str, str], Path]
    results: Results
    checks: CheckReport = field(default_factory=CheckReport)


def output_path(out: Path, lang: str, fmt_: str) -> Path:
    """``out/report_ru.html`` and so on."""
    return out / f"report_{lang}.{fmt_}"


def print_pages(study: Results, doc: dict[str, Any]) -> dict[str, str]:
    """The HTML of every PDF of one language: ``report``, ``validation``, ``brief_ru``, ``brief_by``."""
    return {"report": render_html(doc, "pdf"), "validation": render_validation(doc),
            **{f"brief_{side}": render_brief(study, doc, side) for side in ("ru", "by")}}  # type: ignore[arg-type]


def check_documents(study: Results, docs: dict[str, dict[str, Any]],
                    pages: dict[str, dict[str, str]] | None = None) -> CheckReport:
    """Run the report's checks (:mod:`regint.report.checks`) on the documents of one build (``pages``: their
    :func:`print_pages`, rendered here when not given)."""
    pages = pages or {lang: print_pages(study, doc) for lang, doc in docs.items()}
    return check_report(docs, {lang: "".join(p.values()) for lang, p in pages.items()}, codes=study.regions,
                        used_sources=used_sources(study))


def build_report(study: Results, *, langs: Sequence[str] = ("ru", "en"), out: Path = Path("out/report"),
                 formats: Sequence[str] = FORMATS, progress: Callable[[str], None] | None = None,
                 strict: bool = False) -> ReportFiles:
    """Render the report of ``study`` in every language and format asked for (its results computed once).

    Parameters
    ----------
    study : regint.study.Study
        The pair study (its settings give the pair, the scenario files and the surveys; without a survey the
        directions ranking rests on data criteria only).
    langs : sequence of {'ru', 'en'}
    out : Path
        Folder of the outputs (``report_<lang>.<format>``).
    formats : sequence of {'html', 'pdf', 'xlsx'}
    progress : callable(step name), optional
        Called after each rendering step (the study's own steps report through its ``progress``).
    strict : bool
        Raise :class:`~regint.report.checks.ReportCheckError` when the report's checks find a defect (before
        anything is written). Otherwise the findings are written to ``checks.txt`` beside the report and
        returned in :attr:`ReportFiles.checks`.
    """
    for lang in langs:
        check_option("lang", lang, ("ru", "en"))
    for f in formats:
        check_option("format", f, FORMATS)
    tick = progress or (lambda _n: None)
    study.compute_all()
    files: dict[tuple[str, str], Path] = {}
    writers = {"html": write_html, "xlsx": write_workbook}
    pdf_paths = {lang: {"report": output_path(out, lang, "pdf"), "validation": out / f"validation_{lang}.pdf",
                        **{f"brief_{side}": out / f"brief_{brief_name(code)}_{lang}.pdf"
                           for side, code in zip(("ru", "by"), study.pair, strict=True)}} for lang in langs}
    docs: dict[str, dict[str, Any]] = {}
    pages: dict[str, dict[str, str]] = {}
    with PdfQueue() as pdfs:  # laid out in the background while the other documents are built and written
        for lang in langs:
            docs[lang] = build_document(study, lang, today=study.settings.report_date)
            pages[lang] = print_pages(study, docs[lang])
            if "pdf" in formats and not strict:
                for part, path in pdf_paths[lang].items():
                    pdfs.submit(pages[lang][part], path)
            tick(f"document {lang}")
        checks = check_documents(study, docs, pages)
        if strict:
            checks.raise_if_failed()
            if "pdf" in formats:
                for lang in langs:
                    for part, path in pdf_paths[lang].items():
                        pdfs.submit(pages[lang][part], path)
        out.mkdir(parents=True, exist_ok=True)
        (out / "checks.txt").write_text(checks.summary() + "\n", encoding="utf-8")
        for lang in langs:
            for f in formats:
                files[(lang, f)] = output_path(out, lang, f)
                if f != "pdf":
                    writers[f](docs[lang], files[(lang, f)])
                tick(f"{f} {lang}")
            if "pdf" in formats:
                files.update({(lang, "validation"): pdf_paths[lang]["validation"],
                              **{(lang, f"brief_{side}"): pdf_paths[lang][f"brief_{side}"] for side in ("ru", "by")}})
    if "pdf" in formats:
        tick("pdf")
    return ReportFiles(files=files, results=study, checks=checks)


def n_steps(langs: Sequence[str], formats: Sequence[str]) -> int:
    """Number of progress ticks of :func:`build_report` (for a progress bar)."""
    from regint.report.collect import N_STEPS

    return N_STEPS + len(langs) * (1 + len(formats)) + (1 if "pdf" in formats else 0)
