"""Belstat open-data portal JSON (format ``belstat_portal``): own fixtures (ILLUSTRATIVE numbers, shape of the
portal export) and the real exports in ``../shared/data/sources/belstat_dataportal/raw`` (Belstat's figures,
checked against the figures Belstat publishes elsewhere, cited beside each test)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from regint.data.loaders import detect_format, load_file
from regint.errors import LoaderError

FIX = Path(__file__).parents[1] / "fixtures" / "belstat_portal"


def _v(obs: pd.DataFrame, region: str, period: str) -> float:
    vals = obs.loc[(obs.region == region) & (obs.period == period), "value"]
    assert len(vals) == 1, (region, period)
    return float(vals.iloc[0])


def test_detected_by_import() -> None:
    assert detect_format(FIX / "wage_10218000003_2014-2017.json") == "belstat_portal"
    assert detect_format(FIX / "grp_no_code_in_name.json") == "belstat_portal"


def test_old_byr_years_nbsp_and_comma_decimals_missing_cells_and_raions() -> None:
    res = load_file(FIX / "wage_10218000003_2014-2017.json")
    obs = res.observations
    assert set(obs.indicator) == {"wage_nominal"} and set(obs.unit) == {"BYN per month"}
    assert set(obs.currency) == {"BYN"} and set(obs.source) == {"belstat_dataportal"}
    # "6 052 367,0" old roubles (NBSP thousands, decimal comma) → 605.2367 BYN, the factor kept
    assert _v(obs, "BY", "2014") == pytest.approx(605.2367)
    row = obs[(obs.region == "BY") & (obs.period == "2014")].iloc[0]
    assert "6052367 BYR per month × 0.0001" in row.derived_from and row.status == "official"
    assert _v(obs, "BY-MA", "2015") == pytest.approx(590.00005)
    assert _v(obs, "BY-VI", "2016") == pytest.approx(613.4)  # from 2016 in BYN, unchanged
    assert obs[(obs.region == "BY-VI") & (obs.period == "2016")].derived_from.iloc[0] == ""
    assert _v(obs, "BY-MA", "2016") == pytest.approx(640.25)
    # missing cells are gaps, not rows
    assert obs[(obs.region == "BY-VI") & (obs.period == "2017")].empty
    assert obs[(obs.region == "BY-MA") & (obs.period == "2014")].empty
    # raion and city rows are not loaded where the oblast has its own row
    assert set(obs.region) == {"BY", "BY-VI", "BY-MA"}
    assert any("8 raion and city values not loaded" in str(w) for w in res.warnings)


def test_raion_only_file_summed_to_complete_oblasts() -> None:
    res = load_file(FIX / "empl_person_10102000017_2015-2016.json")
    obs = res.observations
    # the 23 raions and cities of Vitebsk oblast: 1,000 + 2,000 + ... + 23,000 persons = 276.0 thous.
    assert _v(obs, "BY-VI", "2015") == pytest.approx(276.0)
    row = obs.iloc[0]
    assert row.status == "derived" and row.unit == "thous. persons"
    assert "sum of 23 raion and city rows" in row.derived_from
    # 2016: Vitebsk city has no value; Mogilev oblast has one raion of 21 in the file → gaps, with warnings
    assert obs[(obs.region == "BY-VI") & (obs.period == "2016")].empty
    assert set(obs.region) == {"BY-VI"}
    text = " ".join(map(str, res.warnings))
    assert "BY-VI 2016: not summed" in text and "г. Витебск" in text and "BY-MA 2015: not summed" in text


def test_other_dimensions_total_members_kept_and_age_groups_summed() -> None:
    obs = load_file(FIX / "population_10101100003_2024-2025.json").observations
    # both sexes, all localities; the two age groups summed: 50,000 + 55,500 persons = 105.5 thous.
    assert _v(obs, "BY-VI", "2024") == pytest.approx(105.5)
    assert _v(obs, "BY-VI", "2025") == pytest.approx(102.0)
    assert set(obs.indicator) == {"population_jan1"} and set(obs.status) == {"derived"}


def test_code_from_table_name_and_unit_required_where_not_checked(tmp_path: Path) -> None:
    path = FIX / "grp_no_code_in_name.json"
    with pytest.raises(LoaderError, match=r"grp_no_code_in_name.json: the portal's JSON does not state the unit "
                                          r"of indicator 10202100048.*Fix: pass unit="):
        load_file(path)
    obs = load_file(path, unit="mln {cur}").observations
    assert obs.iloc[0][["region", "indicator", "period", "unit", "currency"]].tolist() == [
        "BY-VI", "grp", "2023", "mln BYN", "BYN"]
    assert obs.iloc[0].value == pytest.approx(19500.0)


@pytest.mark.parametrize(("content", "message"), [
    ("wage_10218000003_text_in_number.json",
     r"row 1, column 2021 \(tableRows\[0\]\): 'много' is not a number"),
])
def test_bad_cells_named(content: str, message: str) -> None:
    with pytest.raises(LoaderError, match=message):
        load_file(FIX / content)


def test_bad_structures(tmp_path: Path) -> None:
    unknown = tmp_path / "x_10207000004_2012.json"
    unknown.write_text(json.dumps({"tableName": "Производство электроэнергии", "tableHeader": [["2012"]],
                                   "tableHeaderDimColumns": ["Территория"],
                                   "tableRows": [[{"value": "Республика Беларусь", "level": 0},
                                                  {"value": "1", "level": 0}]]}), encoding="utf-8")
    with pytest.raises(LoaderError, match=r"the Belstat indicator '10207000004' is not one regint maps.*Fix: pass "
                                          r"code= with one of"):
        load_file(unknown)
    short = tmp_path / "w_10218000003.json"
    short.write_text(json.dumps({"tableName": "x", "tableHeader": [["2020", "2021"]],
                                 "tableHeaderDimColumns": ["Территория"],
                                 "tableRows": [[{"value": "Витебская область", "level": 1}, {"value": "1"}]]}),
                     encoding="utf-8")
    with pytest.raises(LoaderError, match=r"row 1: tableRows\[0\] has 2 cells; 1 dimensions and 2 periods"):
        load_file(short)
    broken = tmp_path / "b_10218000003.json"
    broken.write_text('{"tableRows": [', encoding="utf-8")
    with pytest.raises(LoaderError, match="not valid JSON"):
        load_file(broken, format="belstat_portal")


# --- the real exports ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw(sources: Path) -> Path:
    path = sources / "belstat_dataportal" / "raw"
    if not path.is_dir():
        pytest.skip("belstat_dataportal/raw is not in ../shared")
    return path


def test_real_wages(raw: Path) -> None:
    old = load_file(raw / "wages__wage_10218000003_2010-2019.json").observations
    new = load_file(raw / "wages__wage_10218000003_2020-2026.json").observations
    # Belarus 2015: 6,714,997 old roubles = 671.50 BYN, Belstat's figure in new roubles (PROVENANCE check)
    assert _v(old, "BY", "2015") == pytest.approx(671.4997)
    # Belstat portal registry: Belarus 2020 = 1 254,6; 2024 = 2 288,6; 2025 = 2 679,7 BYN
    assert [_v(new, "BY", y) for y in ("2020", "2024", "2025")] == pytest.approx([1254.6, 2288.6, 2679.7])
    assert _v(new, "BY-VI", "2024") == pytest.approx(1899.6)
    assert set(old.region) == set(new.region) == {"BY", "BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-HM", "BY-MI",
                                                  "BY-MA"}
    assert new[new.period == "2026"].empty  # no annual 2026 yet


def test_real_grp_per_capita_and_population(raw: Path) -> None:
    grp = pd.concat([load_file(raw / f"wages__grp_pc_10202100055_{s}.json").observations
                     for s in ("2010-2019", "2020-2026")])
    # Vitebsk 2019: 8,732.7 BYN (the figure that contradicts press_facts2 P24, PROVENANCE)
    assert _v(grp, "BY-VI", "2019") == pytest.approx(8732.7)
    assert sorted(grp.loc[grp.region == "BY-VI", "period"]) == [str(y) for y in range(2016, 2025)]
    pop = load_file(raw / "age_current__dataportal_age5_2019-2026.json").observations
    # population on 1 January, sums of Belstat's age groups = Belstat's published totals: Vitebsk 2022
    # 1,103,833 (press_facts F15), 2024 1,081,911 (press_facts2 P02), 2025 1,072,063 (press_facts3 Q51)
    assert [_v(pop, "BY-VI", y) for y in ("2022", "2024", "2025")] == pytest.approx([1103.833, 1081.911, 1072.063])


def test_real_employment_sum_of_raions_reproduces_belstat_oblast_totals(raw: Path, sources: Path) -> None:
    summed = load_file(raw / "wages__empl_person_10102000017_2010-2019.json").observations
    stranoved = load_file(sources / "belstat_stranoved" / "data.json").observations
    totals = stranoved[(stranoved.indicator == "employment") & stranoved.period.isin([str(y) for y in
                                                                                      range(2010, 2016)])]
    compared = 0
    for t in totals[totals.region.isin(["BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-MI", "BY-MA"])].itertuples():
        # Belstat's oblast totals (thous., Stranoved) against the sum of the portal's raions and cities
        assert _v(summed, t.region, t.period) == pytest.approx(t.value, rel=1e-3), (t.region, t.period)
        compared += 1
    assert compared == 36
    assert _v(summed, "BY-VI", "2014") == pytest.approx(536.346, abs=0.05)  # 536.3 in Belstat's total
