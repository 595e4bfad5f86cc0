"""Validation of indicator frameworks: messages say what is wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from regint.index import Framework, FrameworkError, default_framework, given_weights


def _frame(**changes: object) -> pd.DataFrame:
    rows = [
        {"code": "IDX", "parent": "", "weight": 1},
        {"code": "D1", "parent": "IDX", "weight": 1},
        {"code": "D2", "parent": "IDX", "weight": 2},
        {"code": "a", "parent": "D1", "weight": 1, "direction": 1},
        {"code": "b", "parent": "D1", "weight": 3, "direction": -1},
        {"code": "c", "parent": "D2", "weight": 1, "direction": 1},
    ]
    frame = pd.DataFrame(rows)
    for key, value in changes.items():
        code, col = key.split("__")
        frame.loc[frame["code"] == code, col] = value
    return frame


def test_valid_framework() -> None:
    fw = Framework.from_frame(_frame())
    assert fw.root == "IDX"
    assert fw.indicators == ["a", "b", "c"]
    assert fw.aggregates == ["D1", "D2", "IDX"]
    assert fw.weights["a"] == pytest.approx(0.25) and fw.weights["D2"] == pytest.approx(2 / 3)
    assert fw.level_of("IDX") == 3 and fw.depth("a") == 2


def test_unknown_parent() -> None:
    with pytest.raises(FrameworkError, match=r"row 7, code 'c': unknown parent 'D9'"):
        Framework.from_frame(_frame(c__parent="D9"))


@pytest.mark.parametrize("weight", [0, -1, "x"])
def test_weight_not_positive(weight: object) -> None:
    frame = _frame()
    frame["weight"] = frame["weight"].astype(object)
    frame.loc[frame["code"] == "b", "weight"] = weight
    with pytest.raises(FrameworkError, match=r"code 'b': weight must be a positive number"):
        Framework.from_frame(frame)


def test_cycle() -> None:
    frame = _frame()
    frame.loc[frame["code"] == "D1", "parent"] = "a"
    with pytest.raises(FrameworkError, match=r"cycle \((D1 -> a -> D1|a -> D1 -> a)\)"):
        Framework.from_frame(frame)


def test_duplicate_code_and_roots() -> None:
    frame = pd.concat([_frame(), pd.DataFrame([{"code": "a", "parent": "D2", "weight": 1}])])
    with pytest.raises(FrameworkError, match="code 'a': code appears more than once"):
        Framework.from_frame(frame)
    with pytest.raises(FrameworkError, match="exactly one root"):
        Framework.from_frame(_frame(D2__parent=""))


def test_bad_direction() -> None:
    with pytest.raises(FrameworkError, match="direction must be 1 or -1"):
        Framework.from_frame(_frame(a__direction=2))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="does not exist"):
        Framework.read_csv(tmp_path / "nope.csv")


def test_csv_round_trip(tmp_path: Path) -> None:
    fw = Framework.from_frame(_frame())
    path = tmp_path / "fw.csv"
    fw.to_frame().to_csv(path, index=False)
    again = Framework.read_csv(path)
    assert again.indicators == fw.indicators
    pd.testing.assert_series_equal(again.weights, fw.weights)


def test_default_border_pairs_framework() -> None:
    fw = default_framework()
    assert fw.dimensions == ["trade", "convergence", "complementarity", "investment", "labour", "connectivity"]
    assert len(fw.indicators) >= 12


def test_given_weights_validation() -> None:
    fw = Framework.from_frame(_frame())
    w = given_weights({"a": 3, "b": 1}, fw)
    assert w["a"] == pytest.approx(0.75)
    with pytest.raises(FrameworkError, match="not non-root nodes"):
        given_weights({"zz": 1}, fw)
    with pytest.raises(FrameworkError, match="must be positive"):
        given_weights({"a": 0}, fw)
