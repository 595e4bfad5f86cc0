"""Structure indicators: REAT / textbook examples and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.errors import OptionError
from regint.indicators import structure

positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)

# Krumme, G. "Shift & Share Table with Excel Explanations", Geography 350, University of Washington
# (faculty.washington.edu/krumme/350/ssexcel.html): region "Holukuluku", four industries, 1985 -> 1995.
# National structure 1985 (%) 10/20/40/30 and national growth 10/20/30/40 % (29 % in total).
HOLU_BASE = pd.Series({"I": 500.0, "II": 100.0, "III": 200.0, "IV": 200.0})
HOLU_END = pd.Series({"I": 1000.0, "II": 100.0, "III": 250.0, "IV": 280.0})
NAT_BASE = pd.Series({"I": 10.0, "II": 20.0, "III": 40.0, "IV": 30.0})
NAT_END = NAT_BASE * pd.Series({"I": 1.10, "II": 1.20, "III": 1.30, "IV": 1.40})


def test_krugman_reat_example():
    # REAT krugman.spec documented example (after Farhauer & Kroell 2013): no industry in common -> K = 2.
    assert structure.krugman_specialisation([20, 10, 70, 0, 0], [0, 0, 0, 60, 40]) == pytest.approx(2.0)
    assert structure.krugman_specialisation([1, 1], [1, 3]) == pytest.approx(0.5)


def test_location_quotients_krumme_table():
    # Same source, column "Loc Quot" 1985: 5, 0.5, 0.5, .667
    lq = structure.location_quotient(HOLU_BASE, NAT_BASE)
    assert lq.tolist() == pytest.approx([5.0, 0.5, 0.5, 2 / 3])
    frame = structure.location_quotient(pd.DataFrame([HOLU_BASE, NAT_BASE], index=["holu", "nation"]), NAT_BASE)
    assert frame.loc["nation"].tolist() == pytest.approx([1.0] * 4)


def test_shift_share_krumme_example():
    # Krumme: regional growth 630 = national growth effect 290 + industry mix ("composition") -80
    # + regional ("differential") 420; per industry mix -95, -9, 2, 22 and differential 450, -20, -10, 0
    # (the page prints the magnitudes; the signs follow from expected employment 550/120/260/280 vs 645/129/258/258).
    res = structure.shift_share(HOLU_BASE, HOLU_END, NAT_BASE, NAT_END)
    t = res.totals
    assert res.national_rate == pytest.approx(0.29)
    assert t["change"] == pytest.approx(630)
    assert t["national_growth"] == pytest.approx(290)
    assert t["industry_mix"] == pytest.approx(-80)
    assert t["competitive"] == pytest.approx(420)
    assert res.table["industry_mix"].tolist() == pytest.approx([-95, -9, 2, 22])
    assert res.table["competitive"].tolist() == pytest.approx([450, -20, -10, 0])
    assert "national growth" in res.summary()
    assert res.to_frame().loc["total", "change"] == pytest.approx(630)


@settings(max_examples=50, deadline=None)
@given(arrays(float, 4, elements=positive), arrays(float, 4, elements=positive),
       arrays(float, 4, elements=positive), arrays(float, 4, elements=positive))
def test_shift_share_components_sum_to_change(rb, re_, nb, ne):
    res = structure.shift_share(rb, re_, nb, ne)
    parts = res.table[["national_growth", "industry_mix", "competitive"]].sum(axis=1)
    scale = float(res.table[["base", "end", "national_growth", "industry_mix"]].abs().to_numpy().max())
    np.testing.assert_allclose(parts, res.table["change"], rtol=0, atol=1e-9 * scale)


@settings(max_examples=50, deadline=None)
@given(arrays(float, 6, elements=positive), st.floats(min_value=1e-3, max_value=1e3))
def test_similarity_of_a_structure_with_itself_is_one(x, scale):
    assert structure.structural_similarity(x, x * scale) == pytest.approx(1.0)
    if np.ptp(x) > 1e-6 * x.max():
        assert structure.structural_similarity(x, x * scale, method="correlation") == pytest.approx(1.0)
    assert structure.krugman_specialisation(x, x * scale) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(arrays(float, 5, elements=positive), arrays(float, 5, elements=positive))
def test_krugman_and_cosine_ranges(a, b):
    assert -1e-12 <= structure.krugman_specialisation(a, b) <= 2 + 1e-12
    assert 0 <= structure.structural_similarity(a, b) <= 1


def test_similarity_hand_example_and_option_check():
    # shares (1, 0) and (0.5, 0.5): cosine = 0.5 / sqrt(0.5) = 0.7071
    assert structure.structural_similarity([1, 0], [1, 1]) == pytest.approx(np.sqrt(0.5))
    with pytest.raises(OptionError, match=r"method must be one of \{'cosine', 'correlation'\}; got 'dot'"):
        structure.structural_similarity([1, 0], [1, 1], method="dot")  # type: ignore[arg-type]
