"""The office cases of the bad-input corpus that only the store can judge: conflicting values across two imports,
periods after the current year and implausible values (tests/fixtures/bad/README.md)."""

from __future__ import annotations

from pathlib import Path

from regint.data.store import Store

BAD = Path(__file__).parents[1] / "fixtures" / "bad"


def _classes() -> int:
    """Files in the corpus, the conflicting pair counted once."""
    files = [p for p in BAD.iterdir() if p.name != "README.md"]
    return len(files) - sum(1 for p in files if p.name.startswith("tidy_conflict_")) + 1


def test_corpus_has_at_least_40_classes() -> None:
    assert _classes() >= 40


def test_conflicting_values_across_two_imports(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb", fill_default=False) as st:
        st.import_file(BAD / "tidy_conflict_first.csv")
        later = st.import_file(BAD / "tidy_conflict_later.csv")
        assert st.panel(["wage_nominal"], ["RU-SMO"])["value"].tolist() == [25800.0]  # the later vintage wins
        assert [w for w in later.warnings if "25000 in import #1 becomes 25800" in w]  # the conflict is listed
        assert "becomes 25800" in st.imports()["warnings"].iloc[1]


def test_future_and_implausible_values_warn(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb", fill_default=False) as st:
        future = st.import_file(BAD / "tidy_future_period.csv")
        odd = st.import_file(BAD / "tidy_implausible_values.csv")
    assert any("period 2030 is after the current year" in w for w in future.warnings)
    assert sum("outside the plausible range" in w for w in odd.warnings) == 2
