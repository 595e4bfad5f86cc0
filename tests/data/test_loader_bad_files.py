"""Every file in tests/fixtures/bad either loads or raises LoaderError (never another exception)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data.loaders import LoadResult, load_file
from regint.errors import LoaderError

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
FILES = sorted(p for p in BAD.iterdir() if p.name != "README.md")


def test_corpus_is_large_enough():
    assert len(FILES) >= 12


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_bad_file_loads_or_raises_loader_error(path):
    try:
        result = load_file(path)
    except LoaderError as exc:
        message = str(exc)
        assert path.name in message and "Fix:" in message
    else:
        assert isinstance(result, LoadResult) and len(result) > 0
