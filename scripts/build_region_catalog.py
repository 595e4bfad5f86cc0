"""Build ``src/regint/data/catalogs/regions.csv`` from the Natural Earth boundaries in ``../shared``.

Names (ru, en), country and type come from the boundaries file (public domain, see its PROVENANCE.md);
centroids are area-weighted centroids of the largest polygon; neighbours are the units that share at least
two boundary vertices (the simplified polygons share their borders exactly). Rosstat/Belstat spellings are
added as aliases. Run: ``python scripts/build_region_catalog.py``.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from regint._paths import package_data, shared_dir

ALIASES = {
    "RU-AD": ["Республика Адыгея (Адыгея)", "Республика Адыгея"],
    "RU-TA": ["Республика Татарстан (Татарстан)", "Республика Татарстан"],
    "RU-CU": ["Чувашская Республика - Чувашия", "Чувашская Республика", "Чувашская республика"],
    "RU-KB": ["Кабардино-Балкарская Республика"],
    "RU-KC": ["Карачаево-Черкесская Республика"],
    "RU-SE": ["Республика Северная Осетия - Алания", "Республика Северная Осетия-Алания"],
    "RU-IN": ["Республика Ингушетия"],
    "RU-CE": ["Чеченская Республика"],
    "RU-DA": ["Республика Дагестан"],
    "RU-KR": ["Республика Карелия"],
    "RU-BU": ["Республика Бурятия"],
    "RU-TY": ["Республика Тыва"],
    "RU-SA": ["Республика Саха (Якутия)", "Республика Саха"],
    "RU-KL": ["Республика Калмыкия"],
    "RU-KK": ["Республика Хакасия"],
    "RU-MO": ["Республика Мордовия"],
    "RU-UD": ["Удмуртская Республика"],
    "RU-ME": ["Республика Марий Эл"],
    "RU-BA": ["Республика Башкортостан"],
    "RU-KO": ["Республика Коми"],
    "RU-AL": ["Республика Алтай"],
    "RU-MOW": ["г. Москва", "г.Москва", "Москва"],
    "RU-SPE": ["г. Санкт-Петербург", "г.Санкт-Петербург", "Санкт-Петербург"],
    "UA-40": ["г. Севастополь", "г.Севастополь"],
    "UA-43": ["Республика Крым"],
    "RU-KEM": ["Кемеровская область - Кузбасс", "Кемеровская область-Кузбасс"],
    "RU-KHM": ["Ханты-Мансийский автономный округ - Югра", "Ханты-Мансийский автономный округ-Югра",
               "Ханты-Мансийский авт.округ-Югра", "Ханты-Мансийский автономный округ"],
    "RU-YAN": ["Ямало-Ненецкий авт.округ"],
    "RU-NEN": ["Ненецкий авт.округ"],
    "RU-CHU": ["Чукотский авт.округ"],
    "RU-YEV": ["Еврейская авт.область"],
    "RU-NIZ": ["Нижегородская область"],
    "RU-ORL": ["Орловская область"],
    "BY-MA": ["Могилевская область", "Могилёвская обл.", "Могилевская обл."],
    "BY-HM": ["г. Минск", "г.Минск", "Минск"],
    "BY-MI": ["Минская обл."],
    "BY-VI": ["Витебская обл."],
    "BY-HO": ["Гомельская обл."],
    "BY-BR": ["Брестская обл."],
    "BY-HR": ["Гродненская обл."],
}
ALIASES_EXTRA = {  # spellings met in Rosstat tables and English names in press transcriptions
    "RU-NEN": ["Ненецкий АО"], "RU-YAN": ["Ямало-Ненецкий АО"],
    "RU-KHM": ["Ханты-Мансийский АО-Югра", "Ханты-Мансийский автономный"],
    "RU-VLA": ["Владимировская область"], "RU-AD": ["Республтка Адыгея"],
    "BY-VI": ["Vitebsk oblast", "Vitebsk obl."], "BY-MA": ["Mogilev oblast", "Mahilyow oblast", "Mogilev obl."],
    "BY-HO": ["Gomel oblast", "Gomel obl."], "BY-HR": ["Grodno oblast"], "BY-BR": ["Brest oblast"],
    "BY-HM": ["Minsk city"], "BY-MI": ["Minsk oblast", "Minsk obl."], "RU": ["Russia"],
    "RU-SMO": ["Smolensk oblast", "Smolensk region"], "RU-PSK": ["Pskov oblast"], "RU-BRY": ["Bryansk oblast"],
}
BELSTAT = {"BY": "375", "BY-BR": "16", "BY-VI": "21", "BY-HO": "23", "BY-HR": "15", "BY-MI": "17",
           "BY-MA": "22", "BY-HM": "170"}
# OKATO first two digits (fedstat ``00_003``); 11-digit s_OKATO codes are these followed by nine zeros.
OKATO = {"RU": "643", "RU-SMO": "66", "RU-PSK": "58", "RU-BRY": "15", "RU-MOW": "45", "RU-SPE": "40",
         "RU-MOS": "46", "RU-TVE": "28", "RU-KLU": "29", "RU-ORL": "54", "RU-KRS": "38"}
EXTRA = [
    # code, country, level, name_ru, name_en, aliases
    ("RU", "RU", "country", "Российская Федерация", "Russian Federation", ["Россия", "РФ"]),
    ("BY", "BY", "country", "Республика Беларусь", "Republic of Belarus", ["Беларусь", "Belarus"]),
    ("RU-CFD", "RU", "federal_district", "Центральный федеральный округ", "Central Federal District", []),
    ("RU-NWFD", "RU", "federal_district", "Северо-Западный федеральный округ", "North-Western Federal District", []),
    ("RU-SFD", "RU", "federal_district", "Южный федеральный округ", "Southern Federal District", []),
    ("RU-NCFD", "RU", "federal_district", "Северо-Кавказский федеральный округ", "North Caucasian Federal District", []),
    ("RU-VFD", "RU", "federal_district", "Приволжский федеральный округ", "Volga Federal District", []),
    ("RU-UFD", "RU", "federal_district", "Уральский федеральный округ", "Ural Federal District", []),
    ("RU-SIBFD", "RU", "federal_district", "Сибирский федеральный округ", "Siberian Federal District", []),
    ("RU-FEFD", "RU", "federal_district", "Дальневосточный федеральный округ", "Far Eastern Federal District", []),
    ("RU-CRFD", "RU", "federal_district", "Крымский федеральный округ", "Crimean Federal District", []),
]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2
    if a == 0:
        return ring[0][0], ring[0][1], 0.0
    return cx / (6 * a), cy / (6 * a), abs(a)


def _polygons(geom: dict) -> list:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def main() -> None:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared not found: set REGINT_SHARED to the shared folder")
    gj = json.loads((shared / "data/sources/boundaries/ru_by_admin1.geojson").read_text(encoding="utf-8"))
    rows = []
    vertices: dict[str, set] = {}
    for f in gj["features"]:
        p = f["properties"]
        best = max((_ring_centroid(poly[0]) for poly in _polygons(f["geometry"])), key=lambda t: t[2])
        vertices[p["iso_3166_2"]] = {
            (round(x, 4), round(y, 4)) for poly in _polygons(f["geometry"]) for ring in poly for x, y in ring
        }
        rows.append({
            "code": p["iso_3166_2"], "country": p["country"], "level": p["subject_type"],
            "name_ru": p["name_ru"], "name_en": p["name_en"], "lon": round(best[0], 4), "lat": round(best[1], 4),
            "disputed": str(bool(p.get("disputed"))).lower(),
        })
    owners: dict[tuple, set] = defaultdict(set)
    for code, vs in vertices.items():
        for v in vs:
            owners[v].add(code)
    shared_count: dict[tuple[str, str], int] = defaultdict(int)
    for codes in owners.values():
        for a in codes:
            for b in codes:
                if a < b:
                    shared_count[(a, b)] += 1
    neighbours: dict[str, set] = defaultdict(set)
    for (a, b), n in shared_count.items():
        if n >= 2:
            neighbours[a].add(b)
            neighbours[b].add(a)
    for r in rows:
        r["neighbours"] = ";".join(sorted(neighbours[r["code"]]))
    for code, country, level, ru, en, _ in EXTRA:
        rows.append({"code": code, "country": country, "level": level, "name_ru": ru, "name_en": en,
                     "lon": "", "lat": "", "disputed": "false", "neighbours": ""})
    extra_alias = {e[0]: e[5] for e in EXTRA}
    for r in rows:
        r["okato"] = OKATO.get(r["code"], "")
        r["belstat_code"] = BELSTAT.get(r["code"], "")
        r["aliases_ru"] = ";".join(ALIASES.get(r["code"], []) + extra_alias.get(r["code"], [])
                                   + ALIASES_EXTRA.get(r["code"], []))
    rows.sort(key=lambda r: (r["country"], r["level"] != "country", r["code"]))
    out = package_data("data", "catalogs", "regions.csv")
    cols = ["code", "country", "level", "name_ru", "name_en", "okato", "belstat_code", "lat", "lon",
            "neighbours", "aliases_ru", "disputed"]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({c: r[c] for c in cols})
    print(f"wrote {len(rows)} regions to {out}")


if __name__ == "__main__":
    main()
