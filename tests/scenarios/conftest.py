"""Fixtures of the scenario tests: the shipped catalogue, labelled fallback baseline and parameters."""

from __future__ import annotations

import pytest

from regint.scenarios import default_baseline, default_parameters, load_levers, shipped_scenario


@pytest.fixture(scope="session")
def catalogue():
    return load_levers()


@pytest.fixture(scope="session")
def baseline():
    return default_baseline()


@pytest.fixture(scope="session")
def params():
    return default_parameters()


@pytest.fixture(scope="session")
def moderate():
    return shipped_scenario("moderate")
