"""No request does work that grows with the whole database (issue 10, point 3).

* Every HSDS list pages from the store: the page size is capped, the paging
  fields agree with the list, and a page reads only the records it shows.
* ``format=ndjson`` streams, a page of records at a time.
* The coach page is prepared in the background, once per data version, one
  analysis at a time; the page answers 503 "being prepared" until then; far-off
  dates are a 400.
* A request past its time limit is a 503 with the security headers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import make_app
from helpers import SharedDb, wait_until
from web_datasets import import_dataset

from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.search import hsds as hsds_records
from socialmap.store import open_db
from socialmap_bench.synth import synthesize
from web import coach, create_app
from web.data import get_db

TODAY = dt.date(2026, 11, 2)
PER_PAGE = 7
SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options")
LISTS = ["services", "organizations", "service_at_locations", "taxonomy_terms"]


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory) -> Iterator[SharedDb]:
    """A synthetic network of 60 offers (about 20 organisations, some offers online), only read:
    the module fails at its end if it changed; a test that writes takes ``synth_db.copy``."""
    path = tmp_path_factory.mktemp("bounded") / "synth.db"
    shared = SharedDb(import_dataset(path, synthesize(60, seed=5, region="den-haag", today=TODAY)))
    yield shared
    shared.check()


@pytest.fixture(scope="module")
def client(synth_db):
    app = make_app(synth_db.path, COACH_PREPARE=False, API_MAX_PAGE_SIZE=10, HSDS_MAX_PAGE_SIZE=10)
    return app.test_client()


def _ndjson(client, url: str) -> list[dict]:
    response = client.get(url, query_string={"format": "ndjson"})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


# --- every HSDS list pages ------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_through_all_its_records_once(client, name):
    everything = [record["id"] for record in _ndjson(client, f"/hsds/{name}")]
    assert len(everything) > 2 * PER_PAGE and len(set(everything)) == len(everything)
    pages = math.ceil(len(everything) / PER_PAGE)
    seen: list[str] = []
    for number in range(1, pages + 2):  # one page past the end
        body = client.get(f"/hsds/{name}?per_page={PER_PAGE}&page={number}").get_json()
        assert body["total_items"] == len(everything)
        assert body["total_pages"] == pages
        assert body["page_number"] == number
        assert body["first_page"] == (number == 1)
        assert body["last_page"] == (number >= pages)
        expected = min(PER_PAGE, max(0, len(everything) - (number - 1) * PER_PAGE))
        assert body["size"] == len(body["contents"]) == expected
        seen += [record["id"] for record in body["contents"]]
    assert seen == everything


@pytest.mark.parametrize("name", LISTS)
def test_the_page_size_is_capped(client, name):
    assert len(client.get(f"/hsds/{name}?per_page=10").get_json()["contents"]) == 10
    response = client.get(f"/hsds/{name}?per_page=11")
    assert response.status_code == 400
    assert response.get_json()["field"] == "per_page"


def test_filtered_lists_page_and_count_the_filtered_records(client):
    services = _ndjson(client, "/hsds/services")
    organization = services[0]["organization_id"]
    own = [s["id"] for s in services if s["organization_id"] == organization]
    body = client.get(f"/hsds/services?organization_id={organization}&per_page=1").get_json()
    assert body["total_items"] == len(own) and body["contents"][0]["id"] == own[0]
    assert client.get("/hsds/services?organization_id=nobody").get_json()["total_items"] == 0


@pytest.mark.parametrize(
    "url",
    ["/hsds/services?full=true", "/hsds/organizations?full=true", "/hsds/service_at_locations"],
)
def test_a_page_reads_only_the_records_it_shows(client, monkeypatch, url):
    asked: list[int] = []
    read = hsds_records.read_region

    def spy(db, region, part=None):
        asked.append(len(part.offers) + len(part.organisations))
        return read(db, region, part)

    monkeypatch.setattr(hsds_records, "read_region", spy)
    body = client.get(f"{url}&per_page=3" if "?" in url else f"{url}?per_page=3").get_json()
    assert len(body["contents"]) == 3
    assert asked and sum(asked) <= 3  # never the whole region


def test_ndjson_streams_a_page_at_a_time(client):
    response = client.get("/hsds/services?format=ndjson", buffered=False)
    assert response.is_streamed
    chunks = [chunk.decode() for chunk in response.response]
    response.close()
    lines = [line for chunk in chunks for line in chunk.splitlines()]
    assert len(lines) == 60
    assert len(chunks) == 6  # 60 services, 10 (API_MAX_PAGE_SIZE) a chunk
    assert all(chunk.endswith("\n") for chunk in chunks)  # whole lines only


def test_an_ndjson_stream_past_the_time_limit_ends_with_an_error_line(client, monkeypatch):
    import web.data

    class Clock:
        """The real clock, which the test can move on."""

        ahead = 0.0

        def monotonic(self) -> float:
            return time.monotonic() + self.ahead

    clock = Clock()
    monkeypatch.setattr(web.data, "time", clock)
    response = client.get("/hsds/services?format=ndjson", buffered=False)
    chunks = iter(response.response)
    first = next(chunks).decode()
    clock.ahead = 3600.0  # an hour later, half-way through writing the stream
    rest = b"".join(chunks).decode()
    response.close()
    assert len(first.splitlines()) == 10
    assert [json.loads(line) for line in rest.splitlines()] == [
        {"error": "the request took too long; the list is incomplete"}
    ]


# --- the coach page -------------------------------------------------------------------------


class SlowAnalysis:
    """The real preparation (a child process), held back until released; counts how many run."""

    def __init__(self, monkeypatch):
        self.release = threading.Event()
        self.running = self.most = self.calls = 0
        self._lock = threading.Lock()
        self._real = coach.prepare
        monkeypatch.setattr(coach, "prepare", self)

    def __call__(self, *args, **kwargs):
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            assert self.release.wait(30), "the test never released the analysis"
            return self._real(*args, **kwargs)
        finally:
            with self._lock:
                self.running -= 1


def _until(client, url: str, status: int = 200, seconds: float = 30):
    """The first response to ``url`` with ``status`` (polling, with a deadline)."""

    def answered():
        response = client.get(url)
        return response if response.status_code == status else None

    return wait_until(answered, timeout=seconds, interval=0.02, what=f"{url} answering {status}")


@pytest.fixture
def coach_app(synth_db, tmp_path):
    db = synth_db.copy(tmp_path / "coach.db")
    return make_app(db, COACH_PREPARE=False, COACH_WAIT_SECONDS=0)


def test_the_coach_page_is_prepared_in_the_background_one_analysis_at_a_time(
    coach_app, monkeypatch
):
    slow = SlowAnalysis(monkeypatch)
    client = coach_app.test_client()
    first = client.get("/coach/?lang=en")
    assert first.status_code == 503
    assert first.headers["Retry-After"].isdigit()
    assert 'http-equiv="refresh"' in first.get_data(as_text=True)
    for header in SECURITY_HEADERS:
        assert header in first.headers
    # Other days while the first analysis runs: none starts a second one.
    today = dt.date.today()
    for days in range(1, coach.CACHE_SIZE + 3):
        day = (today - dt.timedelta(days=days)).isoformat()
        assert client.get(f"/coach/?lang=en&date={day}").status_code == 503
    assert slow.calls == 1
    slow.release.set()
    assert _until(client, "/coach/?lang=en").status_code == 200
    assert slow.most == 1 and slow.calls == 1
    # Served from the cache from now on, until the data changes.
    assert client.get("/coach/?lang=en").status_code == 200
    assert client.get("/coach/analysis.json?lang=en").status_code == 200
    assert slow.calls == 1


def test_the_coach_cache_is_bounded_and_follows_the_data(coach_app, monkeypatch):
    slow = SlowAnalysis(monkeypatch)
    slow.release.set()
    client = coach_app.test_client()
    today = dt.date.today()
    days = [(today - dt.timedelta(days=n)).isoformat() for n in range(coach.CACHE_SIZE + 1)]
    for day in days:
        assert _until(client, f"/coach/analysis.json?lang=en&date={day}").status_code == 200
    assert slow.calls == len(days)
    assert client.get(f"/coach/analysis.json?lang=en&date={days[-1]}").status_code == 200
    assert slow.calls == len(days)  # still cached
    # The oldest fell out of the bounded cache: asking again analyses again.
    assert _until(client, f"/coach/analysis.json?lang=en&date={days[0]}").status_code == 200
    assert slow.calls == len(days) + 1
    # A change of the data is a new version: analysed again.
    data = synthesize(60, seed=5, region="den-haag", today=TODAY)
    data["offers"][0]["name"] = "Renamed offer"
    db = open_db(coach_app.config["DB"])
    import_document(db, Document(data, "synth.json"))
    db.close()
    assert _until(client, f"/coach/analysis.json?lang=en&date={days[0]}").status_code == 200
    assert slow.calls == len(days) + 2


@pytest.mark.parametrize("day", ["2000-01-01", "2999-12-31", "tomorrow"])
def test_a_far_off_or_bad_date_is_a_400(client, day):
    response = client.get(f"/coach/?date={day}")
    assert response.status_code == 400
    assert "date" in response.get_data(as_text=True)


def test_the_default_pages_are_prepared_when_the_app_starts(synth_db, tmp_path):
    db = synth_db.copy(tmp_path / "start.db")
    app = make_app(db, COACH_WAIT_SECONDS=0)
    client = app.test_client()
    client.get("/healthz")  # the first request of this process starts the preparation
    assert _until(client, "/coach/?lang=nl", seconds=60).status_code == 200


# --- the time limit -------------------------------------------------------------------------

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.fixture
def slow_app(synth_db):
    app = make_app(synth_db.path, COACH_PREPARE=False, REQUEST_SECONDS=0.3)

    def endless() -> str:
        return str(get_db().execute(ENDLESS).fetchone())

    app.add_url_rule("/endless", "endless", endless)
    app.add_url_rule("/hsds/endless", "hsds_endless", endless)
    return app


@pytest.mark.parametrize("path, kind", [("/endless", "text/html"), ("/hsds/endless", "json")])
def test_a_request_past_its_time_limit_is_a_clean_503(slow_app, path, kind):
    started = time.monotonic()
    response = slow_app.test_client().get(path)
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    assert kind in response.content_type
    assert response.headers["Retry-After"].isdigit()
    for header in SECURITY_HEADERS:
        assert header in response.headers
    # The connection is usable again by the next request.
    assert slow_app.test_client().get("/healthz").status_code == 200


def test_the_time_limit_must_be_below_gunicorns(synth_db):
    with pytest.raises(ValueError, match="SOCIALMAP_REQUEST_SECONDS"):
        create_app({"DB": str(synth_db.path), "TILES": "none", "REQUEST_SECONDS": 600})
