"""Values JSON and CSV can carry but a dataset cannot hold, and broken boundaries.

Each bad file is refused with exit code 1 and one line on stderr naming the
file and the field (or the line), never a traceback, and the database keeps
every row it had: NaN and Infinity, whole numbers past 64 bits or past a
sensible range, lone surrogates, JSON nested 10,000 and 100,000 deep, numbers
longer than Python reads, a 50 MB value (echoed cut to 80 characters), a CSV
column given twice, and self-intersecting, unclosed or out-of-range polygons.
A property test then mutates the tiny dataset at random and checks that an
import either succeeds or fails with one clean ``SocialmapError`` line.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from builders import square, tiny_dataset
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from socialmap.cli import cli
from socialmap.dataset.writer import write_csv_folder
from socialmap.errors import SocialmapError
from socialmap.importer import import_path
from socialmap.store import open_db, table_counts


def _set(path: str, value):
    """A mutation that sets a dotted path such as ``offers.1.capacity``."""

    def mutate(data):
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(leaf) if leaf.isdigit() else leaf] = value

    return mutate


def _nested(depth: int):
    return json.loads("[" * min(depth, 900) + "]" * min(depth, 900))


def _polygon(*rings):
    return {"type": "Polygon", "coordinates": [list(ring) for ring in rings]}


BOW_TIE = [[4.30, 52.07], [4.31, 52.08], [4.31, 52.07], [4.30, 52.08], [4.30, 52.07]]
OPEN_RING = square(4.30, 52.07)["coordinates"][0][:-1]
FAR_EAST = [[200, 52], [201, 52], [201, 53], [200, 52]]
HOLE_OUTSIDE = [[4.40, 52.07], [4.41, 52.07], [4.41, 52.08], [4.40, 52.07]]

# (case, mutation of the tiny dataset, fragments of the one-line message)
BAD_VALUES = [
    (
        "latitude-nan",
        _set("locations.0.lat", float("nan")),
        ["locations[0] (id 'loc-west').lat: nan is not a number"],
    ),
    (
        "longitude-minus-infinity",
        _set("locations.1.lon", float("-inf")),
        ["locations[1] (id 'loc-east').lon: -inf is not a number"],
    ),
    (
        "cost-infinity",
        _set("offers.1.cost_eur", float("inf")),
        ["offers[1] (id 'language').cost_eur: inf is not a number"],
    ),
    (
        "wait-nan",
        _set("offers.1.wait_weeks", float("nan")),
        ["offers[1] (id 'language').wait_weeks: nan is not a number"],
    ),
    (
        "nan-in-a-boundary",
        _set("neighbourhoods.1.geometry.coordinates.0.2.0", float("nan")),
        ["neighbourhoods[1] (id 'n-east').geometry.coordinates[0][2][0]: nan is not a number"],
    ),
    (
        "capacity-past-64-bits",
        _set("offers.1.capacity", 10**30),
        ["offers[1] (id 'language').capacity: 1000000000000000000000000000000 is too large"],
    ),
    (
        "population-past-64-bits",
        _set("neighbourhoods.0.population", 2**64),
        ["neighbourhoods[0] (id 'n-west').population: 18446744073709551616 is too large"],
    ),
    (
        "age-negative-past-64-bits",
        _set("offers.3.eligibility.age_max", -(2**70)),
        ["offers[3] (id 'job').eligibility.age_max", "must not be negative"],
    ),
    (
        "age-out-of-range",
        _set("offers.3.eligibility.age_max", 200),
        ["offers[3] (id 'job').eligibility.age_max: 200 is too large (at most 150)"],
    ),
    (
        "cost-out-of-range",
        _set("offers.1.cost_eur", 1e12),
        ["offers[1] (id 'language').cost_eur: 1000000000000.0 is too large (at most 1,000,000)"],
    ),
    (
        "capacity-a-huge-float",
        _set("offers.1.capacity", 1e300),
        ["offers[1] (id 'language').capacity: 1e+300 is too large"],
    ),
    (
        "lone-surrogate",
        _set("offers.1.name", "Taal\ud800"),
        ["offers[1] (id 'language').name: 'Taal\\ud800' is not valid Unicode text"],
    ),
    (
        "nested-in-a-text-field",
        _set("offers.0.description", _nested(500)),
        ["offers[0] (id 'coffee').description: [[[[...]]]] is not of type string"],
    ),
    (
        "nested-in-a-boundary",
        _set("neighbourhoods.0.geometry.coordinates", _nested(500)),
        ["neighbourhoods[0] (id 'n-west').geometry: not a valid GeoJSON Polygon", "[0][0]:"],
    ),
    (
        "self-intersecting-boundary",
        _set("neighbourhoods.0.geometry", _polygon(BOW_TIE)),
        [
            "neighbourhoods[0] (id 'n-west').geometry: not a valid GeoJSON Polygon "
            "(Self-intersection at (4.305, 52.075))"
        ],
    ),
    (
        "unclosed-ring",
        _set("neighbourhoods.0.geometry", _polygon(OPEN_RING)),
        ["neighbourhoods[0] (id 'n-west').geometry", "coordinates[0]: the ring is not closed"],
    ),
    (
        "boundary-out-of-range",
        _set("neighbourhoods.1.geometry", _polygon(FAR_EAST)),
        ["neighbourhoods[1] (id 'n-east').geometry", "coordinates[0][0]: [200, 52] lies outside"],
    ),
    (
        "ring-of-two-positions",
        _set("neighbourhoods.1.geometry", _polygon([[4.3, 52.0], [4.3, 52.0]])),
        [
            "neighbourhoods[1] (id 'n-east').geometry",
            "a ring needs at least 4 positions",
            "found 2",
        ],
    ),
    (
        "hole-outside-its-shell",
        _set(
            "neighbourhoods.1.geometry",
            _polygon(square(4.31, 52.07)["coordinates"][0], HOLE_OUTSIDE),
        ),
        ["neighbourhoods[1] (id 'n-east').geometry", "Hole lies outside shell at (4.4"],
    ),
    (
        "multipolygon-with-a-bad-part",
        _set(
            "neighbourhoods.1.geometry",
            {
                "type": "MultiPolygon",
                "coordinates": [[square(4.31, 52.07)["coordinates"][0]], [BOW_TIE]],
            },
        ),
        ["neighbourhoods[1] (id 'n-east').geometry: not a valid GeoJSON MultiPolygon", "Self-int"],
    ),
]

# (case, text of the JSON file made from the tiny dataset's text, fragments)
BAD_TEXTS = [
    (
        "nested-10k-deep",
        lambda text: text[:-1] + ', "x": ' + "[" * 10_000 + "]" * 10_000 + "}",
        ["invalid JSON at line 1 column", "nested more than 64 levels deep"],
    ),
    (
        "nested-100k-deep-objects",
        lambda text: text[:-1] + ', "x": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}",
        ["invalid JSON at line 1 column", "nested more than 64 levels deep"],
    ),
    (
        "number-longer-than-python-reads",
        lambda text: text.replace('"capacity": 12', '"capacity": ' + "9" * 5000),
        ["invalid JSON at line 1 column", "a number with more than 4300 digits"],
    ),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(path: Path) -> dict[str, int]:
    db = open_db(path)
    try:
        return table_counts(db)
    finally:
        db.close()


@pytest.fixture
def loaded_db(tmp_path, tiny, write_json):
    """A database file holding the tiny region, closed so that its bytes are settled."""
    path = tmp_path / "loaded.db"
    db = open_db(path)
    import_path(db, write_json(tiny, "good.json"))
    db.close()
    return path


def _refused(db_path: Path, source: Path) -> str:
    """Import ``source`` by the CLI; check it is refused cleanly; return the error line."""
    before_bytes, before_counts = _digest(db_path), _counts(db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(source)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[:2000]
    assert lines[0].startswith(f"Error: {source}")
    assert _counts(db_path) == before_counts
    assert _digest(db_path) == before_bytes
    return lines[0]


def _write(data, path: Path) -> Path:
    # ensure_ascii: a lone surrogate is written as the escape "\ud800", as other tools write it
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "fragments"), [pytest.param(m, f, id=case) for case, m, f in BAD_VALUES]
)
def test_a_bad_value_is_refused_naming_its_field(loaded_db, tiny, tmp_path, mutate, fragments):
    mutate(tiny)
    line = _refused(loaded_db, _write(tiny, tmp_path / "bad.json"))
    for fragment in fragments:
        assert fragment in line


@pytest.mark.parametrize(
    ("edit", "fragments"), [pytest.param(e, f, id=case) for case, e, f in BAD_TEXTS]
)
def test_json_past_the_parser_limits_is_refused_at_its_place(
    loaded_db, tiny, tmp_path, edit, fragments
):
    bad = tmp_path / "bad.json"
    text = edit(json.dumps(tiny))
    assert text != json.dumps(tiny)
    bad.write_text(text, encoding="utf-8")
    line = _refused(loaded_db, bad)
    for fragment in fragments:
        assert fragment in line


@pytest.mark.parametrize("field", ["name", "category", "id"])
def test_a_50_mb_value_is_echoed_cut_to_80_characters(loaded_db, tiny, tmp_path, field):
    tiny["offers"][1][field] = "x" * 50_000_000
    line = _refused(loaded_db, _write(tiny, tmp_path / "big.json"))
    assert "'" + "x" * 79 + "…" in line
    assert "x" * 80 not in line and len(line) < 1000


@pytest.mark.parametrize(
    ("table", "old", "new", "fragments"),
    [
        ("offers", ",12,", ",nan,", ["offers.csv line 3.capacity: 'nan' is not a whole number"]),
        (
            "offers",
            ",12,",
            ",1" + "0" * 30 + ",",
            ["offers.csv line 3 (id 'language').capacity: 1000", "is too large"],
        ),
        ("offers", ",0,", ",inf,", ["offers.csv line 3 (id 'language').cost_eur: inf is not a"]),
        ("locations", "52.075", "1e999", ["locations.csv line 2 (id 'loc-west').lat: inf is not"]),
        ("locations", "4.305", "NaN", ["locations.csv line 2 (id 'loc-west').lon: nan is not"]),
    ],
    ids=["int-nan", "int-past-64-bits", "cost-infinity", "lat-overflows", "lon-nan"],
)
def test_a_bad_csv_number_is_refused_naming_line_and_column(
    loaded_db, tiny, tmp_path, table, old, new, fragments
):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    file = folder / f"{table}.csv"
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")
    line = _refused(loaded_db, folder)
    for fragment in fragments:
        assert fragment in line


def test_a_csv_column_given_twice_is_refused(loaded_db, tiny, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    file = folder / "offers.csv"
    lines = file.read_text("utf-8").splitlines()
    lines[0] += ",capacity"
    lines[1:] = [line + ",99" for line in lines[1:]]
    file.write_text("\n".join(lines) + "\n", "utf-8")
    line = _refused(loaded_db, folder)
    assert f"{file} line 1: column 'capacity' appears twice (columns 24 and 36)" in line


def test_empty_columns_at_the_end_of_a_csv_are_not_duplicates(fresh_db, tiny, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    file = folder / "organisations.csv"
    lines = file.read_text("utf-8").splitlines()
    file.write_text("\n".join(line + ",," for line in lines) + "\n", "utf-8")
    report = import_path(fresh_db, folder)
    assert fresh_db["organisations"].count == 3
    assert any("unknown column '' ignored" in w for w in report.warnings)


def test_an_unknown_key_that_is_not_unicode_is_dropped_with_a_warning(fresh_db, tiny, tmp_path):
    tiny["offers"][0]["\udc80"] = 1
    report = import_path(fresh_db, _write(tiny, tmp_path / "odd.json"))
    assert any(
        "offers[0] (id 'coffee')['\\udc80']: unknown key ignored" in w for w in report.warnings
    )
    assert fresh_db["offers"].count == 4


def test_a_valid_multipolygon_boundary_still_imports(fresh_db, tiny, write_json):
    parts = [square(4.31, 52.07)["coordinates"], square(4.33, 52.07)["coordinates"]]
    tiny["neighbourhoods"][1]["geometry"] = {"type": "MultiPolygon", "coordinates": parts}
    import_path(fresh_db, write_json(tiny))
    assert fresh_db["neighbourhoods"].count == 2


# --- property: whatever is changed, the import succeeds or fails with one clean line ---------

_NASTY_TEXT = st.sampled_from(
    ["", " ", "\ud800", "a\udfffb", "x" * 100_000, "NaN", "Infinity", "1e999", "-0", "9" * 400,
     "<script>alert(1)</script>", "'; DROP TABLE offers; --", "line\nbreak", "\x00", "١٢", "😀"]
)  # fmt: skip
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([2**63, -(2**63) - 1, 2**63 - 1, 10**30, 10**4000]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    _NASTY_TEXT,
    st.lists(st.integers(min_value=-3, max_value=9), max_size=3),
    st.dictionaries(st.sampled_from(["id", "type", "x", "\ud800"]), st.integers(), max_size=2),
    st.integers(min_value=1, max_value=900).map(_nested),
)


def _paths(node, prefix=()):
    """Every path into the tiny dataset (objects, lists and leaves)."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


PATHS = [p for p in _paths(tiny_dataset()) if p]


@st.composite
def _mutated(draw):
    """The tiny dataset with one to three random changes: set, delete or add a key."""
    data = tiny_dataset()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["set", "set", "delete", "add"]))
            if action == "delete":
                del parent[path[-1]]
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.sampled_from(["extra", "lat", "\udc80", "x" * 200]))] = draw(_VALUES)
            else:
                parent[path[-1]] = draw(_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this path
    return data


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    """The tiny region in a database file that each example copies."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    db = open_db(path)
    import_path(db, _write(tiny_dataset(), path.parent / "tiny.json"))
    db.close()
    return path


def _import_copy(seed: Path, write_source) -> None:
    """Import into a copy of ``seed``; refused imports must leave the copy as it was."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "copy.db"
        shutil.copy(seed, db_path)
        source = write_source(Path(folder))
        before = _digest(db_path)
        db = open_db(db_path)
        try:
            import_path(db, source)
        except SocialmapError as exc:
            event("refused with one line")
            message = str(exc)
            assert "\n" not in message and 0 < len(message) < 2000, message[:2000]
            assert "Traceback" not in message
            db.close()
            assert _digest(db_path) == before
        else:
            event("imported")
            db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_mutated())
def test_random_json_changes_import_or_fail_with_one_clean_line(seed_db, data):
    _import_copy(seed_db, lambda folder: _write(data, folder / "mutated.json"))


_CELLS = st.one_of(
    st.text(max_size=20),  # a CSV file is UTF-8 text: it cannot hold a lone surrogate
    _NASTY_TEXT.filter(lambda text: not any("\ud800" <= c <= "\udfff" for c in text)),
)
_TABLES = ["region", "neighbourhoods", "organisations", "locations", "offers", "referral_links"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(_TABLES),
    row=st.integers(min_value=0, max_value=4),
    column=st.integers(min_value=0, max_value=40),
    cell=_CELLS,
    duplicate=st.booleans(),
)
def test_random_csv_cells_import_or_fail_with_one_clean_line(
    seed_db, table, row, column, cell, duplicate
):
    def write(folder: Path) -> Path:
        out = folder / "csv"
        write_csv_folder(copy.deepcopy(tiny_dataset()), out)
        file = out / f"{table}.csv"
        lines = [line.split(",") for line in file.read_text("utf-8").splitlines()]
        header, target = lines[0], lines[min(row, len(lines) - 1)]
        if duplicate:
            header.append(header[min(column, len(header) - 1)])
        else:
            target[min(column, len(target) - 1)] = '"' + cell.replace('"', '""') + '"'
        text = "\n".join(",".join(line) for line in lines) + "\n"
        file.write_text(text, "utf-8")
        return out

    _import_copy(seed_db, write)


@pytest.mark.parametrize("shapeless", [0, 1])
def test_a_neighbourhood_without_a_shape_beside_one_with_a_shape(
    fresh_db, tiny, write_json, shapeless
):
    # Found by the property tests above: the rows of a table are stored with the columns of
    # the first row, so a neighbourhood with neither geometry nor a known postcode beside
    # one with a geometry failed (KeyError) or lost the other's representative point.
    del tiny["neighbourhoods"][shapeless]["geometry"]
    tiny["neighbourhoods"][shapeless].pop("postcodes", None)
    import_path(fresh_db, write_json(tiny))
    rows = {row["id"]: row for row in fresh_db["neighbourhoods"].rows}
    shaped = tiny["neighbourhoods"][1 - shapeless]["id"]
    assert rows[tiny["neighbourhoods"][shapeless]["id"]]["lat"] is None
    assert rows[shaped]["lat"] == pytest.approx(52.075, abs=0.01)
