"""The register of the pair's institutional ties and the public-attitude figures that ship with regint.

Two hand-transcribed files in the press-facts *quotes* layout live in the package
(``src/regint/data/shipped/subjective/``) rather than in the shared research folder, because regint's own
search of public pages produced them:

- ``ties_register.csv`` (source ``ties_register``): agreements, municipal ties, forums, official visits, border
  crossings and firms with capital of the other side, one row per dated entry, indicator ``tie_<kind>``
  (loaded as ``press_tie_<kind>``); the note carries ``kind``, ``scope`` (``pair`` = Smolensk–Vitebsk,
  else Smolensk oblast–Belarus), the partner and what the date means (signed, held, reported, announced);
- ``edb_barometer.csv`` (source ``edb_barometer``): the EDB Integration Barometer's shares of supporters of
  integration in Russia and Belarus by year, as published (``press_edb_*``).

Both are read by :mod:`regint.data.loaders.press` (every value status ``secondary``, the URL and the verbatim
quote in its note). :func:`read_subjective_facts` is the hook the shipped-data build calls;
:func:`ties_register` turns observations (from the build or from a store) into a dated register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint._i18n_names import pair_genitive
from regint._paths import package_data
from regint.data.loaders import press
from regint.data.schema import make_observations

#: (file name in ``shipped/subjective``, source id).
SUBJECTIVE_FILES: tuple[tuple[str, str], ...] = (
    ("ties_register.csv", "ties_register"),
    ("edb_barometer.csv", "edb_barometer"),
)
TIE_PREFIX = "press_tie_"
BAROMETER_PREFIX = "press_edb_"
REGISTER_COLUMNS = ("id", "period", "region", "kind", "scope", "partner", "value", "unit", "flagged", "source_site",
                    "quote", "url")


def read_subjective_facts() -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """Load the shipped subjective-factor files: observations, counts per file and loader warnings.

    The shipped-data build (:func:`regint.data.build.build_default`) adds the observations to the panel.
    """
    frames, counts, warnings = [], {}, []
    for name, source in SUBJECTIVE_FILES:
        path = package_data("data", "shipped", "subjective", name)
        result = press.load(path, source=source)
        counts[f"(package) subjective/{name}"] = len(result.observations)
        warnings += [f"(package) subjective/{name}: {w}" for w in result.warnings]
        frames.append(result.observations)
    return make_observations(pd.concat(frames, ignore_index=True)), counts, warnings


def _field(note: str, name: str) -> str:
    m = re.search(rf"(?:^|; ){name}: ([^;]*)", note)
    return m.group(1).strip() if m else ""


def _quote(note: str) -> str:
    m = re.search("quote: \u00ab(.*)\u00bb", note, flags=re.S)
    return m.group(1) if m else ""


def _url(note: str) -> str:
    m = re.search(r"(https?://\S+)$", note.strip())
    return m.group(1) if m else ""


@dataclass(frozen=True)
class TiesRegister:
    """The dated register of institutional ties.

    Attributes
    ----------
    entries : DataFrame
        One row per entry, oldest first, columns :data:`REGISTER_COLUMNS`; ``period`` is the date as far as the
        source gives it (year, month); ``flagged`` marks entries whose date is uncertain.
    gaps : tuple of str
        What was looked for and not found.
    pair : (str, str)
        The pair whose ties the entries of scope ``pair`` are: the shipped register was searched for Smolensk
        oblast (its ties with Vitebsk oblast, and with Belarus at large), i.e. the default pair.
    """

    entries: pd.DataFrame
    gaps: tuple[str, ...] = field(default_factory=tuple)
    pair: tuple[str, str] = DEFAULT_PAIR

    def covers(self, pair: tuple[str, str]) -> bool:
        """Whether the register was searched for ``pair`` (otherwise its ties are a gap)."""
        return tuple(pair) == tuple(self.pair)

    def pair_entries(self, pair: tuple[str, str]) -> pd.DataFrame:
        """The entries between the two regions of ``pair`` (none when the register was not searched for it)."""
        e = self.entries
        return e[e["scope"] == "pair"].reset_index(drop=True) if self.covers(pair) else e.iloc[0:0].copy()

    def gap_note(self, pair: tuple[str, str]) -> str:
        """Why ``pair`` has no register entries (empty when it is covered)."""
        if self.covers(pair):
            return ""
        return (f"not searched: the shipped register holds the ties of {pair_genitive(*self.pair, 'en')} only; "
                f"the ties of {pair_genitive(*pair, 'en')} are a gap")

    @property
    def by_source(self) -> pd.Series:
        """Number of dated entries per web site."""
        return self.entries["source_site"].value_counts().sort_index()

    def oldest(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` oldest entries."""
        return self.entries.head(n)

    def newest(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` newest entries (newest first)."""
        return self.entries.iloc[::-1].head(n)

    def to_frame(self) -> pd.DataFrame:
        """The entries (a copy)."""
        return self.entries.copy()

    def summary(self) -> str:
        """Counts by source, scope and kind; the ten oldest and ten newest; the gaps."""
        e = self.entries
        if e.empty:
            return "Register of institutional ties: no entries loaded."
        lines = [f"Register of institutional ties: {len(e)} dated entries from {e['source_site'].nunique()} sources "
                 f"({int((e['scope'] == 'pair').sum())} between {pair_genitive(*self.pair, 'en')}, "
                 f"{int(e['flagged'].sum())} with an uncertain date), {e['period'].min()}–{e['period'].max()}."]
        lines += ["By source:"] + [f"  {site}: {n}" for site, n in self.by_source.items()]

        def row(r: pd.Series) -> str:
            return f"  {r['period']:<8} {r['id']:<4} {r['kind'].split(' (')[0]} ({r['partner'] or r['scope']})"
        lines += ["Ten oldest:"] + [row(r) for _, r in self.oldest().iterrows()]
        lines += ["Ten newest:"] + [row(r) for _, r in self.newest().iterrows()]
        lines += ["Not found:"] + [f"  {g}" for g in self.gaps]
        return "\n".join(lines)


#: What the search of the stored public pages did not find (kept as gaps, never filled).
REGISTER_GAPS: tuple[str, ...] = (
    "the date of the agreement between the Smolensk oblast administration and the Vitebsk oblast executive "
    "committee itself (its plan of measures of 21 October 2011 was found), later plans, and the share of any plan's "
    "measures carried out",
    "the date of the Smolensk–Vitebsk twin-town agreement (the city of Smolensk lists Vitebsk as a twin town)",
    "the opening dates of the road and rail crossings other than Krasnaya Gorka (M1)",
    "a count of firms with Belarusian capital in Smolensk oblast after 2012 (2025: firms with trade relations only)",
    "a count of Vitebsk oblast's agreements with Smolensk oblast (the Smolensk side reports 46 with Belarus)",
)


def ties_register(obs: pd.DataFrame) -> TiesRegister:
    """The register from observations: every ``press_tie_*`` value with its date, kind, scope and citation.

    Parameters
    ----------
    obs : DataFrame
        Observations (schema of :mod:`regint.data.schema`), e.g. :func:`read_subjective_facts` or a panel.
    """
    sel = obs[obs["indicator"].astype(str).str.startswith(TIE_PREFIX)]
    rows = []
    for _, r in sel.iterrows():
        note = str(r["note"])
        url = _url(note)
        rows.append({
            "id": str(r["location"]), "period": str(r["period"]), "region": str(r["region"]),
            "kind": _field(note, "kind") or str(r["indicator"])[len(TIE_PREFIX):],
            "scope": "pair" if _field(note, "scope").startswith("pair") else "Smolensk oblast - Belarus",
            "partner": _field(note, "partner"), "value": float(r["value"]), "unit": str(r["unit"]),
            "flagged": note.startswith("FLAGGED"), "source_site": urlparse(url).netloc.removeprefix("www."),
            "quote": _quote(note), "url": url,
        })
    entries = pd.DataFrame(rows, columns=list(REGISTER_COLUMNS))
    entries = entries.sort_values(["period", "id"], kind="stable").reset_index(drop=True)
    return TiesRegister(entries, REGISTER_GAPS)


__all__ = ["REGISTER_GAPS", "SUBJECTIVE_FILES", "TiesRegister", "read_subjective_facts", "ties_register"]
