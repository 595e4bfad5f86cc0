"""One computation, many views: a report in two languages reads the store once and runs each model once."""

from __future__ import annotations

from collections import Counter


def test_report_in_both_languages_computes_each_result_once(build_calls: Counter[str]) -> None:
    # one panel build for the whole report (both languages)
    assert build_calls["Store.panel"] == 1
    # one input-output analysis of the pair (both regions' models), shared by the IO section and the scenarios
    assert build_calls["pair_io_analysis"] == 1
    # one directions ranking (names relabelled per language, numbers shared)
    assert build_calls["rank_directions"] == 1
    # one index (with its Monte Carlo)
    assert build_calls["build_pair_index"] == 1
