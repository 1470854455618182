"""Datasets for the web tests: the tiny dataset, and a hostile one full of markup and scripts.

Every hostile string sets ``window.__xss`` (and calls ``alert``) if it ever
runs, so a browser test can tell whether anything executed.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from builders import tiny_dataset

from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.store import open_db

SCRIPT = "<script>window.__xss=1;alert('script')</script>"
IMG = "<img src=x onerror=\"window.__xss=1;alert('img')\">"
SVG = "\"'><svg onload=window.__xss=1>"
JS_URL = "javascript:window.__xss=1;alert('url')"
TEMPLATE = "${window.__xss=1}`+alert(1)+`{{7*7}}"
CLOSE_SCRIPT = "</script><script>window.__xss=1</script>"

#: Every hostile string, for "shown literally" checks.
HOSTILE_STRINGS = (SCRIPT, IMG, SVG, JS_URL, TEMPLATE, CLOSE_SCRIPT)


def hostile_dataset() -> dict[str, Any]:
    """The tiny dataset with hostile names, descriptions, addresses, labels and URLs."""
    data = copy.deepcopy(tiny_dataset())
    data["region"]["name"] = f"Testville {SVG}"
    west, east = data["neighbourhoods"]
    west["name"] = f"West {IMG}"
    east["name"] = f"East {CLOSE_SCRIPT}"
    data["target_groups"][0]["labels"] = {lang: f"Migrants {SCRIPT}" for lang in ("de", "nl", "en")}
    municipality, women, college = data["organisations"]
    municipality.update(
        name=f"Gemeente {CLOSE_SCRIPT}",
        website=JS_URL,
        email=f"x@y.z{SVG}",
        phone=JS_URL,
        description=IMG,
    )
    women.update(name=f"Vrouwen {SVG}", website="https://example.org/ok")
    college.update(name=f"ROC {TEMPLATE}")
    data["locations"][0]["address"] = f"Plein {IMG}"
    data["locations"][0]["name"] = TEMPLATE
    coffee, language, volunteer, job = data["offers"]
    coffee.update(
        name=f"Koffie {SCRIPT}",
        description=IMG,
        purpose=SVG,
        contact={"name": SCRIPT, "email": JS_URL, "phone": SVG},
    )
    language.update(
        name=f"Taal {IMG}", description=SCRIPT, purpose=TEMPLATE, cost_description=CLOSE_SCRIPT
    )
    volunteer.update(name=f"Vrijwilliger {SVG}", description=JS_URL, funding=SCRIPT)
    job.update(name=f"Werk {TEMPLATE}", purpose=CLOSE_SCRIPT)
    return data


def import_dataset(path: Path, data: dict[str, Any]) -> Path:
    """Import ``data`` into a new database at ``path`` and return the path."""
    db = open_db(path)
    try:
        import_document(db, Document(data, f"{data['region']['id']}.json"))
    finally:
        db.close()
    return path
