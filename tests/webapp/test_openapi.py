"""``/api/openapi.json`` says what the code does: routes, methods, the profile's rules,
and a schemathesis run over the served document finds no server error and no answer
the document does not describe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import schemathesis
from conftest import make_app
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode, checks

import web.api
from socialmap.routing.profile import CHOICES, LIMITS, PROFILE_FIELDS


@pytest.fixture(scope="module")
def app(shared_dbs):
    return make_app(shared_dbs["tiny"].path)


@pytest.fixture(scope="module")
def document(app):
    return app.test_client().get("/api/openapi.json").get_json()


def _api_routes(app) -> dict[str, set[str]]:
    """``{"/api/offers/{offer_id}": {"get"}, …}`` from the app's URL map."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
            routes.setdefault(path, set()).update(methods)
    return routes


def test_every_route_and_method_is_documented_and_nothing_else(app, document):
    documented = {
        path: {m for m in item if m in {"get", "post", "put", "patch", "delete"}}
        for path, item in document["paths"].items()
    }
    assert documented == _api_routes(app)


def test_path_parameters_are_the_routes_own(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            named = {p["name"] for p in operation.get("parameters", []) if "name" in p}
            in_path = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"}
            assert in_path == set(re.findall(r"{(\w+)}", path)), (method, path)
            assert in_path <= named


def test_the_profile_schema_is_parse_profiles_rules(document):
    profile = document["components"]["schemas"]["Profile"]
    assert set(profile["properties"]) == set(PROFILE_FIELDS)
    assert profile["required"] == ["rung"] and profile["additionalProperties"] is False
    props = profile["properties"]
    for field in ("gender", "residence_status", "work_ban"):
        assert props[field]["enum"] == [*CHOICES[field], None]
    assert props["needs"]["items"]["enum"] == list(CHOICES["needs"])
    for field in ("rung", "goal_rung"):
        rungs = CHOICES[field]
        assert (props[field]["minimum"], props[field]["maximum"]) == (min(rungs), max(rungs))
    for field, limit in LIMITS.items():
        assert props[field]["maximum"] == limit
    for field in set(PROFILE_FIELDS) - {"rung"}:  # absent and null mean the same
        schema = props[field]
        assert (
            None in schema.get("enum", [])
            or "null" in schema.get("type", [])
            or {"type": "null"} in schema.get("oneOf", [])
        ), field


# --- schemathesis over the served document --------------------------------------------------


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


#: Every answer must be documented (status, content type, schema) and never a server error.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
#: Schema-invalid input must be refused: the document is no stricter than the code.
NEGATIVE_CHECKS = [*CHECKS, checks.negative_data_rejection]
_DOCUMENT = json.loads(Path(web.api.__file__).with_name("openapi.json").read_text("utf-8"))


def _runs() -> list[tuple[str, str, GenerationMode]]:
    """Every documented operation, with valid input and (where it has any) invalid input."""
    runs = []
    for path, item in _DOCUMENT["paths"].items():
        for method, operation in item.items():
            runs.append((method.upper(), path, GenerationMode.POSITIVE))
            # a path parameter is any string, so an operation needs a query or body to break
            if "requestBody" in operation or any(
                p.get("in") != "path" for p in operation.get("parameters", [])
            ):
                runs.append((method.upper(), path, GenerationMode.NEGATIVE))
    return runs


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path", "mode"), _runs())
def test_schemathesis_finds_nothing(api_schema, method, path, mode):
    operation = api_schema[path][method]
    statuses: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        # The app gzips for clients that ask; the WSGI call here does not unpack it.
        response = case.call_and_validate(
            headers={"Accept-Encoding": "identity"},
            checks=NEGATIVE_CHECKS if mode is GenerationMode.NEGATIVE else CHECKS,
        )
        statuses.append(response.status_code)

    run()
    assert statuses and all(status < 500 for status in statuses)
