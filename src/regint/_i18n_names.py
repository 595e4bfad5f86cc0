"""Russian case forms of the region names of the border area, shared by the analyses, the report and the web.

Russian needs a region's name in the case the sentence asks for («в Смоленской области», «экспорт Витебской
области»); the catalogs hold only the nominative. This module holds the forms of the regions regint compares by
default and derives them for other regions whose catalog name is «<adjective> область/край» (the common pattern).
"""

from __future__ import annotations

#: The cases given for each name, in this order.
CASES: tuple[str, str, str, str] = ("nom", "gen", "dat", "prep")

#: nominative, genitive, dative, prepositional.
RU_CASES: dict[str, tuple[str, str, str, str]] = {
    "RU-SMO": ("Смоленская область", "Смоленской области", "Смоленской области", "Смоленской области"),
    "RU-PSK": ("Псковская область", "Псковской области", "Псковской области", "Псковской области"),
    "RU-BRY": ("Брянская область", "Брянской области", "Брянской области", "Брянской области"),
    "BY-VI": ("Витебская область", "Витебской области", "Витебской области", "Витебской области"),
    "BY-MA": ("Могилёвская область", "Могилёвской области", "Могилёвской области", "Могилёвской области"),
    "BY-HO": ("Гомельская область", "Гомельской области", "Гомельской области", "Гомельской области"),
    "BY-MI": ("Минская область", "Минской области", "Минской области", "Минской области"),
    "BY-HM": ("Минск", "Минска", "Минску", "Минске"),
    "RU": ("Россия", "России", "России", "России"),
    "BY": ("Беларусь", "Беларуси", "Беларуси", "Беларуси"),
}


def derive_ru_cases(nominative: str) -> tuple[str, str, str, str]:
    """Case forms of «<adjective>ая область» / «<adjective>кий край»; the nominative in every case otherwise.

    ``"Калужская область"`` → ``("Калужская область", "Калужской области", "Калужской области",
    "Калужской области")``.
    """
    words = nominative.split()
    if len(words) == 2 and words[1] == "область" and words[0].endswith("ая"):
        oblique = f"{words[0][:-2]}ой области"
        return nominative, oblique, oblique, oblique
    if len(words) == 2 and words[1] == "край" and words[0].endswith("кий"):
        stem = words[0][:-2]
        return nominative, f"{stem}ого края", f"{stem}ому краю", f"{stem}ом крае"
    return nominative, nominative, nominative, nominative


_EN_SHORT = {"RU": "Russia", "BY": "Belarus"}


def region_forms(code: str, lang: str) -> dict[str, str]:
    """Forms of a region's name: ``nom``, ``gen``, ``dat``, ``prep`` (the same word in English); for regions
    without given forms, derived from the catalog name (:func:`derive_ru_cases`)."""
    from regint.data.catalogs import region_name

    if lang == "ru":
        forms = RU_CASES.get(code)
        if forms is None:
            forms = derive_ru_cases(region_name(code, "ru") if code else code)
        return dict(zip(CASES, forms, strict=True))
    name = _EN_SHORT.get(code) or region_name(code, "en")
    return dict.fromkeys(CASES, name)


def pair_genitive(a: str, b: str, lang: str) -> str:
    """The two regions named once, in the genitive: «Смоленской и Витебской областей»; "Smolensk and Vitebsk oblasts"."""
    fa, fb = region_forms(a, lang)["gen"], region_forms(b, lang)["gen"]
    if lang == "ru":
        suffix = " области"
        if fa.endswith(suffix) and fb.endswith(suffix):
            return f"{fa[:-len(suffix)]} и {fb[:-len(suffix)]} областей"
        return f"{fa} и {fb}"
    suffix = " oblast"
    if fa.endswith(suffix) and fb.endswith(suffix):
        return f"{fa[:-len(suffix)]} and {fb[:-len(suffix)]} oblasts"
    return f"{fa} and {fb}"
