"""The report is built once per session (both languages, fast Monte Carlo sizes) on the shipped data.

The build counts how often it reads the store's panel and runs the costly models, so that a test can check
that the study computes each result once (issue: one computation, many views).
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest

#: (module, attribute) of the calls counted during the build.
COUNTED = (("regint.data.store", "Store.panel"), ("regint.models.inputoutput.pipeline", "pair_io_analysis"),
           ("regint.experts.directions", "rank_directions"), ("regint.index.pairs", "build_pair_index"),
           ("regint.scenarios", "simulate"))


def _counting(calls: Counter[str], name: str, fn):  # type: ignore[no-untyped-def]
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[name] += 1
        return fn(*args, **kwargs)
    return wrapper


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Build the report in ru and en (HTML, PDF, XLSX), counting store reads and model runs (:func:`build_calls`)."""
    import importlib

    from regint.report.build import build_report
    from regint.study import Settings, Study

    root = tmp_path_factory.mktemp("report")
    old = os.environ.get("REGINT_STORE")
    os.environ["REGINT_STORE"] = str(root / "store.duckdb")
    calls = _CALLS
    try:
        with ExitStack() as stack:
            for module, attr in COUNTED:
                target = importlib.import_module(module)
                owner_name, _, name = attr.rpartition(".")
                owner = getattr(target, owner_name) if owner_name else target
                stack.enter_context(mock.patch.object(owner, name, _counting(calls, attr, getattr(owner, name))))
            study = Study.from_store(Settings.fast())
            files = build_report(study, langs=("ru", "en"), out=root / "out")
    finally:
        if old is None:
            os.environ.pop("REGINT_STORE", None)
        else:
            os.environ["REGINT_STORE"] = old
    return files


_CALLS: Counter[str] = Counter()


@pytest.fixture(scope="session")
def build_calls(built) -> Counter[str]:
    """How often the build called each of :data:`COUNTED`."""
    return _CALLS


@pytest.fixture(scope="session")
def html(built) -> dict[str, str]:
    return {lang: built.files[(lang, "html")].read_text(encoding="utf-8") for lang in ("ru", "en")}


@pytest.fixture(scope="session")
def pdfs(built) -> dict[str, Path]:
    return {lang: built.files[(lang, "pdf")] for lang in ("ru", "en")}
