"""Words of the maps in English and Russian, number formatting, and region names from the catalog."""

from __future__ import annotations

import math
from typing import Literal

from regint._options import check_option
from regint.data.catalogs import region_name, sources

Lang = Literal["ru", "en"]
LANGS: tuple[str, ...] = ("ru", "en")

TEXT: dict[str, dict[str, str]] = {
    "no_data": {"en": "no data", "ru": "нет данных"},
    "source": {"en": "Source", "ru": "Источник"},
    "boundaries": {"en": "Boundaries: Natural Earth (public domain)",
                   "ru": "Границы: Natural Earth (общественное достояние)"},
    "places": {"en": "Cities: GeoNames (CC BY 4.0)", "ru": "Города: GeoNames (CC BY 4.0)"},
    "projection": {"en": "Lambert conformal conic projection, standard parallels 52° and 58° N, 31° E",
                   "ru": "Равноугольная коническая проекция Ламберта, стандартные параллели 52° и 58° с. ш., 31° в. д."},
    "state_border": {"en": "state border", "ru": "государственная граница"},
    "pair": {"en": "Smolensk Oblast and Vitebsk Region", "ru": "Смоленская и Витебская области"},
    "border_regions": {"en": "other regions on the Russia–Belarus border",
                       "ru": "другие регионы на границе России и Беларуси"},
    "other_ru": {"en": "other regions of Russia", "ru": "другие регионы России"},
    "other_by": {"en": "other regions of Belarus", "ru": "другие области Беларуси"},
    "city": {"en": "city", "ru": "город"},
    "city_big": {"en": "city, 300,000 inhabitants or more", "ru": "город с населением от 300\u00a0тыс.\u00a0чел."},
    "city_small": {"en": "city, fewer than 300,000 inhabitants", "ru": "город с населением менее 300\u00a0тыс.\u00a0чел."},
    "crossing": {"en": "M1/E30 border crossing (position schematic)",
                 "ru": "пункт пропуска на М1/E30 (положение схематично)"},
    "road": {"en": "M1/E30 road (schematic)", "ru": "автодорога М1/E30 (схема)"},
    "rail": {"en": "regional rail link (schematic)", "ru": "региональное ж/д сообщение (схема)"},
    "locator_title": {"en": "Smolensk Oblast and Vitebsk Region in the Russia–Belarus border area",
                      "ru": "Смоленская и Витебская области в приграничье России и Беларуси"},
    "value": {"en": "value", "ru": "значение"},
    "year": {"en": "year", "ru": "год"},
    "status": {"en": "status", "ru": "статус"},
    "unit": {"en": "unit", "ru": "единица"},
    "interval": {"en": "interval", "ru": "интервал"},
    "example": {"en": "EXAMPLE VALUES, not data", "ru": "УСЛОВНЫЕ ЗНАЧЕНИЯ, не данные"},
    "km": {"en": "km", "ru": "км"},
    "flow": {"en": "flow", "ru": "поток"},
    "change": {"en": "change", "ru": "изменение"},
    "pairs_title": {"en": "Union State border pairs", "ru": "Приграничные пары регионов Союзного государства"},
    "flows_title": {"en": "Links between regions", "ru": "Связи между регионами"},
    "scenario_title": {"en": "Scenario: change by region", "ru": "Сценарий: изменение по регионам"},
    "no_year": {"en": "no data for this year", "ru": "нет данных за этот год"},
    "flows_note": {"en": "Lines curve to the right of their direction; arrows point to the destination.",
                   "ru": "Линии изгибаются вправо по направлению потока; стрелка указывает на получателя."},
}

STATUS: dict[str, dict[str, str]] = {
    "official": {"en": "official", "ru": "официальные"},
    "secondary": {"en": "secondary", "ru": "вторичные"},
    "derived": {"en": "derived", "ru": "расчётные"},
    "estimate": {"en": "estimate", "ru": "оценка"},
}

COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "RU": {"en": "RUSSIA", "ru": "РОССИЯ"}, "BY": {"en": "BELARUS", "ru": "БЕЛАРУСЬ"},
    "UA": {"en": "UKRAINE", "ru": "УКРАИНА"}, "PL": {"en": "POLAND", "ru": "ПОЛЬША"},
    "LT": {"en": "LITHUANIA", "ru": "ЛИТВА"}, "LV": {"en": "LATVIA", "ru": "ЛАТВИЯ"},
    "EE": {"en": "ESTONIA", "ru": "ЭСТОНИЯ"}, "FI": {"en": "FINLAND", "ru": "ФИНЛЯНДИЯ"},
}

_TYPE_WORDS = ("Oblast", "Region", "Krai", "область", "край")


def check_lang(lang: str) -> Lang:
    """Validate ``lang`` (``"ru"`` or ``"en"``)."""
    check_option("lang", lang, LANGS)
    return "ru" if lang == "ru" else "en"


def text(key: str, lang: Lang) -> str:
    """The word or phrase ``key`` in ``lang``."""
    return TEXT[key][lang]


def status_text(status: str, lang: Lang) -> str:
    """An observation status in ``lang`` (unknown statuses are shown as given)."""
    return STATUS.get(str(status), {}).get(lang, str(status))


def region_label(code: str, lang: Lang) -> str:
    """The catalog name of a region for a map label: the type word on a second line ("Smolensk\\nOblast")."""
    name = region_name(code, lang)
    for word in _TYPE_WORDS:
        if name.endswith(" " + word):
            return name[: -len(word) - 1] + "\n" + word
    return name


def source_name(source_id: str, lang: Lang) -> str:
    """The short name of a source from the source catalog, or the id itself when it is not catalogued."""
    cat = sources()
    if source_id in cat.index:
        return str(cat.at[source_id, f"name_{lang}"])
    return str(source_id)


def fmt_number(value: float, lang: Lang, decimals: int | None = None) -> str:
    """A number for a map: thousands separated (``,`` in English, a narrow space in Russian), decimal point
    in English, decimal comma in Russian. ``decimals`` defaults to what three significant digits need."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text("no_data", lang)
    if decimals is None:
        decimals = auto_decimals(abs(value))
    out = f"{value:,.{decimals}f}"
    if lang == "ru":
        out = out.replace(",", "\u202f").replace(".", ",")
    out = out.replace("-", "−")
    return out


def auto_decimals(scale: float, significant: int = 3) -> int:
    """Decimals that show ``significant`` digits of a number of magnitude ``scale`` (0 for scale ≥ 100)."""
    if scale == 0 or not math.isfinite(scale):
        return 0
    return max(0, significant - 1 - math.floor(math.log10(abs(scale))))
