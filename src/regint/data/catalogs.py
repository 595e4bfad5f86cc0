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
    """The indicator catalog: code, names (ru, en), units (``unit`` in English, ``unit_ru``), whether monetary,
    definition, fedstat/Belstat ids."""
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


#: Russian forms of units that observations carry beside the catalog's own (``unit``/``unit_ru`` columns): units
#: of the loaders, of World Bank series and of values regint derives (``USD per month``).
_UNITS_RU: dict[str, str] = {
    "RUB": "руб.", "thous. RUB": "тыс. руб.", "mln RUB": "млн руб.", "bln RUB": "млрд руб.", "bn RUB": "млрд руб.",
    "BYN": "бел. руб.", "mln BYN": "млн бел. руб.", "bn BYN": "млрд бел. руб.", "mln BYR": "млн бел. руб. (до 2016 г.)",
    "USD": "долл. США", "thous. USD": "тыс. долл. США", "mln USD": "млн долл. США", "bn USD": "млрд долл. США",
    "bln USD": "млрд долл. США", "EUR": "евро",
    "RUB per month": "руб. в месяц", "BYN per month": "бел. руб. в месяц", "USD per month": "долл. США в месяц",
    "RUB per USD": "руб. за 1 долл. США", "BYN per USD": "бел. руб. за 1 долл. США", "RUB per 1 BYN": "руб. за 1 бел. руб.",
    "RUB per EUR": "руб. за 1 евро", "old BYR per new BYN": "старых бел. руб. за 1 новый",
    "LCU per US$, period average": "нац. валюты за 1 долл. США, в среднем за период",
    "LCU per international $": "нац. валюты за 1 международный доллар",
    "current US$": "долл. США в текущих ценах", "current international $": "международные доллары в текущих ценах",
    "annual %": "% в год", "% y/y": "% к предыдущему году", "% change y/y": "изменение к предыдущему году, %",
    "% growth": "прирост, %", "% (to December of previous year)": "% (к декабрю предыдущего года)",
    "% of the same period of previous year": "% к соответствующему периоду предыдущего года",
    "% of the same period of the previous year": "% к соответствующему периоду предыдущего года",
    "% of Belarus GDP": "% ВВП Беларуси", "% of BY turnover": "% товарооборота Беларуси",
    "% of national industrial output": "% промышленного производства страны",
    "% of oblast foreign trade turnover": "% внешнеторгового оборота области",
    "persons": "чел.", "thous. persons": "тыс. чел.", "jobs": "рабочих мест", "index": "индекс",
    "points": "баллы", "ratio": "отношение", "years": "лет", "share": "доля",
}
_PER_RU = {"per month": "в месяц", "per year": "в год", "per capita": "на душу населения"}


@lru_cache(maxsize=1)
def _unit_table() -> dict[str, str]:
    cat = indicators()
    table = dict(_UNITS_RU)
    if "unit_ru" in cat.columns:
        table |= {str(u): str(r) for u, r in zip(cat["unit"], cat["unit_ru"], strict=True) if u and r}
    return table


def unit_text(unit: object, lang: str) -> str:
    """A unit in ``lang``: English as stored, Russian from the catalog's ``unit_ru`` and the units of the loaders
    (``"thous. persons"`` → ``"тыс. чел."``, ``"USD per month"`` → ``"долл. США в месяц"``).

    A unit regint does not know stays as it is (a code or a unit of the user's file).
    """
    text = "" if unit is None or (isinstance(unit, float) and unit != unit) else str(unit).strip()
    if lang != "ru" or not text:
        return text
    table = _unit_table()
    if text in table:
        return table[text]
    for en, ru in _PER_RU.items():  # "<unit> per month" → "<единица> в месяц"
        head = text.removesuffix(" " + en)
        if head != text and head in table:
            return f"{table[head]} {ru}"
    return text


def indicator_unit(code: str, lang: str) -> str:
    """The catalog unit of an indicator in ``lang`` (``unit`` or ``unit_ru``); ``""`` when not catalogued."""
    try:
        info = indicator_info(code)
    except CatalogError:
        return ""
    if lang == "ru" and str(info.get("unit_ru", "") or ""):
        return str(info["unit_ru"])
    return str(info["unit"])


@lru_cache(maxsize=1)
def sources() -> pd.DataFrame:
    """The source catalog: id, citation (ru, en), address, licence, status, caveats."""
    frame = pd.read_csv(package_data("data", "catalogs", "sources.csv"), dtype=str, keep_default_na=False)
    return frame.set_index("id", drop=False)
