"""Writers of the report: self-contained HTML (plotly.js inlined), the HTML of the A4 PDFs (laid out by
:mod:`regint.report.pdf`, DejaVu fonts embedded) and the XLSX workbook with every table and a sources sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from regint._paths import package_data
from regint.report import charts, fmt, i18n
from regint.report import labels as L
from regint.report.excel import write_xlsx
from regint.report.tables import ReportTable

TEMPLATES = package_data("report", "templates")


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def font_faces() -> str:
    """``@font-face`` rules for DejaVu Sans and Serif as shipped inside matplotlib (Cyrillic; no system fonts)."""
    d = _font_dir()
    faces = [("RegintSans", "DejaVuSans.ttf", "normal", "normal"), ("RegintSans", "DejaVuSans-Bold.ttf", "bold", "normal"),
             ("RegintSans", "DejaVuSans-Oblique.ttf", "normal", "italic"),
             ("RegintSans", "DejaVuSans-BoldOblique.ttf", "bold", "italic"),
             ("RegintSerif", "DejaVuSerif.ttf", "normal", "normal"),
             ("DejaVu Sans", "DejaVuSans.ttf", "normal", "normal"), ("DejaVu Sans", "DejaVuSans-Bold.ttf", "bold", "normal"),
             ("DejaVu Sans", "DejaVuSans-Oblique.ttf", "normal", "italic")]
    return "\n".join(f"@font-face {{ font-family: '{fam}'; src: url('{(d / f).as_uri()}'); font-weight: {w}; "
                     f"font-style: {s}; }}" for fam, f, w, s in faces if (d / f).exists())


def environment(lang: str) -> Environment:
    """Jinja2 environment with the number filters of ``lang`` (babel) and strict undefined checks off for facts."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = lambda v, d=None: fmt.number(v, lang, d)
    env.filters["p"] = lambda v, d=1: fmt.percent(v, lang, d)
    env.filters["pp"] = lambda v: fmt.points(v, lang)
    env.filters["y"] = fmt.year
    env.filters["pairname"] = lambda p: i18n.pair_label(str(p), lang)
    env.filters["target"] = lambda t: L.target_text(str(t), lang)
    return env


def render_html(doc: dict[str, Any], medium: str) -> str:
    """The report as one HTML string; ``medium`` is ``"html"`` (plotly, plotly.js inlined) or ``"pdf"`` (SVG)."""
    lang = doc["lang"]
    env = environment(lang)
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    if medium == "pdf":
        css = font_faces() + "\n" + css
    ctx = dict(doc)
    ctx.update(medium=medium, css=css, plotly_js=charts.plotly_js() if medium == "html" else "",
               labels={k: v[lang] for k, v in i18n.LABELS.items()}, illus_text=i18n.label("illustrative", lang),
               not_produced=i18n.label("not_produced", lang), dated_text=i18n.label("dated", lang))
    return env.get_template("report.html.j2").render(**ctx)


def write_html(doc: dict[str, Any], path: Path) -> Path:
    """Write the self-contained interactive HTML report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(doc, "html"), encoding="utf-8")
    return path


def render_validation(doc: dict[str, Any]) -> str:
    """The validation annex (Annex D) as its own HTML document for the PDF."""
    lang = doc["lang"]
    env = environment(lang)
    css = font_faces() + "\n" + (TEMPLATES / "style.css").read_text(encoding="utf-8")
    ctx = dict(doc)
    ctx.update(medium="pdf", css=css, plotly_js="", labels={k: v[lang] for k, v in i18n.LABELS.items()},
               illus_text=i18n.label("illustrative", lang), not_produced=i18n.label("not_produced", lang),
               dated_text=i18n.label("dated", lang))
    return env.get_template("validation.html.j2").render(**ctx)


def all_tables(doc: dict[str, Any]) -> list[ReportTable]:
    """Every table of the document, in the order of the sections."""
    out: list[ReportTable] = []
    for sec in doc["s"].values():
        out.extend(sec.tables.values())
    return out


def write_workbook(doc: dict[str, Any], path: Path) -> Path:
    """Write every table to a sheet (numbers unformatted), a contents sheet and a sources sheet."""
    lang = doc["lang"]
    tables = all_tables(doc)
    frames: dict[str, pd.DataFrame] = {}
    notes: dict[str, str] = {}
    contents = []
    for t in tables:
        frame = t.frame.copy()
        if t.illustrative:
            frame["ILLUSTRATIVE"] = "ILLUSTRATIVE"
        frames[t.key] = frame
        notes[t.key] = t.excel_note(lang)
        contents.append({"sheet": t.key[:31], "title": t.title, "units": t.units, "source": t.source, "years": t.years,
                         "illustrative": "ILLUSTRATIVE" if t.illustrative else ""})
    from regint.data.catalogs import sources

    cat = sources().reset_index(drop=True)
    frames.pop("sources", None)  # the catalog goes last, whole, under its own name
    ordered = {"contents": pd.DataFrame(contents), **frames, "sources": cat}
    notes["contents"] = doc["title"]
    notes["sources"] = "regint source catalog (regint/data/catalogs/sources.csv)"
    return write_xlsx(ordered, path, notes=notes)
