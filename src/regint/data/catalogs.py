"""The bilingual catalogs of regions, indicators and sources shipped as data files in the package.

Region names from statistical files are matched after :func:`normalise_name` (case, ё/е, Latin look-alike
letters, footnote digits, dashes and spaces), against the catalog names and aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from regint._paths import package_data
from regint.errors import CatalogError

_LATIN_LOOKALIKES = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
    "h": "н", "b": "в",
})
_FOOTNOTE = re.compile(r"(\s*\d+\)?)+$")


def normalise_name(name: str) -> str:
    """A matching key for a region name as printed: ``"Бpянская область 2)"`` → ``"брянскаяобласть"``.

    Lower-cases, maps ё to е, maps Latin look-alikes inside Cyrillic words to Cyrillic, drops footnote digits
    glued to the end, and removes spaces, dashes, dots and brackets.
    """
    text = str(name).strip().lower().replace("ё", "е")
    text = _FOOTNOTE.sub("", text)
    if re.search("[а-я]", text):
        text = text.translate(_LATIN_LOOKALIKES)
    return re.sub(r"[\s\-–—.,()«»\"'*]+", "", text)


@lru_cache(maxsize=1)
def regions() -> pd.DataFrame:
    """The region catalog: code, country, level, names (ru, en), OKATO and Belstat codes, centroid, neighbours."""
    frame = pd.read_csv(package_data("data", "catalogs", "regions.csv"), dtype=str, keep_default_na=False)
    return frame.set_index("code", drop=False)


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in regions().itertuples():
        names = [row.name_ru, row.name_en, row.code] + [a for a in row.aliases_ru.split(";") if a]
        for n in names:
            index.setdefault(normalise_name(n), row.code)
    return index


def resolve_region(name: str) -> str | None:
    """The catalog code of a region name as printed in a statistical file, or ``None`` when unknown."""
    key = normalise_name(name)
    if not key:
        return None
    code = _name_index().get(key)
    if code is None and key.upper() in regions().index:
        return key.upper()
    return code


def region_name(code: str, lang: str = "en") -> str:
    """The name of a region in ``lang`` (``en`` or ``ru``)."""
    try:
        return str(regions().at[code, f"name_{lang}"])
    except KeyError as exc:
        raise CatalogError(f"unknown region code {code!r}. Fix: use a code listed by `regint data regions`.") from exc


def check_regions(codes: list[str] | tuple[str, ...]) -> list[str]:
    """Upper-case and validate region codes; raise :class:`CatalogError` naming the unknown ones."""
    known = set(regions().index)
    out = [c.strip().upper() if c.strip().upper() in known else c.strip() for c in codes]
    unknown = [c for c in out if c not in known and not re.fullmatch(r"[A-Z]{3}", c)]
    if unknown:
        raise CatalogError(
            f"unknown region code(s) {unknown}. Fix: use ISO 3166-2 codes such as RU-SMO, BY-VI, RU, BY."
        )
    return out


@lru_cache(maxsize=1)
def indicators() -> pd.DataFrame:
    """The indicator catalog: code, names (ru, en), unit, whether monetary, definition, fedstat/Belstat ids."""
    frame = pd.read_csv(package_data("data", "catalogs", "indicators.csv"), dtype=str, keep_default_na=False)
    return frame.set_index("code", drop=False)


def indicator_info(code: str) -> pd.Series:
    """Catalog row of an indicator; codes ``grp_structure_<activity>`` resolve to ``grp_structure``."""
    cat = indicators()
    if code in cat.index:
        return cat.loc[code]
    base = re.sub(r"_[A-Za-z0-9]+$", "", code)
    if code.startswith("grp_structure_") and "grp_structure" in cat.index:
        return cat.loc["grp_structure"]
    if base in cat.index:
        return cat.loc[base]
    raise CatalogError(f"unknown indicator {code!r}. Fix: see `regint data list` for the catalog.")


@lru_cache(maxsize=1)
def sources() -> pd.DataFrame:
    """The source catalog: id, citation (ru, en), address, licence, status, caveats."""
    frame = pd.read_csv(package_data("data", "catalogs", "sources.csv"), dtype=str, keep_default_na=False)
    return frame.set_index("id", drop=False)
