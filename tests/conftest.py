"""Shared fixtures: the research folder ``../shared`` (skipped with a reason where absent) and a fresh store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regint._paths import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_store(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test touches the user's own store: REGINT_STORE points into the test session's temp folder."""
    os.environ["REGINT_STORE"] = str(tmp_path_factory.mktemp("store") / "store.duckdb")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ``shared`` folder beside the checkout; tests that need it skip where it is absent."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (source data and reference cases) is not present beside the checkout")
    return path


@pytest.fixture(scope="session")
def sources(shared: Path) -> Path:
    return shared / "data" / "sources"


@pytest.fixture(scope="session")
def reference(shared: Path) -> Path:
    return shared / "reference"


@pytest.fixture()
def fixtures() -> Path:
    return FIXTURES


def write_synthetic_survey(folder: Path, pair: tuple[str, str] = ("RU-SMO", "BY-VI"),
                           lang: str = "en") -> tuple[list[Path], list[dict]]:
    """A filled SYNTHETIC survey set (made up here, never a finding): 3 officials and 4 firms per side of ``pair``,
    weights 1–3, one item per respondent left blank; every file carries the synthetic mark.

    Returns the filled files and, for independent checks, one record per respondent (kind, side, weight, answers).
    """
    import numpy as np

    from regint.experts.survey import fill_survey, survey_items, write_survey

    rng = np.random.default_rng(2020)
    files, records = [], []
    for kind, per_side in (("officials", 3), ("business", 4)):
        form = write_survey(folder / f"{kind}.xlsx", kind, lang, pair)  # type: ignore[arg-type]
        codes = list(survey_items(kind, "en")["code"])  # type: ignore[arg-type]
        for s, side in enumerate(pair):
            for k in range(per_side):
                answers: dict[str, float | None] = {c: int(rng.integers(1, 6)) for c in codes}
                answers[codes[(k + s) % len(codes)]] = None  # a blank ("cannot say")
                weight = float(1 + (k + s) % 3)
                name = f"SYN-{kind}-{side}-{k}"
                files.append(fill_survey(form, folder / f"{name}.xlsx", respondent=name, side=side,
                                         answers=answers, weight=weight, synthetic=True))
                records.append({"kind": kind, "side": side, "weight": weight,
                                "answers": {c: v for c, v in answers.items() if v is not None}})
    return files, records


@pytest.fixture()
def synthetic_survey():  # type: ignore[no-untyped-def]
    """:func:`write_synthetic_survey`: call it with a folder (and a pair)."""
    return write_synthetic_survey


@pytest.fixture(autouse=True)
def _messages_in_english_unless_a_test_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """``regint --lang ru`` sets ``REGINT_LANG`` for the rest of its process, as a command should; in the test
    process that leaked Russian messages into later tests of the same worker. Each test starts in English and
    the variable is restored after it."""
    monkeypatch.setenv("REGINT_LANG", "en")
