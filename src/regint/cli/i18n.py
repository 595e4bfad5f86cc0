"""Messages of the command line in English and Russian (``--lang`` or ``REGINT_LANG``)."""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "imported": {"en": "imported", "ru": "импортировано"},
    "unchanged": {"en": "already imported (same checksum); nothing changed",
                  "ru": "уже импортирован (та же контрольная сумма); ничего не изменено"},
    "warnings": {"en": "Warnings (look at these)", "ru": "Предупреждения (проверьте)"},
    "error": {"en": "Error", "ru": "Ошибка"},
    "no_data": {"en": "No data for this selection.", "ru": "Нет данных для этой выборки."},
    "breaks": {"en": "Series breaks that touch these values", "ru": "Разрывы рядов, затрагивающие эти значения"},
    "written": {"en": "written", "ru": "записано"},
    "region": {"en": "region", "ru": "регион"},
    "indicator": {"en": "indicator", "ru": "показатель"},
    "period": {"en": "period", "ru": "период"},
    "value": {"en": "value", "ru": "значение"},
    "unit": {"en": "unit", "ru": "единица"},
    "source": {"en": "source", "ru": "источник"},
    "status": {"en": "status", "ru": "статус"},
    "vintage": {"en": "vintage", "ru": "версия"},
    "where": {"en": "file / location", "ru": "файл / место"},
    "years": {"en": "years covered", "ru": "годы"},
    "missing": {"en": "missing years", "ru": "пропущенные годы"},
    "store_unchanged": {"en": "The store is unchanged.", "ru": "Хранилище не изменено."},
}


def lang() -> str:
    """The language chosen by ``REGINT_LANG`` (``en`` default, ``ru``)."""
    value = os.environ.get("REGINT_LANG", "en").lower()
    return "ru" if value.startswith("ru") else "en"


def t(key: str) -> str:
    """The message ``key`` in the current language."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry[lang()]
