"""Tidy CSV/XLSX template: round trip of write_template, encodings, separators and the checks (bad files)."""

from __future__ import annotations

import pytest

from regint.data.loaders import detect_format, load_file
from regint.data.loaders.template import write_template
from regint.data.schema import validate_observations
from regint.errors import LoaderError, OptionError


def bad(fixtures, name):
    return fixtures / "bad" / name


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_round_trip(tmp_path, suffix):
    path = write_template(tmp_path / f"template{suffix}")
    assert detect_format(path) == "tidy"
    obs = validate_observations(load_file(path).observations)
    assert list(obs.region) == ["BY-VI", "BY-VI", "BY-VI"]  # the Russian name resolved
    assert list(obs.value) == [2976.3, 580.53, 1190784.0]
    assert list(obs.indicator) == ["exports_usd", "wage_nominal", "population"]
    assert obs.loc[1, "currency"] == "BYN"


def test_template_suffix_checked(tmp_path):
    with pytest.raises(OptionError, match=r"template suffix must be one of \{'.csv', '.xlsx'\}; got '.ods'"):
        write_template(tmp_path / "x.ods")


def test_cp1251(fixtures):
    result = load_file(bad(fixtures, "tidy_cp1251_nodecl.csv"))
    assert list(result.observations.region) == ["BY-VI", "BY-MA"]
    assert result.observations.note.iloc[0] == "пересчитано составителем"
    assert any("cp1251" in str(w) for w in result.warnings)


def test_bom_and_comma_separator(fixtures):
    obs = load_file(bad(fixtures, "tidy_utf8_bom.csv")).observations
    assert obs.region.tolist() == ["BY-VI", "RU-SMO"] and obs.value.iloc[0] == 2976.3
    obs = load_file(bad(fixtures, "tidy_comma_separated.csv")).observations
    assert obs.value.tolist() == [580.53, 949348.0] and obs.region.iloc[1] == "RU-SMO"


def test_decimal_comma(fixtures):
    obs = load_file(bad(fixtures, "tidy_decimal_comma.csv")).observations
    assert obs.value.tolist() == [580.53, 2008.3, 1360524.0]
    assert obs.unit.iloc[2] == "persons"


def test_footnote_marks(fixtures):
    result = load_file(bad(fixtures, "tidy_footnote_marks.csv"))
    assert result.observations.value.tolist() == [2976.3, 3699.3]
    assert result.observations.note.tolist() == ["footnote 1)", "footnote *"]
    assert len(result.warnings) == 2 and "row 2, column value" in str(result.warnings[0])


def test_placeholders_skipped_with_warning(fixtures):
    result = load_file(bad(fixtures, "tidy_placeholders.csv"))
    assert result.observations.period.tolist() == ["2015"]
    assert any("rows 3, 4, 5" in str(w) for w in result.warnings)


def test_numbers_as_numbers_xlsx(fixtures):
    obs = load_file(bad(fixtures, "tidy_numbers_as_numbers.xlsx")).observations
    assert obs.period.tolist() == ["2015", "2016"] and obs.region.tolist() == ["BY-VI", "RU-SMO"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("tidy_duplicate_keys.csv", r"tidy_duplicate_keys\.csv, row 4, column region: duplicate key .*'BY-VI', "
         r"'exports_usd', '2015', 'belstat_stranoved'\) in rows 2 and 4\. Fix: keep one value per key"),
        ("tidy_unknown_region.csv", r"tidy_unknown_region\.csv, row 3, column region: unknown region "
         r"'Витебский район'\. Fix: write a catalog code"),
        ("tidy_unknown_indicator.csv", r"row 2, column indicator: unknown indicator 'export_usd'\. Fix:"),
        ("tidy_byr_as_byn.csv", r"tidy_byr_as_byn\.csv, row 3, column value: .* looks like old Belarusian roubles "
         r"\(BYR\) labelled BYN\. Fix: divide by 10,000 or label the currency BYR"),
        ("tidy_negative_trade.csv", r"row 3, column value: negative value -3699\.3 for the trade indicator "
         r"'imports_usd'\. Fix:"),
        ("tidy_bad_period.csv", r"row 2, column period: '2015 год' is not a period\. Fix: write YYYY"),
        ("tidy_text_value.csv", r"row 2, column value: 'около 3000' is not a number\. Fix:"),
        ("tidy_missing_column.csv", r"row 1: missing column\(s\) \['value'\]\. Fix:"),
        ("tidy_empty.csv", r"tidy_empty\.csv: the file has no data rows with a value\. Fix:"),
        ("tidy_zero_bytes.csv", r"tidy_zero_bytes\.csv: the file is empty \(0 bytes\)\. Fix:"),
        ("tidy_merged_header.xlsx", r"tidy_merged_header\.xlsx, sheet 'data', row 2, column A: the header row has "
         r"merged cells \(A2:B2\)\. Fix: unmerge"),
    ],
)
def test_errors(fixtures, name, message):
    with pytest.raises(LoaderError, match=message):
        load_file(bad(fixtures, name), format="tidy")


def test_byr_rule_boundaries(tmp_path):
    head = "region;indicator;period;value;unit;currency;source\n"
    ok = tmp_path / "ok.csv"
    # after the redenomination, or labelled BYR, or a wage below 10,000: fine
    ok.write_text(head + "BY;wage_nominal;2016-07;12000;BYN;BYN;a\nBY;wage_nominal;2015;5805300;BYR;BYR;a\n"
                  "BY-VI;wage_nominal;2016-06;9999;BYN;BYN;a\n", encoding="utf-8")
    assert len(load_file(ok)) == 3
    per_capita = tmp_path / "pc.csv"
    per_capita.write_text(head + "BY;grp_per_capita;2014;73000000;BYN;BYN;a\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"looks like old Belarusian roubles"):
        load_file(per_capita)


def test_source_option_fills_empty_source(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("region;indicator;period;value;source\nBY-VI;population;2016;1190784;\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"row 2, column source: empty source"):
        load_file(path)
    assert load_file(path, source="press").observations.source.tolist() == ["press"]
