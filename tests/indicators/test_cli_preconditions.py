"""The preconditions command on a hand-made panel (load_panel replaced; no store)."""

from __future__ import annotations

import pandas as pd
import typer
from typer.testing import CliRunner

from regint.cli.preconditions import parse_pair, preconditions_command


def test_command_writes_csv_and_xlsx(tmp_path, monkeypatch, hand_panel):
    import regint.data.api as api

    calls = {}

    def fake_load_panel(indicators=None, regions=None, **kwargs):
        calls["regions"] = regions
        return hand_panel

    monkeypatch.setattr(api, "load_panel", fake_load_panel)
    app = typer.Typer()
    app.command()(preconditions_command)
    out = tmp_path / "pre"
    result = CliRunner().invoke(app, ["--out", str(out), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "wage_ratio_usd" in result.output and "RU-SMO" in calls["regions"]
    table = pd.read_csv(out.with_suffix(".csv"))
    assert list(table.columns) == ["indicator", "regions", "value", "years", "meaning", "data_used"]
    assert (tmp_path / "pre_not_computed.csv").exists()
    assert set(pd.read_excel(out.with_suffix(".xlsx"), sheet_name=None)) == {"indicators", "not_computed"}


def test_parse_pair():
    assert parse_pair("ru-smo:by-vi") == ("RU-SMO", "BY-VI")
