"""Smoke test of ``evaluation_command`` and ``gravity_command`` (outputs written, data limits stated)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from regint.cli import models as cli_models


def _fake_panel(indicators=None, regions=None, **_: object) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for i, region in enumerate(["RU-SMO", "RU-PSK", "RU-BRY", "RU-KLU", "RU-TVE", "RU-ORL", "RU-KRS", "RU"]):
        level = 1e5 * (1 + 0.1 * i)
        for year in range(2000, 2020):
            value = level * 1.1 ** (year - 2000) * np.exp(rng.normal(scale=0.01))
            rows.append({"region": region, "indicator": indicators[0], "period": str(year), "value": value})
    return pd.DataFrame(rows)


def _app(command) -> typer.Typer:
    app = typer.Typer()
    app.command()(command)
    return app


def test_evaluation_command_writes_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import regint.data.api as api

    monkeypatch.setattr(api, "load_panel", _fake_panel)
    result = CliRunner().invoke(_app(cli_models.evaluation_command), ["--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Single Economic Space" in result.output or "2012" in result.output
    for name in ["synthetic_path.csv", "donor_weights.csv", "did.csv", "event_study.csv", "placebos.csv",
                 "evaluation.xlsx", "synthetic_control.png", "placebos.png", "event_study.png", "notes.txt"]:
        assert (tmp_path / name).exists(), name
    assert "exclude trade with Belarus" in (tmp_path / "notes.txt").read_text(encoding="utf-8")
    weights = pd.read_csv(tmp_path / "donor_weights.csv", index_col=0)
    assert "RU" not in weights.index  # the national total is not a donor


def test_evaluation_command_refuses_trade_outcome(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(cli_models.evaluation_command),
                                ["--outcome", "exports_usd", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "foreign-trade series" in result.output


def test_gravity_command_writes_outputs(tmp_path: Path, sources: Path) -> None:
    folder = sources / "cepii_wits"
    result = CliRunner().invoke(_app(cli_models.gravity_command),
                                ["--dist", str(folder / "dist_cepii.csv"), "--trade",
                                 str(folder / "WITS_trade2009.csv"), "--draws", "20", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ["coefficients.csv", "pair_potential.csv", "gravity.xlsx", "actual_vs_predicted.png"]:
        assert (tmp_path / name).exists(), name
    potential = pd.read_csv(tmp_path / "pair_potential.csv", index_col=0)
    assert set(potential["exporter"]) == {"RUS", "BLR"}
