"""The report is built once per session (both languages, fast Monte Carlo sizes) on the shipped data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Build the report in ru and en (HTML, PDF, XLSX) with the shipped ILLUSTRATIVE survey."""
    from regint.report.build import build_report
    from regint.report.collect import Sizes

    root = tmp_path_factory.mktemp("report")
    old = os.environ.get("REGINT_STORE")
    os.environ["REGINT_STORE"] = str(root / "store.duckdb")
    try:
        files = build_report(("RU-SMO", "BY-VI"), langs=("ru", "en"), out=root / "out", sizes=Sizes.fast())
    finally:
        if old is None:
            os.environ.pop("REGINT_STORE", None)
        else:
            os.environ["REGINT_STORE"] = old
    return files


@pytest.fixture(scope="session")
def html(built) -> dict[str, str]:
    return {lang: built.files[(lang, "html")].read_text(encoding="utf-8") for lang in ("ru", "en")}


@pytest.fixture(scope="session")
def pdfs(built) -> dict[str, Path]:
    return {lang: built.files[(lang, "pdf")] for lang in ("ru", "en")}
