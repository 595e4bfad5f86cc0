"""The shipped register of institutional ties and the EDB barometer figures (press-facts quotes layout)."""

from __future__ import annotations

from regint.data.ties import read_subjective_facts, ties_register


def test_register_rows_carry_address_quote_and_secondary_status() -> None:
    obs, counts, warnings = read_subjective_facts()
    assert warnings == []
    assert set(obs["status"]) == {"secondary"}
    assert set(obs["source"]) == {"ties_register", "edb_barometer"}
    reg = ties_register(obs)
    e = reg.entries
    assert len(e) == counts["(package) subjective/ties_register.csv"]
    assert e["url"].str.startswith("http").all() and (e["quote"].str.len() > 20).all()
    assert e["period"].is_monotonic_increasing
    assert reg.oldest(1)["id"].iloc[0] == "T01" and len(reg.newest()) == 10
    assert "Ten oldest" in reg.summary() and reg.gaps


def test_barometer_keeps_the_two_questions_apart() -> None:
    obs, _, _ = read_subjective_facts()
    bar = obs[obs["indicator"].str.startswith("press_edb_")]
    by = bar[(bar["region"] == "BY") & (bar["indicator"] == "press_edb_support_eaeu")].set_index("period")["value"]
    assert by.to_dict() == {"2015": 60.0, "2016": 63.0, "2017": 56.0}
    assert "EDB Integration Barometer 2016" in bar.loc[bar["location"] == "B05", "note"].iloc[0]
