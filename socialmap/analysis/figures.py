"""The report's figures as markup: the coverage heat map (HTML table) and the choropleth (SVG).

Pure functions from analysis results to strings; every piece of data is
escaped here.  They draw with inline SVG and CSS classes (see
:data:`socialmap.analysis.report.CSS`), so a report opens offline and the
web page can embed the same figures.  No JavaScript.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from html import escape
from typing import Any

import networkx as nx
import numpy as np
import shapely
from babel.numbers import format_decimal
from shapely.geometry import shape

from ..vocab import RUNG_LABELS, label
from .common import category_label, group_label
from .text import say

__all__ = ["coverage_heatmap", "choropleth", "heat_class", "rung_label", "COLOURS"]

#: Sequential fill colours of the choropleth (light to dark), white = nothing in reach.
COLOURS = ("#ffffff", "#deebf7", "#9ecae1", "#4292c6", "#08519c")
_WIDTH = 230.0


def rung_label(rung: int, lang: str = "en") -> str:
    """A rung's label in ``lang`` (English when unknown).

    >>> rung_label(4, "nl")
    'Onbetaald werk'
    """
    return label(RUNG_LABELS, rung, lang)


def heat_class(count: int) -> str:
    """The CSS class of a heat-map cell.

    >>> [heat_class(n) for n in (0, 1, 2, 5, 12)]
    ['h0', 'h1', 'h2', 'h3', 'h4']
    """
    if count <= 0:
        return "h0"
    if count == 1:
        return "h1"
    if count <= 3:
        return "h2"
    if count <= 9:
        return "h3"
    return "h4"


def _neighbourhoods_by_region(G: nx.MultiDiGraph) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    result: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for _, data in G.nodes(data=True):
        if data.get("kind") == "neighbourhood":
            result[str(data["region"])].append((str(data["id"]), data))
    for items in result.values():
        items.sort(key=lambda item: (str(item[1].get("name") or item[0]), item[0]))
    return dict(sorted(result.items()))


def coverage_heatmap(
    G: nx.MultiDiGraph, rows: list[dict[str, Any]], *, lang: str = "en", km: dict[str, float]
) -> str:
    """One heat-map table per region: neighbourhoods × (target group × rung 1–5).

    ``km`` is each region's catchment, for the caption.
    """
    counts = {(r["target_group"], r["neighbourhood"], r["rung"]): r for r in rows}
    groups = sorted({r["target_group"] for r in rows}, key=lambda g: group_label(G, g, lang))
    rungs = sorted({r["rung"] for r in rows})
    parts = [_heat_legend(lang)]
    for region, places in _neighbourhoods_by_region(G).items():
        places = [
            (nid, d) for nid, d in places if (groups and (groups[0], nid, rungs[0]) in counts)
        ]
        if not places:
            continue
        parts.append(
            f'<div class="scroll"><table class="heat"><caption>{escape(region)} — '
            f"{escape(say('coverage_intro', lang, km=f'{km.get(region, 0):g}'))}"
            "</caption><thead><tr><th></th>"
        )
        parts += [
            f'<th colspan="{len(rungs)}" class="group">{escape(group_label(G, g, lang))}</th>'
            for g in groups
        ]
        parts.append("</tr><tr><th></th>")
        for _ in groups:
            parts += [
                f'<th class="rung" title="{escape(rung_label(r, lang))}">{r}</th>' for r in rungs
            ]
        parts.append("</tr></thead><tbody>")
        for nid, data in places:
            parts.append(f'<tr><th class="place">{escape(str(data.get("name") or nid))}</th>')
            for g in groups:
                for r in rungs:
                    row = counts.get((g, nid, r))
                    n = row["offers"] if row else 0
                    tip = f"{group_label(G, g, lang)} · {data.get('name') or nid} · {r}: {n}"
                    parts.append(f'<td class="{heat_class(n)}" title="{escape(tip)}">{n}</td>')
            parts.append("</tr>")
        parts.append("</tbody></table></div>")
    return "".join(parts)


def _heat_legend(lang: str) -> str:
    items = [
        ("h0", say("legend_gap", lang)),
        ("h1", "1"),
        ("h2", "2–3"),
        ("h3", "4–9"),
        ("h4", say("legend_many", lang)),
    ]
    cells = "".join(f'<span class="key {cls}"></span>{escape(text)} ' for cls, text in items)
    return f'<p class="legend">{cells}</p>'


# --- choropleth ------------------------------------------------------------------------------


def _shape(data: dict[str, Any]) -> Any:
    """The outline to draw (simplified), or the neighbourhood's point when it has no geometry."""
    raw = data.get("geometry")
    if raw:
        try:
            geometry = shape(json.loads(raw) if isinstance(raw, str) else raw)
            outline = shapely.make_valid(geometry).simplify(0.0003, preserve_topology=True)
            if not outline.is_empty:
                return outline
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
    if data.get("lat") is not None and data.get("lon") is not None:
        return shapely.Point(float(data["lon"]), float(data["lat"]))
    return None


def _path(geometry: Any, project: Any) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    parts = []
    for polygon in polygons:
        for ring in [getattr(polygon, "exterior", None), *getattr(polygon, "interiors", [])]:
            if ring is None:
                continue
            points = [project(lon, lat) for lon, lat in ring.coords]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _classes(values: list[float]) -> list[float]:
    """Upper bounds of the four shaded classes: quartiles of the positive values."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    return [float(q) for q in np.quantile(positive, [0.25, 0.5, 0.75, 1.0])]


def _fill(value: float, bounds: list[float]) -> str:
    if value <= 0 or not bounds:
        return COLOURS[0]
    for i, bound in enumerate(bounds):
        if value <= bound:
            return COLOURS[i + 1]
    return COLOURS[-1]


def choropleth(G: nx.MultiDiGraph, access: dict[str, Any], *, lang: str = "en") -> str:
    """Small-multiple SVG maps: one per region and category, neighbourhoods shaded by score.

    ``access`` has the keys of :func:`socialmap.analysis.accessibility.accessibility`
    (``scores``, ``neighbourhoods_without_population``, ``parameters``).
    """
    scores: dict[tuple[str, str], float] = {
        (s["neighbourhood"], s["category"]): s["score"] for s in access.get("scores", [])
    }
    missing = set(access.get("neighbourhoods_without_population", []))
    params = access.get("parameters", {})
    parts = []
    region_names = G.graph.get("region_names") or {}
    for region, places in _neighbourhoods_by_region(G).items():
        categories = sorted({c for (nid, c) in scores if any(nid == p for p, _ in places)})
        if not categories:
            continue
        drawn = [(nid, d, _shape(d)) for nid, d in places]
        drawn = [(nid, d, g) for nid, d, g in drawn if g is not None]
        if not drawn:
            continue
        defs, height, spots = _defs(region, drawn)
        km = params.get("catchment_km", {}).get(region, "")
        decay = say(params.get("decay", "gaussian"), lang)
        parts.append(
            f'<p class="legend">{escape(region_names.get(region, region))} — '
            f"{escape(say('accessibility_intro', lang, km=km, decay=decay))} "
            + "".join(f'<span class="key" style="background:{c}"></span>' for c in COLOURS)
            + "</p>"
            + defs
        )
        parts.append('<div class="maps">')
        for category in categories:
            values = [scores.get((nid, category), 0.0) for nid, _, _ in drawn]
            bounds = _classes(values)
            caption = category_label(category, lang)
            top = max(values) if values else 0
            uses = []
            for k, (nid, d, _) in enumerate(drawn):
                name = str(d.get("name") or nid)
                if nid in missing:
                    fill, tip = f"url(#hatch-{_slug(region)})", f"{name}: —"
                else:
                    value = scores.get((nid, category), 0.0)
                    fill, tip = _fill(value, bounds), f"{name}: {_decimal(value, lang)}"
                uses.append(
                    f'<use href="#{_slug(region)}-{k}" fill="{fill}">'
                    f"<title>{escape(tip)}</title></use>"
                )
            uses += _labels(drawn, spots, values, missing)
            parts.append(
                f'<figure><svg viewBox="0 0 {_WIDTH:.0f} {height:.0f}" role="img" '
                f'aria-label="{escape(caption)}">{"".join(uses)}</svg><figcaption>'
                f"{escape(caption)} <small>({escape(say('max', lang, value=_decimal(top, lang)))})"
                "</small></figcaption></figure>"
            )
        parts.append("</div>")
    return "".join(parts)


def _decimal(value: float, lang: str) -> str:
    """A score as ``lang`` writes it (0,0023 in de and nl), three significant digits."""
    return format_decimal(float(f"{value:.3g}"), format="#,##0.######", locale=lang)


def _labels(
    drawn: list[tuple[str, dict[str, Any], Any]],
    spots: list[tuple[float, float]],
    values: list[float],
    missing: set[str],
) -> list[str]:
    """Name labels of the best- and the worst-served neighbourhood with residents."""
    scored = [k for k, (nid, _, _) in enumerate(drawn) if nid not in missing]
    if not scored:
        return []
    picked = dict.fromkeys(
        [max(scored, key=lambda k: (values[k], -k)), min(scored, key=lambda k: (values[k], k))]
    )
    return [
        f'<text x="{spots[k][0]:.1f}" y="{spots[k][1]:.1f}" font-size="11" '
        'text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3">'
        f"{escape(str(drawn[k][1].get('name') or drawn[k][0]))}</text>"
        for k in picked
    ]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)


def _defs(
    region: str, drawn: list[tuple[str, dict[str, Any], Any]]
) -> tuple[str, float, list[tuple[float, float]]]:
    """One hidden SVG holding each neighbourhood's outline once (maps ``<use>`` them),
    its height, and where each neighbourhood's name label goes."""
    bounds = shapely.total_bounds([g for _, _, g in drawn])
    min_lon, min_lat, max_lon, max_lat = (float(b) for b in bounds)
    aspect = math.cos(math.radians((min_lat + max_lat) / 2))
    pad = 30.0 if any(isinstance(g, shapely.Point) for _, _, g in drawn) else 5.0
    span = max((max_lon - min_lon) * aspect, max_lat - min_lat, 1e-3)
    scale = (_WIDTH - 2 * pad) / span
    height = (max_lat - min_lat) * scale + 2 * pad

    def project(lon: float, lat: float) -> tuple[float, float]:
        return pad + (lon - min_lon) * aspect * scale, pad + (max_lat - lat) * scale

    slug = _slug(region)
    shared: dict[tuple[float, float], list[int]] = defaultdict(list)
    for k, (_, _, g) in enumerate(drawn):
        if isinstance(g, shapely.Point):
            shared[(round(g.x, 5), round(g.y, 5))].append(k)
    paths = []
    spots: list[tuple[float, float]] = []
    for k, (_, _, g) in enumerate(drawn):
        inner = g if isinstance(g, shapely.Point) else g.representative_point()
        spots.append(project(inner.x, inner.y))
        if not isinstance(g, shapely.Point):
            paths.append(
                f'<path id="{slug}-{k}" d="{_path(g, project)}" fill-rule="evenodd" '
                'stroke="#555" stroke-width="0.6"/>'
            )
            continue
        # No outline: a dot; dots of one place (a shared postcode) are set in a ring.
        x, y = project(g.x, g.y)
        same = shared[(round(g.x, 5), round(g.y, 5))]
        if len(same) > 1:
            angle = 2 * math.pi * same.index(k) / len(same)
            x, y = x + 16 * math.cos(angle), y + 16 * math.sin(angle)
        paths.append(
            f'<circle id="{slug}-{k}" cx="{x:.1f}" cy="{y:.1f}" r="9" '
            'stroke="#555" stroke-width="0.8"/>'
        )
    hatch = (
        f'<pattern id="hatch-{slug}" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="4" height="4" fill="#eee"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#999" stroke-width="1.5"/></pattern>'
    )
    return (
        (
            f'<svg class="defs" width="0" height="0" aria-hidden="true"><defs>{hatch}'
            f"{''.join(paths)}</defs></svg>"
        ),
        height,
        spots,
    )
