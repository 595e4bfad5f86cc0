"""Figures transcribed by hand from press and official statements (format ``press_facts``).

Three layouts are read (all CSV, UTF-8):

- *facts* (``press_facts/facts.csv``, ``press_facts2/facts2.csv``):
  ``id, topic, geo, period, value, unit, note, source_url, source_kind``;
- *quotes* (``press_facts3/facts.csv``): ``id, region, indicator, period, value, unit, source_url, quote, note``;
- *ruxpert* (``press_facts/fx_rub_usd_annual_ruxpert.csv``): annual average RUB per USD 1999–2023 as printed in
  the ruxpert.ru wiki, ``year, rub_per_usd_annual_avg, value_as_printed, source_url, method_note``.

Every row is loaded or skipped with a :class:`~regint.data.loaders.base.LoadWarning` naming its id and the
reason; nothing is dropped silently. All values get status ``secondary``; ``location`` is the row id (``P13[3]``
for the third item of a list); ``note`` holds the id, the kind of source, the transcriber's note, the verbatim
quote, qualifiers (``more than``, ``about``), the period as printed where it was interpreted, and the URL.

Mapping
-------
- Lists separated by `` / `` in ``geo``, ``value``, ``period``, ``indicator`` or ``unit`` are split item by item
  (a single entry applies to every item); ``"Vitebsk / Mogilev oblasts"`` is two oblasts; a list of labels after
  a colon in the unit (``"mln USD: turnover / RU exports / RU imports"``) names what each item is.
- Geography: Russian and English names resolve through :func:`regint.data.catalogs.resolve_region`, then through
  :data:`GEO_ALIASES` (English names of the Belarusian oblasts, ``Minsk city``, ``Minsk obl.``, ``Russia (CBR)``;
  in these files a bare oblast-centre name in a list of regions — ``Gomel`` — stands for the oblast). A pair
  ``A <-> B`` (or ``A -> B``) goes to region A; when B is the partner country, trade figures take the
  ``*_partner_*`` indicators, otherwise the pair stays in the note.
- Indicators (:data:`TOPIC_RULES`): a topic maps to a catalog code only where the meaning matches exactly and the
  unit can be converted (``population_1jan`` → ``population_jan1`` in thousand persons, the conversion recorded
  in ``derived_from``; ``trade_turnover`` with the partner country → ``trade_partner_usd`` in mln USD or
  ``trade_partner_rub`` in bln RUB; ``grp_current`` → ``grp`` in mln national currency, old roubles kept as
  ``BYR``; ``exchange_rate`` → ``fx_usd`` ...). Everything else becomes ``press_<topic>`` with the unit as printed.
- Periods: ``2013-01..2013-07`` → ``2013-01/2013-07``; ``2017-01..08`` → ``2017-01/2017-08``; ``2024 (Jan-Dec)``
  → ``2024``; ``2022-H1`` → ``2022-01/2022-06``; ``2014-2015`` → ``2014-01/2015-12``; a date ``2024-01-01`` (a stock
  on 1 January) → ``2024`` with the note ``on 1 January``; any other date → its month with the note ``on DATE``;
  a period without a year (``H1 (year not stated; probably 2022)``) takes the guessed year and is flagged.
- Flags: rows whose text says CONFLICT, YEAR UNCERTAIN (or whose year had to be guessed), AMBIGUOUS,
  "verify before use"/"do not use unverified"/"doubtful", or "column order ... inferred", and the rows listed in
  :data:`FLAGGED_IDS`, are loaded with a note starting ``FLAGGED: <reasons>.``; the store leaves them out of
  panels unless asked.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from regint._options import check_option
from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders.base import LoadResult, LoadWarning, head_bytes, read_text
from regint.data.schema import make_observations, validate_observations
from regint.errors import DataError, LoaderError

FORMAT = "press_facts"
SOURCES = ("press_facts", "press_facts2", "press_facts3", "edb_barometer", "ties_register")
LAYOUT_FACTS = ("id", "topic", "geo", "period", "value", "unit", "note", "source_url", "source_kind")
LAYOUT_QUOTES = ("id", "region", "indicator", "period", "value", "unit", "source_url", "quote", "note")
LAYOUT_RUXPERT = ("year", "rub_per_usd_annual_avg", "value_as_printed", "source_url", "method_note")
LAYOUTS = {LAYOUT_FACTS: "facts", LAYOUT_QUOTES: "quotes", LAYOUT_RUXPERT: "ruxpert"}

_CENTRES = {
    "vitebsk": "BY-VI", "mogilev": "BY-MA", "mahilyow": "BY-MA", "gomel": "BY-HO", "homyel": "BY-HO",
    "grodno": "BY-HR", "brest": "BY-BR", "smolensk": "RU-SMO", "pskov": "RU-PSK", "bryansk": "RU-BRY",
}
#: English names in the press files → catalog codes (matched after :func:`catalogs.normalise_name`).
GEO_ALIASES: dict[str, str] = {
    **{f"{stem}{suffix}": code for stem, code in _CENTRES.items()
       for suffix in ("", " oblast", " obl.", " region")},
    "minsk oblast": "BY-MI", "minsk obl.": "BY-MI", "minsk region": "BY-MI",
    "minsk city": "BY-HM", "minsk": "BY-HM",
    "russia": "RU", "russia (cbr)": "RU", "russian federation": "RU", "russian regions": "RU",
    "belarus": "BY", "republic of belarus": "BY",
}
#: Phrases in ``geo`` that are not place names: → (region, partner).
GEO_PHRASES: dict[str, tuple[str, str]] = {
    "russia in belarus trade turnover": ("BY", "RU"),
    "belarus exports to russia": ("BY", "RU"),
}
#: Rows flagged by the PROVENANCE files rather than by their own text: (source, id) → reason.
FLAGGED_IDS: dict[tuple[str, str], str] = {
    ("press_facts2", "P24"): "UNVERIFIED (press_facts2 PROVENANCE: looks inconsistent, do not use unverified)",
}
#: Text in a row (lower case) → flag reason.
FLAG_MARKERS: tuple[tuple[str, str], ...] = (
    ("conflict", "CONFLICT"),
    ("year uncertain", "YEAR UNCERTAIN"),
    ("ambiguous", "AMBIGUOUS"),
    ("do not use unverified", "UNVERIFIED"),
    ("verify before use", "UNVERIFIED"),
    ("(doubtful)", "UNVERIFIED"),
    ("column order", "COLUMN ORDER INFERRED"),
)
#: Labels after the colon of a unit → (region, indicator stem, partner); ``None`` keeps the row's own.
LABELS: dict[str, tuple[str | None, str, str | None]] = {
    "turnover": (None, "trade_partner", None),
    "ru exports": ("RU", "exports_partner", "BY"), "ru imports": ("RU", "imports_partner", "BY"),
    "by exports": ("BY", "exports_partner", "RU"), "by exports to ru": ("BY", "exports_partner", "RU"),
    "by imports from ru": ("BY", "imports_partner", "RU"),
    "total exports": (None, "exports", None), "to russia": (None, "exports_partner", "RU"),
}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_SCALE = {"bn": 1e3, "mln": 1.0, "thous.": 1e-3}
_CURRENCIES = ("USD", "RUB", "BYN", "BYR")
_QUALIFIERS = ("more than", "about", "approx", "almost", "nearly", "rounded")


class _Skip(Exception):
    """A row (or item) that cannot be loaded; the message is the reason given in the warning."""


@dataclass(frozen=True)
class Fact:
    """One transcribed row in a common shape (before lists are split)."""

    id: str
    topic: str
    geo: str
    period: str
    value: str
    unit: str
    url: str
    kind: str = ""
    note: str = ""
    quote: str = ""
    row: int = 0


@dataclass(frozen=True)
class Item:
    """One figure of a row after splitting, with everything known about it."""

    fact: Fact
    location: str
    topic: str
    region: str
    partner: str | None
    period: str
    value: float
    unit: str
    label: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Target:
    """Where an item goes: indicator, unit and currency, and the factor applied to the printed value."""

    indicator: str
    unit: str
    currency: str = ""
    scale: float = 1.0


# --------------------------------------------------------------------------------------------- reading


def sniff(path: Path) -> bool:
    """True for a CSV whose header is one of the three press layouts."""
    if path.suffix.lower() != ".csv":
        return False
    first = head_bytes(path, 400).decode("utf-8-sig", errors="replace").splitlines()
    return bool(first) and tuple(c.strip().lower() for c in first[0].split(",")) in LAYOUTS


def _read(path: Path, found: list[LoadWarning]) -> tuple[str, list[Fact]]:
    reader = csv.DictReader(io.StringIO(read_text(path, found)))
    header = tuple(c.strip().lower() for c in (reader.fieldnames or ()))
    layout = LAYOUTS.get(header)
    if layout is None:
        raise LoaderError(f"the header {list(header)} is none of the press layouts.", path=path, row=1,
                          fix=f"use the columns {list(LAYOUT_FACTS)} or {list(LAYOUT_QUOTES)}.")
    make = {"facts": _from_facts, "quotes": _from_quotes, "ruxpert": _from_ruxpert}[layout]
    facts = []
    for n, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        facts.append(make(row, n))
    return layout, facts


def _from_facts(r: dict[str, str], n: int) -> Fact:
    return Fact(r["id"], r["topic"], r["geo"], r["period"], r["value"], r["unit"], r["source_url"],
                r["source_kind"], r["note"], "", n)


def _from_quotes(r: dict[str, str], n: int) -> Fact:
    return Fact(r["id"], r["indicator"], r["region"], r["period"], r["value"], r["unit"], r["source_url"],
                "", r["note"], r["quote"], n)


def _from_ruxpert(r: dict[str, str], n: int) -> Fact:
    return Fact(f"ruxpert {r['year']}", "exchange_rate", "Russia", r["year"], r["rub_per_usd_annual_avg"],
                "RUB per USD (annual average)", r["source_url"], "wiki table (ruxpert.ru)",
                f"{r['method_note']}; as printed {r['value_as_printed']!r}", "", n)


def _source(path: Path, layout: str, source: str | None) -> str:
    if source is not None:
        return check_option("source", source, SOURCES)
    if path.parent.name in SOURCES:
        return path.parent.name
    if layout == "quotes":
        return "press_facts3"
    return "press_facts2" if "facts2" in path.name else "press_facts"


# --------------------------------------------------------------------------------------------- parsing


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(" / ")] if " / " in text else [text.strip()]


def _paren(text: str) -> tuple[str, str]:
    """``"2024 (Jan-Dec)"`` → ``("2024", "Jan-Dec")``."""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*(.*)$", text)
    if not m:
        return text.strip(), ""
    return (m.group(1) + (" " + m.group(3) if m.group(3) else "")).strip(), m.group(2).strip()


def parse_value(text: str) -> tuple[float, list[str]]:
    """``"3.5 (almost)"`` → ``(3.5, ["almost"])``; ``"1.9x"`` → ``(1.9, ["multiple"])``; else :class:`_Skip`."""
    main, extra = _paren(text)
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)\s*([x×])?", main)
    if not m:
        raise _Skip(f"value {text!r} is not a single number")
    notes = [extra] if extra else []
    if m.group(2):
        notes.append("multiple (x)")
    return float(m.group(1)), notes


def parse_period(text: str) -> tuple[str, list[str], bool]:
    """The schema period of a period as printed, notes on its reading, and whether its year was guessed.

    Raises :class:`_Skip` when the text is not understood.
    """
    main, extra = _paren(text)
    notes = [f"period as printed: {text!r}"] if extra else []
    guessed = re.search(r"probably (\d{4})", extra)
    for pattern, build in _PERIOD_RULES:
        m = re.fullmatch(pattern, main)
        if m:
            period, more = build(m, guessed.group(1) if guessed else None)
            if period is None:
                break
            needs_guess = "(?P<noyear>" in pattern
            return period, notes + more, needs_guess
    raise _Skip(f"period {text!r} not understood")


def _half(year: str, half: str) -> str:
    return f"{year}-01/{year}-06" if half == "1" else f"{year}-07/{year}-12"


def _date(m: re.Match, _: str | None) -> tuple[str, list[str]]:
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if (mo, d) == ("01", "01"):
        return y, ["on 1 January"]
    return f"{y}-{mo}", [f"on {y}-{mo}-{d}"]


def _month_words(m: re.Match, year: str | None) -> tuple[str | None, list[str]]:
    a, b = _MONTHS.get(m.group(2).lower()), _MONTHS.get(m.group(3).lower())
    if year is None or a is None or b is None:
        return None, []
    return f"{year}-{a:02d}/{year}-{b:02d}", []


_PeriodRule = tuple[str, Callable[[re.Match, str | None], tuple[str | None, list[str]]]]
_PERIOD_RULES: tuple[_PeriodRule, ...] = (
    (r"(\d{4})", lambda m, _: (m.group(1), [])),
    (r"(\d{4})-(0[1-9]|1[0-2])", lambda m, _: (m.group(0), [])),
    (r"(\d{4})-(\d{2})-(\d{2})", _date),
    (r"(\d{4})-Q([1-4])", lambda m, _: (m.group(0), [])),
    (r"(\d{4})-H([12])", lambda m, _: (_half(m.group(1), m.group(2)), [])),
    (r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", lambda m, _: (f"{m.group(1)}-{m.group(2)}/{m.group(3)}-{m.group(4)}", [])),
    (r"(\d{4})-(\d{2})\.\.(\d{2})", lambda m, _: (f"{m.group(1)}-{m.group(2)}/{m.group(1)}-{m.group(3)}", [])),
    (r"(\d{4})-(\d{4})", lambda m, _: (f"{m.group(1)}-01/{m.group(2)}-12", [])),
    (r"(\d{4}) census", lambda m, _: (m.group(1), ["census"])),
    (r"(?P<noyear>H)([12])", lambda m, y: (_half(y, m.group(2)) if y else None, [])),
    (r"(?P<noyear>)([A-Za-z]{3})-([A-Za-z]{3})", _month_words),
    (r"(?P<noyear>)latest year before .*", lambda m, y: (y, [])),
)


def resolve_geo(name: str) -> str | None:
    """The catalog code of a geo name in the press files (Russian or English), else ``None``."""
    key = catalogs.normalise_name(name)
    aliases = {catalogs.normalise_name(k): v for k, v in GEO_ALIASES.items()}
    return aliases.get(key) or catalogs.resolve_region(name)


def _geo_items(geo: str) -> tuple[list[str], str]:
    """Split a geo list; returns the items and a sector suffix (``"... Minsk obl. - industry"`` → industry)."""
    sector = ""
    m = re.match(r"^(.*\S)\s+-\s+([a-z][a-z &]*)$", geo)
    if m and "/" in m.group(1):
        geo, sector = m.group(1), m.group(2)
    items = _split(geo)
    return [re.sub(r"\s+oblasts$", " oblast", i) for i in items], sector


def _resolve_pair(text: str) -> tuple[str, str | None]:
    phrase = GEO_PHRASES.get(text.strip().lower())
    if phrase:
        return phrase
    parts = re.split(r"\s*(?:<->|->|↔)\s*", text)
    region = resolve_geo(parts[0])
    if region is None:
        raise _Skip(f"geo {parts[0]!r} is not a known region")
    partner = None
    if len(parts) > 1:
        partner = resolve_geo(parts[1])
        if partner is None:
            raise _Skip(f"partner {parts[1]!r} is not a known region")
    return region, partner


def _unit_parts(unit: str) -> tuple[str, list[str], str, str]:
    """``"bn USD (more than)"`` → ``("bn USD", ["more than"], "bn", "USD")``."""
    main, extra = _paren(unit)
    magnitude = next((k for k in _SCALE if main.lower().startswith(k + " ")), "")
    tokens = [c for c in _CURRENCIES if re.search(rf"\b{c}\b", main)]
    return main, ([extra] if extra else []), magnitude, (tokens[0] if len(tokens) == 1 else "")


def _country(code: str) -> str:
    return code.split("-")[0]


# --------------------------------------------------------------------------------------------- mapping


def _money(stem: str, item: Item, target_unit: str, scales: dict[str, float]) -> Target | None:
    _, _, magnitude, currency = _unit_parts(item.unit)
    if not currency or magnitude not in scales:
        return None
    return Target(stem, target_unit.format(cur=currency), currency, scales[magnitude])


def _partner_ok(item: Item, implied: str | None = None) -> bool:
    partner = item.partner or implied
    return partner in {"RU", "BY"} and partner != _country(item.region)


def _trade(item: Item, implied: str | None = None) -> Target | None:
    if not _partner_ok(item, implied):
        return None
    usd = _money("trade_partner_usd", item, "mln {cur}", {"bn": 1e3, "mln": 1.0})
    if usd and usd.currency == "USD":
        return usd
    rub = _money("trade_partner_rub", item, "bln {cur}", {"bn": 1.0, "mln": 1e-3})
    return rub if rub and rub.currency == "RUB" else None


def _labelled(item: Item) -> Target | None:
    stem = LABELS.get(item.label.lower(), (None, "", None))[1]
    if not stem or (stem != "exports" and not _partner_ok(item)):
        return None
    target = _money(f"{stem}_usd", item, "mln {cur}", {"bn": 1e3, "mln": 1.0})
    return target if target and target.currency == "USD" else None


def _population(item: Item) -> Target | None:
    if "on 1 January" not in item.notes or _unit_parts(item.unit)[0] != "persons":
        return None
    return Target("population_jan1", "thous. persons", "", 1e-3)


def _percent(code: str, unit: str, ok: Callable[[str], bool]) -> Callable[[Item], Target | None]:
    def rule(item: Item) -> Target | None:
        return Target(code, unit) if ok(_unit_parts(item.unit)[0]) else None
    return rule


def _fx(indicator: str, quote: str) -> Callable[[Item], Target | None]:
    def rule(item: Item) -> Target | None:
        main, _, _, _ = _unit_parts(item.unit)
        m = re.fullmatch(rf"(RUB|BYN) per {quote}", main)
        return Target(indicator, main, m.group(1)) if m else None
    return rule


def _index_level(item: Item) -> Target | None:
    main = _unit_parts(item.unit)[0]
    if not (main.startswith("% of ") or main == "% y/y"):
        return None
    annual = re.fullmatch(r"\d{4}", item.period) is not None
    return Target("industrial_production_index",
                  "% of previous year" if annual else "% of the same period of the previous year")


def _annual_index(item: Item) -> Target | None:
    if re.fullmatch(r"\d{4}", item.period) and _unit_parts(item.unit)[0] == "% of previous year":
        return Target("grp_volume_index", "% of previous year")
    return None


TOPIC_RULES: dict[str, Callable[[Item], Target | None]] = {
    "trade_turnover": _trade,
    "trade_with_belarus": lambda i: _trade(i, "BY"),
    "trade_bilateral": _labelled,
    "exports": _labelled,
    "exports_to_russia": lambda i: (_money("exports_partner_usd", i, "mln {cur}", {"bn": 1e3, "mln": 1.0})
                                    if _partner_ok(i, "RU") else None),
    "exports_goods_to_cis": lambda i: _money("exports_cis_usd", i, "mln {cur}", {"bn": 1e3, "mln": 1.0}),
    "population_1jan": _population,
    "population": _population,
    "wage_nominal_avg": lambda i: _money("wage_nominal", i, "{cur} per month", {"": 1.0}),
    "wage_nominal_month": lambda i: _money("wage_nominal", i, "{cur} per month", {"": 1.0}),
    "grp_current": lambda i: _money("grp", i, "mln {cur}", {"bn": 1e3, "mln": 1.0}),
    "investment_fixed_capital": lambda i: _money("investment_fixed", i, "mln {cur}", {"bn": 1e3, "mln": 1.0}),
    "grp_growth": _annual_index,
    "ipi": _index_level,
    "unemployment_lfs": _percent("unemployment_rate", "%", lambda u: u == "%"),
    "exchange_rate": _fx("fx_usd", "USD"),
    "fx_byn_per_usd_official_avg_arith": _fx("fx_usd", "USD"),
    "fx_byn_per_usd_official_avg_geom": _fx("fx_usd", "USD"),
    "fx_byn_per_100rub_official_avg_arith": _fx("fx_rub_100", "100 RUB"),
    "fx_byn_per_100rub_official_avg_geom": _fx("fx_rub_100", "100 RUB"),
}
_MEASURES = {"_arith": "official average rate, arithmetic mean", "_geom": "official average rate, geometric mean"}


def slug(text: str) -> str:
    """A lower-case code fragment: ``"fx_BYN_per_USD"`` → ``"fx_byn_per_usd"``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def target_of(item: Item) -> Target:
    """The catalog target of an item, or ``press_<topic>`` with the unit as printed."""
    rule = TOPIC_RULES.get(item.topic)
    hit = rule(item) if rule else None
    if hit is not None:
        return hit
    main, _, _, currency = _unit_parts(item.unit)
    code = "press_" + item.topic + (f"_{slug(item.label)}" if item.label else "")
    return Target(code, main, currency)


# --------------------------------------------------------------------------------------------- rows


def flag_reasons(fact: Fact, source: str) -> list[str]:
    """Why a row must not be used unverified (empty when it may)."""
    text = " ".join((fact.topic, fact.geo, fact.period, fact.unit, fact.note, fact.kind)).lower()
    reasons = [reason for marker, reason in FLAG_MARKERS if marker in text]
    if (source, fact.id) in FLAGGED_IDS:
        reasons.append(FLAGGED_IDS[(source, fact.id)])
    unique = list(dict.fromkeys(reasons))
    return [r for r in unique if not any(o != r and o.startswith(r + " ") for o in unique)]


def _broadcast(name: str, items: list[str], n: int) -> list[str]:
    if len(items) == n:
        return items
    if len(items) == 1:
        return items * n
    raise _Skip(f"{name} has {len(items)} items but value has {n}")


def expand(fact: Fact) -> tuple[list[Item], bool]:
    """Split a row into items; the flag says whether a year had to be guessed. Raises :class:`_Skip`."""
    values = _split(fact.value)
    n = len(values)
    topic_text, topic_extra = _paren(fact.topic)
    topics = _broadcast("indicator", [slug(t) for t in _split(topic_text)], n)
    geos, sector = _geo_items(fact.geo)
    geos = _broadcast("geo", geos, n)
    periods = _broadcast("period", _split(fact.period), n)
    unit_text, labels = fact.unit, [""]
    if ":" in _paren(fact.unit)[0]:
        unit_text, label_text = (s.strip() for s in fact.unit.split(":", 1))
        labels = _split(label_text)
    labels = _broadcast("unit labels", labels, n)
    units = _broadcast("unit", _split(unit_text) if n > 1 else [unit_text], n)
    items, guessed_any = [], False
    for i in range(n):
        value, vnotes = parse_value(values[i])
        period, pnotes, guessed = parse_period(periods[i])
        guessed_any |= guessed
        region, partner = _resolve_pair(geos[i])
        label_region, _, label_partner = LABELS.get(labels[i].lower(), (None, "", None))
        region = label_region or region
        partner = label_partner or partner
        notes = vnotes + pnotes + _unit_parts(units[i])[1]
        if topic_extra:
            notes.append(f"indicator as printed: {fact.topic!r}")
        if partner:
            notes.append(f"partner: {partner}")
        if re.search(r"<->|->|↔", geos[i]):
            notes.append(f"geo as printed: {geos[i]!r}")
        topic = topics[i] + (f"_{slug(sector)}" if sector else "")
        location = fact.id if n == 1 else f"{fact.id}[{i + 1}]"
        items.append(Item(fact, location, topic, region, partner, period, value, units[i], labels[i],
                          tuple(notes)))
    return items, guessed_any


def _note(item: Item, target: Target, flags: list[str]) -> str:
    f = item.fact
    parts = [f.id, f.kind, f.note]
    if item.label:
        parts.append(f"item: {item.label}")
    parts += list(item.notes)
    if target.indicator.startswith("fx_"):
        parts += [m for k, m in _MEASURES.items() if item.topic.endswith(k)]
    if f.quote:
        parts.append(f"quote: \u00ab{f.quote}\u00bb")
    parts.append(f.url)
    text = "; ".join(p for p in parts if p)
    return f"FLAGGED: {'; '.join(flags)}. {text}" if flags else text


def _observation(item: Item, source: str, flags: list[str], path: Path) -> dict:
    target = target_of(item)
    value = item.value * target.scale
    derived = ""
    if target.scale != 1.0:
        derived = (f"{item.value:.10g} {_unit_parts(item.unit)[0]} × {target.scale:g} = {value:.10g} {target.unit} "
                   "(unit conversion only; figure as printed)")
    return {
        "region": item.region, "indicator": target.indicator, "period": item.period, "value": value,
        "unit": target.unit, "currency": target.currency, "source": source, "status": "secondary",
        "note": _note(item, target, flags), "file": path.name, "location": item.location, "derived_from": derived,
    }


def load(path: str | Path, source: str | None = None, **options: object) -> LoadResult:
    """Read a press-facts CSV into observations (status ``secondary``).

    Parameters
    ----------
    path : path-like
        One of the three layouts (see the module documentation).
    source : {'press_facts', 'press_facts2', 'press_facts3', 'edb_barometer', 'ties_register'}, optional
        The source id; by default the folder name when it is one of them, else guessed from the layout.

    Raises
    ------
    LoaderError
        Unknown layout, or two rows giving one (region, indicator, period).
    """
    p = Path(path)
    if options:
        raise LoaderError(f"unknown option(s) {sorted(options)} for format {FORMAT!r}.", path=p,
                          fix="pass only source=.")
    found: list[LoadWarning] = []
    layout, facts = _read(p, found)
    src = _source(p, layout, source)
    records = []
    for fact in facts:
        try:
            items, guessed = expand(fact)
        except _Skip as why:
            found.append(LoadWarning(f"{fact.id}: skipped, {why}.", path=str(p), row=fact.row))
            continue
        flags = flag_reasons(fact, src)
        if guessed and "YEAR UNCERTAIN" not in flags:
            flags.insert(0, "YEAR UNCERTAIN")
        records += [_observation(item, src, flags, p) for item in items]
    obs = make_observations(records)
    try:
        obs = validate_observations(obs, what=p.name)
    except DataError as exc:
        raise LoaderError(str(exc), path=p, fix="keep one row per region, indicator and period.") from exc
    return LoadResult(obs, FORMAT, p, tuple(found))


register(FORMAT, "Hand-transcribed press figures (press_facts/facts.csv, facts2.csv, press_facts3, ruxpert FX)",
         sniff, load)

__all__ = ["Fact", "Item", "Target", "expand", "flag_reasons", "load", "parse_period", "parse_value",
           "resolve_geo", "sniff", "slug", "target_of"]
