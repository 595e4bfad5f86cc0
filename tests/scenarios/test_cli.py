"""The `regint scenario` sub-app end to end (labelled fallbacks only, no store): files written, messages."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from regint.cli.scenario import app


def test_run_compare_fastest(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["run", "moderate", "--draws", "2000", "--out", str(tmp_path), "--no-store"])
    assert r.exit_code == 0, r.output
    assert "labelled fallbacks" in r.output and "who gains what" in r.output
    assert "each side in its own currency" in r.output and "mln BYN" in r.output and "European Commission" in r.output
    assert "wage_gap is smallest" in r.output  # the gap widens again: a finding
    for f in ("moderate_quantiles.csv", "moderate_benefits.csv", "moderate.xlsx", "fan_moderate_wage_gap.png",
              "tornado_moderate_wage_gap.png", "moderate_accounts.csv", "moderate_npv_by_split.csv", "split_moderate.png",
              "moderate_register.csv"):
        assert (tmp_path / f).stat().st_size > 0
    r = runner.invoke(app, ["compare", "inertial", "accelerated", "--draws", "1000", "--out", str(tmp_path),
                            "--no-store"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "compare_score.png").exists() and (tmp_path / "comparison.xlsx").exists()
    r = runner.invoke(app, ["fastest", "--target", "price_gap<=0.18", "--budget", "1500", "--draws", "1000",
                            "--out", str(tmp_path), "--no-store"])
    assert r.exit_code == 0, r.output
    assert "Critical path" in r.output and (tmp_path / "fastest.xlsx").exists()
    assert "Cost per side" in r.output and "payments_national, equal_labour_rights" in r.output
    assert (tmp_path / "gantt_price_gap__0_18.png").stat().st_size > 0
    r = runner.invoke(app, ["register", "--out", str(tmp_path / "register.csv")])
    assert r.exit_code == 0 and "in_force" in r.output
    assert set(pd.read_csv(tmp_path / "register.csv")["status"]) == {"in_force", "agreed", "proposed"}


def test_cli_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n[years]\nstart = 2025\nend = 2045\n[levers.teleport]\nintensity = 1\nstart = 2026\n',
                   encoding="utf-8")
    r = CliRunner().invoke(app, ["run", str(bad), "--draws", "100", "--out", str(tmp_path), "--no-store"])
    assert r.exit_code == 2
    assert "bad.toml, levers.teleport" in r.output and "Fix:" in r.output
