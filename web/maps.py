"""Folium maps as objects built by pure functions, and their pieces for a Jinja page.

:func:`offer_map` draws neighbourhood boundaries, an empty marker cluster that
``static/js/map.js`` fills from the offers GeoJSON endpoint (10,000 offers
never travel inline), a legend and the data sources' attribution;
:func:`route_map` draws one referral path as numbered markers joined in order.
:func:`map_parts` splits a map into the script and the asset URLs a template
embeds.

Every asset is served by the app: Folium's CDN links (Leaflet, jQuery,
Bootstrap, awesome-markers, Font Awesome) are replaced by the files vendored
in ``static/vendor/`` or dropped.  Text from the data never goes through
Folium's popups or tooltips (they insert HTML); it is passed as JSON and put
into the page by ``map.js`` with ``textContent``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import CssLink, JavascriptLink
from folium.elements import MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template
from folium.utilities import JsCode
from markupsafe import escape
from shapely.geometry import mapping, shape

from .config import TileLayer

__all__ = [
    "LEAFLET_JS",
    "LEAFLET_CSS",
    "CLUSTER_JS",
    "CLUSTER_CSS",
    "RUNG_COLOURS",
    "CLUSTER_COLOUR",
    "MapParts",
    "offer_map",
    "route_map",
    "map_parts",
    "data_attribution",
]

LEAFLET_JS = "vendor/leaflet-1.9.4/leaflet.js"
LEAFLET_CSS = "vendor/leaflet-1.9.4/leaflet.css"
CLUSTER_JS = "vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js"
CLUSTER_CSS = (
    "vendor/leaflet.markercluster-1.5.3/MarkerCluster.css",
    "vendor/leaflet.markercluster-1.5.3/MarkerCluster.Default.css",
)

#: Marker colour by the rung an offer leads to (Okabe–Ito, safe for colour-blind readers).
RUNG_COLOURS = {
    1: "#999999",
    2: "#E69F00",
    3: "#56B4E9",
    4: "#009E73",
    5: "#0072B2",
    6: "#CC79A7",
}
#: Groups of offers: white with a black ring, a colour no rung has (see socialmap.css).
CLUSTER_COLOUR = "#ffffff"
PATH_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")

_SIMPLIFY_DEG = 0.0003  # about 30 m: plenty for drawing a city
#: A region map draws its boundaries to about 1/2000 of its extent (some 100 m for a Land).
_SIMPLIFY_SHARE = 1 / 2000
_MAX_ZOOM = 19
_VIEW_MAX_ZOOM = 14
_DEFAULT_VIEW = ([51.8, 5.6], 7)  # between Den Haag and Gladbeck, when there is no geometry

StaticUrl = Callable[[str], str]


@dataclass(frozen=True)
class MapParts:
    """What a page needs to show a map: the div id, its script, and asset URLs."""

    id: str
    script: str
    js: tuple[str, ...]
    css: tuple[str, ...]


class _Call(MacroElement):
    """``socialmap.<function>(map, layer…, json-arg…)`` in the map's script."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.socialmap.{{ this.function }}({{ this._parent.get_name() }}
            {%- for layer in this.layers %}, {{ layer.get_name() }}{% endfor %}
            {%- for arg in this.args %}, {{ arg|tojson }}{% endfor %});
        {% endmacro %}
        """
    )

    def __init__(self, function: str, *args: Any, layers: Sequence[Any] = ()):
        super().__init__()
        if not re.fullmatch(r"[A-Za-z]+", function):
            raise ValueError(f"not a map.js function name: {function!r}")
        self._name = "SocialmapCall"
        self.function = function
        self.args = args
        self.layers = list(layers)


def _static_links(element: Any, static_url: StaticUrl, js: Iterable[str], css: Iterable[str]):
    """Point a Folium element's assets at files this app serves."""
    element.default_js = [(path, static_url(path)) for path in js]
    element.default_css = [(path, static_url(path)) for path in css]


def data_attribution(countries: Iterable[str]) -> str:
    """Plain-text credits of the open data a map shows, by the regions' countries.

    >>> data_attribution(["NL", "DE"])
    'Boundaries: CBS, BKG · Postcodes: GeoNames'
    """
    found = set(countries)
    boundaries = [name for country, name in (("NL", "CBS"), ("DE", "BKG")) if country in found]
    parts = [f"Boundaries: {', '.join(boundaries)}"] if boundaries else []
    return " · ".join([*parts, "Postcodes: GeoNames"])


def _base_map(
    neighbourhoods: Sequence[dict[str, Any]],
    *,
    tiles: TileLayer | None,
    static_url: StaticUrl,
    attribution: str,
    view: list[list[float]] | None = None,
) -> folium.Map:
    """Map, tiles, boundaries and credits; the view fits ``view`` (else the neighbourhoods)."""
    bounds = view or _bounds(neighbourhoods)
    location, zoom = _DEFAULT_VIEW
    # markercluster needs maxZoom on the map itself when there is no tile layer
    m = folium.Map(
        location=location, zoom_start=zoom, tiles=None, control_scale=True, maxZoom=_MAX_ZOOM
    )
    _static_links(m, static_url, [LEAFLET_JS], [LEAFLET_CSS])
    if tiles is not None:
        folium.TileLayer(
            tiles=tiles.url,
            attr=str(escape(tiles.attribution)),
            name="tiles",
            control=False,
            max_zoom=_MAX_ZOOM,
        ).add_to(m)
    if bounds is not None:
        # Close enough to read street names, never closer than a few blocks.
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=_VIEW_MAX_ZOOM)
    _boundaries(neighbourhoods).add_to(m)
    # Leaflet treats attribution as HTML: pass our plain text escaped.
    m.add_child(_Call("attribution", str(escape(attribution))))
    return m


def _bounds(neighbourhoods: Sequence[dict[str, Any]]) -> list[list[float]] | None:
    boxes = [n["bounds"] for n in neighbourhoods if n.get("bounds")]
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    return [[south, west], [north, east]]


def _boundaries(neighbourhoods: Sequence[dict[str, Any]]) -> folium.GeoJson:
    box = _bounds(neighbourhoods)
    extent = max(box[1][0] - box[0][0], box[1][1] - box[0][1]) if box else 0.0
    tolerance = max(_SIMPLIFY_DEG, extent * _SIMPLIFY_SHARE)
    features = [
        {
            "type": "Feature",
            "id": n["id"],
            "properties": {
                "id": n["id"],
                "name": n["name"],
                "focus": "focus-area" in (n.get("tags") or []),
            },
            "geometry": _simplified(n["geometry"], tolerance),
        }
        for n in neighbourhoods
        if n.get("geometry")
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="neighbourhoods",
        control=False,
        style_function=_boundary_style,
        on_each_feature=JsCode("window.socialmap.neighbourhoodFeature"),
    )


def _boundary_style(feature: dict[str, Any]) -> dict[str, Any]:
    focus = feature["properties"]["focus"]
    return {
        "color": "#3b3b98",
        "weight": 2,
        "fillColor": "#3b3b98",
        "fillOpacity": 0.12 if focus else 0.03,
        "className": "sm-boundary",
    }


def _simplified(geometry: dict[str, Any], tolerance: float) -> dict[str, Any]:
    simple = shape(geometry).simplify(tolerance, preserve_topology=True)
    return _round(mapping(simple))


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def offer_map(
    neighbourhoods: Sequence[dict[str, Any]],
    *,
    offers_url: str,
    offer_url_prefix: str,
    legend: dict[str, Any],
    tiles: TileLayer | None,
    static_url: StaticUrl,
    attribution: str,
    view: list[list[float]] | None = None,
) -> folium.Map:
    """The residents' map: boundaries, clustered offers loaded from ``offers_url``, legend.

    ``legend`` holds the texts of the legend in the page's language:
    ``{"title": str, "rungs": {rung: label}, "cluster": str, "boundary": str}``.
    ``view`` (``[[south, west], [north, east]]``): what the map opens on — the
    filtered offers, the chosen neighbourhood or the resident's postcode — else
    the neighbourhoods.
    """
    m = _base_map(
        neighbourhoods, tiles=tiles, static_url=static_url, attribution=attribution, view=view
    )
    cluster = MarkerCluster(
        name="offers",
        control=False,
        options={"chunkedLoading": True, "showCoverageOnHover": False, "maxClusterRadius": 50},
    )
    _static_links(cluster, static_url, [CLUSTER_JS], CLUSTER_CSS)
    cluster.add_to(m)
    colours = {str(rung): colour for rung, colour in RUNG_COLOURS.items()}
    m.add_child(_Call("loadOffers", offers_url, offer_url_prefix, colours, layers=[cluster]))
    items = [
        {"colour": RUNG_COLOURS[rung], "label": label, "shape": "circle"}
        for rung, label in sorted(legend["rungs"].items())
    ]
    items.append({"colour": CLUSTER_COLOUR, "label": legend["cluster"], "shape": "cluster"})
    if any(n.get("geometry") for n in neighbourhoods):
        items.append({"colour": "#3b3b98", "label": legend["boundary"], "shape": "area"})
    m.add_child(_Call("legend", legend["title"], items))
    return m


def route_map(
    neighbourhoods: Sequence[dict[str, Any]],
    steps: Sequence[dict[str, Any]],
    *,
    colour: str,
    tiles: TileLayer | None,
    static_url: StaticUrl,
    attribution: str,
    home: dict[str, Any] | None = None,
) -> folium.Map:
    """One referral path: numbered markers joined in order (steps without a place are skipped).

    ``steps``: ``[{"number": int, "name": str, "lat": float, "lon": float}, …]``;
    ``home``: ``{"lat", "lon", "label"}`` of the client's home, drawn unnumbered.
    """
    placed: list[dict[str, Any]] = [
        {
            "number": int(s["number"]),
            "name": str(s["name"]),
            "lat": float(s["lat"]),
            "lon": float(s["lon"]),
        }
        for s in steps
        if s.get("lat") is not None and s.get("lon") is not None
    ]
    points: list[tuple[float, float]] = [(float(s["lat"]), float(s["lon"])) for s in placed]
    if home is not None:
        points.append((float(home["lat"]), float(home["lon"])))
    view = _box(points) if points else None
    m = _base_map(
        neighbourhoods, tiles=tiles, static_url=static_url, attribution=attribution, view=view
    )
    m.add_child(_Call("drawPath", placed, colour, home))
    return m


def _box(points: Sequence[tuple[float, float]]) -> list[list[float]]:
    """[[south, west], [north, east]] around (lat, lon) points."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def map_parts(m: folium.Map) -> MapParts:
    """Render ``m`` and return its div id, script and the asset URLs its header holds.

    Folium's header also carries a viewport tag that forbids zooming, full-page
    styles and global switches: those are left out on purpose; the page's own
    stylesheet sizes the map.
    """
    figure: Any = m.get_root()  # a branca Figure: it has header, html and script
    figure.render()
    js = tuple(c.url for c in figure.header._children.values() if isinstance(c, JavascriptLink))
    css = tuple(c.url for c in figure.header._children.values() if isinstance(c, CssLink))
    return MapParts(id=m.get_name(), script=figure.script.render(), js=js, css=css)
