"""Build the analytical report: run the analyses once, then write HTML, PDF and XLSX in each language.

>>> from regint.report.build import build_report            # doctest: +SKIP
>>> build_report(("RU-SMO", "BY-VI"), langs=("ru", "en"), out=Path("out/report"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from regint._options import check_option
from regint.errors import OptionError
from regint.report.collect import Results, Sizes, collect
from regint.report.document import build_document
from regint.report.render import write_html, write_pdf, write_workbook

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


def output_path(out: Path, lang: str, fmt_: str) -> Path:
    """``out/report_ru.html`` and so on."""
    return out / f"report_{lang}.{fmt_}"


def build_report(pair: tuple[str, str], *, langs: Sequence[str] = ("ru", "en"), out: Path = Path("out/report"),
                 survey: Sequence[Path] | None = None, scenarios: Sequence[Path] | None = None,
                 formats: Sequence[str] = FORMATS, sizes: Sizes | None = None,
                 progress: Callable[[str], None] | None = None) -> ReportFiles:
    """Run the analyses for ``pair`` and write the report in every language and format asked for.

    Parameters
    ----------
    pair : (str, str)
        The Russian and the Belarusian region (ISO 3166-2).
    langs : sequence of {'ru', 'en'}
    out : Path
        Folder of the outputs (``report_<lang>.<format>``).
    survey : sequence of Path, optional
        Filled directions questionnaires; without them the shipped example (ILLUSTRATIVE) is used.
    scenarios : sequence of Path, optional
        Scenario TOML files; default the shipped inertial, moderate and accelerated scenarios.
    formats : sequence of {'html', 'pdf', 'xlsx'}
    sizes : Sizes
        Monte Carlo sizes (``Sizes.fast()`` for tests).
    progress : callable(step name), optional
    """
    for lang in langs:
        check_option("lang", lang, ("ru", "en"))
    for f in formats:
        check_option("format", f, FORMATS)
    tick = progress or (lambda _n: None)
    results = collect(pair, survey=survey, scenarios=scenarios, sizes=sizes, langs=langs, progress=tick)
    files: dict[tuple[str, str], Path] = {}
    writers = {"html": write_html, "pdf": write_pdf, "xlsx": write_workbook}
    for lang in langs:
        doc = build_document(results, lang)
        tick(f"document {lang}")
        for f in formats:
            files[(lang, f)] = writers[f](doc, output_path(out, lang, f))
            tick(f"{f} {lang}")
    return ReportFiles(files=files, results=results)


def n_steps(langs: Sequence[str], formats: Sequence[str]) -> int:
    """Number of progress ticks of :func:`build_report` (for a progress bar)."""
    from regint.report.collect import N_STEPS

    return N_STEPS + len(langs) - 1 + len(langs) * (1 + len(formats))
