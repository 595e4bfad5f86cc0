"""fedstat.ru (EMISS) SDMX-ML 1.0 ``GenericData`` exports → observations (format ``sdmx``).

What fedstat's "SDMX" download returns (``FORMATS.md`` §1): a ``Header`` (``DataSetID``, ``Prepared``),
``CodeLists`` (one per dimension, each code with a Russian description) and a ``DataSet`` of
``generic:Series``, each with a ``SeriesKey`` (dimension codes), ``Attributes`` (``EI`` = unit, ``PERIOD`` =
sub-period of the year) and one ``Obs`` (``Time`` = year, ``ObsValue`` with a DECIMAL COMMA).

Mapping
-------
- region: the region dimension is the code list ``s_OKATO`` (11-digit OKATO: ``66000000000``; ``643`` the
  Russian Federation) or ``00_003`` (2-digit: ``66``; ``00`` the Russian Federation). A code resolves through
  its description (:func:`regint.data.catalogs.resolve_region`), else through the catalog's ``okato`` column.
  Codes that resolve to nothing (``643004.АГ`` "RF without the new subjects", "в том числе ..." parts of a
  region) are skipped with one warning that lists them.
- period: ``Time`` plus the ``PERIOD`` attribute, see :func:`regint.data.loaders._periods.period_from_words`.
- indicator: the option ``indicator=``; else the catalog indicator whose ``fedstat_id`` is the ``DataSetID``
  or the number the file name starts with (``61483_grp.xml``). fedstat's ``DataSetID`` is often an internal
  dataset number (``1905005`` for indicator 30925), so pass ``indicator=`` when the file name says nothing.
- other dimensions: one value across the file → written into ``note``; several values → the user picks one
  per dimension with ``filters={concept: code or description}``; two series for one key after filtering
  is an error naming both series.

The file is parsed with :mod:`defusedxml`: DTDs, entities and external references are refused.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from regint.data import catalogs
from regint.data.loaders import register
from regint.data.loaders._periods import period_from_words
from regint.data.loaders.base import LoadResult, LoadWarning, ensure_nonempty, head_bytes, parse_number
from regint.data.schema import make_observations
from regint.errors import LoaderError

FORMAT = "sdmx"
GENERIC = "{http://www.SDMX.org/resources/SDMXML/schemas/v1_0/generic}"
STRUCTURE = "{http://www.SDMX.org/resources/SDMXML/schemas/v1_0/structure}"
MESSAGE = "{http://www.SDMX.org/resources/SDMXML/schemas/v1_0/message}"
#: Code lists that hold the region dimension.
REGION_CONCEPTS = ("s_OKATO", "00_003")
_COUNTRY_CODES = {"643": "RU", "00": "RU"}
_OKATO11 = re.compile(r"^(\d{2})0{9}$")


@dataclass
class _Series:
    number: int
    key: dict[str, str]
    attributes: dict[str, str]
    time: str
    value: str | None


@dataclass
class _Message:
    dataset_id: str
    prepared: str
    codelists: dict[str, dict[str, str]]
    series: list[_Series] = field(default_factory=list)


def sniff(path: Path) -> bool:
    """True for an XML file whose root is SDMX-ML ``GenericData``."""
    if path.suffix.lower() not in {".xml", ".sdmx"}:
        return False
    head = head_bytes(path, 4096)
    return b"GenericData" in head and b"SDMX" in head.upper()


def load(
    path: str | Path,
    *,
    indicator: str | None = None,
    filters: Mapping[str, str] | None = None,
    source: str = "fedstat",
    status: str = "official",
    vintage: str | None = None,
) -> LoadResult:
    """Read a fedstat SDMX-ML 1.0 GenericData file into observations.

    Parameters
    ----------
    path : path-like
        The ``.xml`` file as downloaded.
    indicator : str, optional
        Catalog indicator code; by default derived from the ``DataSetID`` or the file name (fedstat id).
    filters : mapping, optional
        ``{concept: code or description}`` for dimensions that take several values in the file.
    source, status : str
        Source id and status written into every row.
    vintage : str, optional
        Publication date; by default the date of the header's ``Prepared``.

    Returns
    -------
    LoadResult
    """
    p = Path(path)
    ensure_nonempty(p)
    message = _parse(p)
    warnings: list[LoadWarning] = []
    series = _apply_filters(message, dict(filters or {}), p)
    region_concept = _region_concept(message, p)
    notes = _constant_dimension_notes(message, series, region_concept, p)
    code = indicator or _indicator_from_ids(message.dataset_id, p)
    rows = _rows(message, series, region_concept, code, p, warnings)
    _check_duplicates(rows, p)
    for r in rows:
        r["note"] = "; ".join(x for x in (notes, r.get("note", "")) if x)
    frame = make_observations(
        rows, source=source, status=status, vintage=vintage or message.prepared[:10], file=p.name,
    )
    return LoadResult(frame, FORMAT, p, tuple(warnings))


# --- parsing -------------------------------------------------------------------------------------------


def _parse(path: Path) -> _Message:
    try:
        root = DET.parse(str(path)).getroot()
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        raise LoaderError(
            f"the XML is not well-formed ({exc}); "
            "the file is probably truncated or damaged.",
            path=path, row=line, column=column,
            fix="download the SDMX file from fedstat again and check that it ends with </GenericData>.",
        ) from exc
    except DefusedXmlException as exc:
        raise LoaderError(
            f"the XML declares a DTD, entities or external references ({type(exc).__name__}); "
            "refused for safety.",
            path=path, fix="use the file exactly as fedstat exports it (it has no DOCTYPE).",
        ) from exc
    if not root.tag.endswith("GenericData"):
        raise LoaderError(
            f"the root element is {root.tag!r}, not SDMX-ML GenericData.", path=path,
            fix="download the indicator from fedstat.ru with the 'SDMX' button.",
        )
    return _Message(
        dataset_id=_text(root, f"{MESSAGE}Header/{MESSAGE}DataSetID"),
        prepared=_text(root, f"{MESSAGE}Header/{MESSAGE}Prepared"),
        codelists=_codelists(root),
        series=_series(root),
    )


def _text(root: ET.Element, xpath: str) -> str:
    node = root.find(xpath)
    return (node.text or "").strip() if node is not None else ""


def _codelists(root: ET.Element) -> dict[str, dict[str, str]]:
    lists: dict[str, dict[str, str]] = {}
    for cl in root.iter(f"{STRUCTURE}CodeList"):
        codes: dict[str, str] = {}
        for code in cl.iter(f"{STRUCTURE}Code"):
            desc = code.find(f"{STRUCTURE}Description")
            codes[code.get("value", "")] = (desc.text or "").strip() if desc is not None else ""
        lists[cl.get("id", "")] = codes
    return lists


def _values(node: ET.Element | None) -> dict[str, str]:
    if node is None:
        return {}
    return {v.get("concept", ""): v.get("value", "") for v in node.iter(f"{GENERIC}Value")}


def _series(root: ET.Element) -> list[_Series]:
    out = []
    for number, s in enumerate(root.iter(f"{GENERIC}Series"), start=1):
        obs = s.find(f"{GENERIC}Obs")
        time_node = obs.find(f"{GENERIC}Time") if obs is not None else None
        value_node = obs.find(f"{GENERIC}ObsValue") if obs is not None else None
        out.append(_Series(
            number=number,
            key=_values(s.find(f"{GENERIC}SeriesKey")),
            attributes=_values(s.find(f"{GENERIC}Attributes")),
            time=(time_node.text or "").strip() if time_node is not None else "",
            value=value_node.get("value") if value_node is not None else None,
        ))
    return out


# --- indicator, region, filters ------------------------------------------------------------------------


def _indicator_from_ids(dataset_id: str, path: Path) -> str:
    candidates = [dataset_id]
    m = re.match(r"^(\d{4,6})(?:\D|$)", path.stem)
    if m:
        candidates.append(m.group(1))
    for fid in candidates:
        code = indicator_for_fedstat_id(fid)
        if code:
            return code
    raise LoaderError(
        f"cannot tell which indicator this is: DataSetID {dataset_id!r} and the file name match no fedstat id "
        "in the indicator catalog.",
        path=path,
        fix="pass indicator='<catalog code>' (e.g. indicator='grp_per_capita'), or name the file after the "
        "fedstat indicator id (61483_....xml).",
    )


def indicator_for_fedstat_id(fedstat_id: str) -> str | None:
    """The catalog indicator whose ``fedstat_id`` list holds ``fedstat_id`` (the most specific one), or None."""
    cat = catalogs.indicators()
    hits = []
    for code, ids in zip(cat["code"], cat["fedstat_id"], strict=True):
        id_list = [i.strip() for i in str(ids).split(";") if i.strip()]
        if fedstat_id and fedstat_id in id_list:
            hits.append((len(id_list), code))
    return min(hits)[1] if hits else None


def _region_concept(message: _Message, path: Path) -> str:
    concepts = {c for s in message.series for c in s.key}
    for concept in REGION_CONCEPTS:
        if concept in concepts:
            return concept
    raise LoaderError(
        f"no region dimension: the series keys have {sorted(concepts)}, none of {list(REGION_CONCEPTS)}.",
        path=path, fix="export the indicator from fedstat with the regions (ОКАТО) in the table.",
    )


def _apply_filters(message: _Message, filters: dict[str, str], path: Path) -> list[_Series]:
    concepts = {c for s in message.series for c in s.key}
    selected = message.series
    for concept, wanted in filters.items():
        if concept not in concepts:
            raise LoaderError(
                f"filters names the dimension {concept!r}, which the file does not have.", path=path,
                fix=f"use one of {sorted(concepts)}.",
            )
        codes = message.codelists.get(concept, {})
        keep = {str(wanted)} | {c for c, d in codes.items() if d.strip().lower() == str(wanted).strip().lower()}
        selected = [s for s in selected if s.key.get(concept) in keep]
        if not selected:
            raise LoaderError(
                f"filters[{concept!r}] = {wanted!r} selects no series.", path=path,
                fix=f"use one of the codes {_describe_codes(concept, message, message.series)}.",
            )
    return selected


def _describe_codes(concept: str, message: _Message, series: list[_Series]) -> str:
    used = sorted({s.key.get(concept, "") for s in series})
    desc = message.codelists.get(concept, {})
    return ", ".join(f"{c!r} ({desc.get(c, '?')})" for c in used[:12])


def _constant_dimension_notes(message: _Message, series: list[_Series], region: str, path: Path) -> str:
    varying: dict[str, set[str]] = defaultdict(set)
    for s in series:
        for concept, value in s.key.items():
            if concept != region:
                varying[concept].add(value)
    notes = []
    for concept, values in sorted(varying.items()):
        if len(values) > 1:
            raise LoaderError(
                f"the dimension {concept!r} takes {len(values)} values in this file, so each region and "
                "period has several series.",
                path=path,
                fix=f"pick one with filters={{{concept!r}: <code>}}; codes: {_describe_codes(concept, message, series)}.",
            )
        (value,) = values
        notes.append(f"{concept}={value} ({message.codelists.get(concept, {}).get(value, '')})")
    return "; ".join(notes)


def region_for_code(concept: str, value: str, description: str) -> str | None:
    """The catalog region of a fedstat region code (``s_OKATO`` or ``00_003``), or ``None``.

    The description decides first (``"Смоленская область"`` → ``RU-SMO``); then the code:
    ``643``/``00`` → ``RU``, an 11-digit OKATO ``66000000000`` or a 2-digit ``66`` → the catalog's ``okato``.
    """
    if description:
        code = catalogs.resolve_region(description)
        if code:
            return code
    if value in _COUNTRY_CODES:
        return _COUNTRY_CODES[value]
    m = _OKATO11.match(value)
    okato = m.group(1) if m else (value if re.fullmatch(r"\d{2}", value) and concept == "00_003" else None)
    if okato is None:
        return None
    regs = catalogs.regions()
    hits = regs.index[regs["okato"] == okato]
    return str(hits[0]) if len(hits) else None


# --- rows ----------------------------------------------------------------------------------------------


def _rows(
    message: _Message, series: list[_Series], region_concept: str, indicator: str, path: Path,
    warnings: list[LoadWarning],
) -> list[dict[str, Any]]:
    descriptions = message.codelists.get(region_concept, {})
    unresolved: dict[str, str] = {}
    unknown_periods: set[str] = set()
    rows = []
    for s in series:
        code = s.key.get(region_concept, "")
        region = region_for_code(region_concept, code, descriptions.get(code, ""))
        if region is None:
            unresolved[code] = descriptions.get(code, "")
            continue
        period = _period(s, path)
        if period is None:
            unknown_periods.add(s.attributes.get("PERIOD", ""))
            continue
        value, note = parse_number(s.value, path=path, row=None, column=f"Series {s.number} ObsValue")
        if value is None:
            continue
        unit = s.attributes.get("EI", "")
        rows.append({
            "region": region, "indicator": indicator, "period": period, "value": value, "unit": unit,
            "currency": "RUB" if "рубл" in unit.lower() else "",
            "price_basis": "current" if "рубл" in unit.lower() else "",
            "note": note, "location": f"Series {s.number}",
        })
    if unresolved:
        shown = ", ".join(f"{c} ({d})" for c, d in list(unresolved.items())[:8])
        warnings.append(LoadWarning(
            f"{len(unresolved)} region code(s) not in the region catalog were skipped: {shown}.", path=str(path),
        ))
    if unknown_periods:
        warnings.append(LoadWarning(
            f"series with PERIOD {sorted(unknown_periods)} were skipped: the sub-period is not understood.",
            path=str(path),
        ))
    return rows


def _period(s: _Series, path: Path) -> str | None:
    if not re.fullmatch(r"(19|20)\d{2}", s.time):
        raise LoaderError(
            f"Series {s.number}: Time {s.time!r} is not a year.", path=path,
            fix="export the indicator again from fedstat; Time must hold the year.",
        )
    return period_from_words(int(s.time), s.attributes.get("PERIOD", ""))


def _check_duplicates(rows: list[dict[str, Any]], path: Path) -> None:
    seen: dict[tuple[str, str, str], str] = {}
    for r in rows:
        key = (r["region"], r["indicator"], r["period"])
        if key in seen:
            raise LoaderError(
                f"{seen[key]} and {r['location']} both give {key[0]}, {key[1]}, {key[2]}.",
                path=path,
                fix="narrow the file with filters={concept: code} on the dimension that differs, or remove the "
                "duplicated series.",
            )
        seen[key] = r["location"]


register(FORMAT, "fedstat/EMISS SDMX-ML 1.0 GenericData (.xml)", sniff, load)
