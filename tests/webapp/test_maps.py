"""The map builders: render the Folium maps and check what they hold (assets, layers, credits)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import square

from web import maps
from web.config import TileLayer

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"
NEIGHBOURHOODS = [
    {
        "id": "n1",
        "name": "West <b>",
        "bounds": [4.30, 52.07, 4.31, 52.08],
        "geometry": square(4.30, 52.07),
        "tags": ["focus-area"],
    },
    {
        "id": "n2",
        "name": "East",
        "bounds": [4.31, 52.07, 4.32, 52.08],
        "geometry": square(4.31, 52.07),
        "tags": [],
    },
]
LEGEND = {
    "title": "Leads to",
    "rungs": {1: "Isolated", 6: "Paid work"},
    "cluster": "Group",
    "boundary": "Neighbourhood",
}


def static_url(path: str) -> str:
    return f"/static/{path}"


def offer_map(tiles=None):
    return maps.offer_map(
        NEIGHBOURHOODS,
        offers_url="/api/offers.geojson?region=x",
        offer_url_prefix="/offers/",
        legend=LEGEND,
        tiles=tiles,
        static_url=static_url,
        attribution="Boundaries: CBS",
    )


def test_offer_map_parts():
    parts = maps.map_parts(offer_map())
    assert parts.js == ("/static/" + maps.LEAFLET_JS, "/static/" + maps.CLUSTER_JS)
    assert parts.css == (
        "/static/" + maps.LEAFLET_CSS,
        *("/static/" + path for path in maps.CLUSTER_CSS),
    )
    assert "L.markerClusterGroup(" in parts.script
    assert "window.socialmap.loadOffers(" in parts.script
    assert '"/api/offers.geojson?region=x"' in parts.script
    assert "window.socialmap.legend(" in parts.script
    assert "fitBounds(" in parts.script
    assert "L.tileLayer" not in parts.script  # no tiles configured: nothing external
    assert "http" not in parts.script


def test_every_asset_a_map_needs_is_vendored():
    for path in (maps.LEAFLET_JS, maps.LEAFLET_CSS, maps.CLUSTER_JS, *maps.CLUSTER_CSS):
        assert (STATIC / path).is_file(), path
    vendor = STATIC / "vendor"
    for package in ("leaflet-1.9.4", "leaflet.markercluster-1.5.3"):
        assert any(
            p.name.upper().startswith(("LICENSE", "MIT-LICEN"))
            for p in (vendor / package).iterdir()
        ), package
        assert package.rsplit("-", 1)[0] in (vendor / "README.md").read_text("utf-8")


def test_boundaries_are_drawn_with_names_as_data():
    script = maps.map_parts(offer_map()).script
    assert '"name": "West \\u003cb\\u003e"' in script
    assert '"focus": true' in script
    assert "window.socialmap.neighbourhoodFeature" in script


def test_tiles_and_attribution():
    tiles = TileLayer("https://tiles.example.net/{z}/{x}/{y}.png", "© <Example>")
    script = maps.map_parts(offer_map(tiles)).script
    assert "https://tiles.example.net/{z}/{x}/{y}.png" in script
    assert "\\u0026lt;Example\\u0026gt;" in script  # escaped for Leaflet's HTML attribution
    assert "window.socialmap.attribution(" in script and "Boundaries: CBS" in script


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (["NL"], "Boundaries: CBS · Postcodes: GeoNames"),
        (["DE"], "Boundaries: BKG · Postcodes: GeoNames"),
        ([], "Postcodes: GeoNames"),
    ],
)
def test_data_attribution(countries, expected):
    assert maps.data_attribution(countries) == expected


def test_route_map_numbers_the_placed_steps_in_order():
    steps = [
        {"number": 1, "name": "A", "lat": 52.071, "lon": 4.301},
        {"number": 2, "name": "Online", "lat": None, "lon": None},
        {"number": 3, "name": "C </script>", "lat": 52.075, "lon": 4.315},
    ]
    home = {"lat": 52.072, "lon": 4.305, "label": "Home"}
    script = maps.map_parts(
        maps.route_map(
            NEIGHBOURHOODS,
            steps,
            colour="#0072B2",
            tiles=None,
            static_url=static_url,
            attribution="x",
            home=home,
        )
    ).script
    call = script[script.index("window.socialmap.drawPath(") :]
    assert call.index('"number": 1') < call.index('"number": 3')
    assert '"Online"' not in call
    assert "\\u003c/script\\u003e" in call
    assert '"label": "Home"' in call


def test_the_map_has_no_folium_cdn_links():
    figure = offer_map().get_root()
    html = figure.render()
    for host in (
        "cdn.jsdelivr.net",
        "cdnjs.cloudflare.com",
        "code.jquery.com",
        "netdna.bootstrapcdn.com",
    ):
        assert host not in html
