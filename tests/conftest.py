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
