"""Render the locator map and a GRP-per-capita choropleth, in Russian and English, as PNG, SVG and PDF.

Values for the choropleth, in order of preference:

1. the store (``regint.data.api.load_panel(indicators=["grp_per_capita"])``), when it holds them;
2. the Rosstat GRP file in ``../shared`` read with regint's own loader (real values; Belarusian regions
   are then gaps, since that file covers Russia only);
3. a small hand-made frame, and the maps say "EXAMPLE VALUES, not data".

The year is the latest in which Smolensk, Pskov and Bryansk oblasts all have a value.
Run: ``python scripts/render_maps.py [--out out/maps] [--html]`` (``--html`` also writes the plotly maps).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from regint._paths import shared_dir
from regint.maps import choropleth_map, locator_map

INDICATOR = "grp_per_capita"
KEY_REGIONS = ("RU-SMO", "RU-PSK", "RU-BRY")


def _from_store() -> pd.DataFrame:
    try:
        from regint.data.api import load_panel

        return load_panel(indicators=[INDICATOR])
    except Exception as exc:  # the store may be absent or locked; fall through to the next source
        print(f"store not used: {exc}")
        return pd.DataFrame()


def _from_shared() -> pd.DataFrame:
    shared = shared_dir()
    path = None if shared is None else shared / "data" / "sources" / "rosstat_grp_cpi" / "VRP_s_1998.xlsx"
    if path is None or not path.exists():
        return pd.DataFrame()
    from regint.data.loaders import load_file

    frame = load_file(path, "rosstat").observations
    return frame[frame["indicator"] == INDICATOR]


def _example() -> pd.DataFrame:
    rows = [("RU-SMO", 100.0), ("RU-PSK", 80.0), ("RU-BRY", 90.0), ("BY-VI", 95.0), ("BY-MA", 85.0)]
    return pd.DataFrame([dict(region=r, indicator=INDICATOR, period="2021", value=v, unit="example units",
                              source="user", status="estimate") for r, v in rows])


def choose_values() -> tuple[pd.DataFrame, int, bool, str]:
    """(frame, year, is_example, where the values came from)."""
    for frame, origin in ((_from_store(), "store"), (_from_shared(), "../shared via regint.data.loaders")):
        if len(frame):
            years = [int(p) for p in frame["period"].astype(str).unique() if p.isdigit()]
            full = [y for y in years if set(KEY_REGIONS) <= set(frame.loc[frame["period"] == str(y), "region"])]
            if full:
                return frame, max(full), False, origin
    return _example(), 2021, True, "hand-made example"


def render(out: Path, html: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    frame, year, example, origin = choose_values()
    print(f"choropleth values: {origin}, {INDICATOR} {year}{' (EXAMPLE VALUES)' if example else ''}")
    written = []
    for lang in ("en", "ru"):
        figures = {
            f"locator_{lang}": locator_map(lang),  # type: ignore[arg-type]
            f"{INDICATOR}_{year}_{lang}": choropleth_map(frame, INDICATOR, year, lang=lang,  # type: ignore[arg-type]
                                                        example=example),
        }
        for stem, fig in figures.items():
            for ext in ("png", "svg", "pdf"):
                path = out / f"{stem}.{ext}"
                fig.savefig(path, dpi=150 if ext == "png" else None)
                written.append(path)
        if html:
            from regint.maps import choropleth_map_plotly, locator_map_plotly

            for stem, pfig in ((f"locator_{lang}", locator_map_plotly(lang)),  # type: ignore[arg-type]
                               (f"{INDICATOR}_{year}_{lang}", choropleth_map_plotly(
                                   frame, INDICATOR, year, lang=lang, example=example))):  # type: ignore[arg-type]
                path = out / f"{stem}.html"
                pfig.write_html(path, include_plotlyjs="cdn")
                written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/maps"))
    parser.add_argument("--html", action="store_true", help="also write the plotly maps as HTML")
    args = parser.parse_args()
    for path in render(args.out, args.html):
        print(path)


if __name__ == "__main__":
    main()
