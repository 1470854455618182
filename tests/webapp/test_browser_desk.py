"""The referral desk's neighbourhood picker in Debian's chromium, on the demo data."""

from __future__ import annotations

import pytest
from conftest import make_app
from web_browser import cut_network, serve

from socialmap.importer import import_path
from socialmap.paths import data_dir
from socialmap.store import open_db

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("picker") / "demo.db"
    db = open_db(path)
    for name in ("den-haag.json", "gladbeck.json"):
        import_path(db, data_dir() / "demo" / name)
    db.close()
    with serve(make_app(path, TESTING=False)) as url:
        yield url


def visible_options(page) -> list[str]:
    return page.eval_on_selector_all(
        "#neighbourhood option",
        "os => os.filter(o => !o.hidden && o.value && !(o.parentElement.hidden))"
        ".map(o => o.textContent)",
    )


def test_a_welfare_worker_finds_zuidwest_and_the_schilderswijk_by_their_common_names(
    page, demo_server
):
    cut_network(page, demo_server)
    page.goto(demo_server + "/referral/")
    finder = page.get_by_label("Find by the name people use")
    finder.fill("Zuidwest")
    shown = visible_options(page)
    assert sorted(name.split(" (")[0] for name in shown) == [
        "Bouwlust en Vrederust",
        "Moerwijk",
        "Morgenstond",
    ]
    finder.fill("schilderswijk")
    assert [name.split(" (")[0] for name in visible_options(page)] == ["Schildersbuurt"]
    assert page.locator("#neighbourhood").input_value() == "wijk-29"
    finder.fill("")
    assert len(visible_options(page)) == 53  # every neighbourhood of both regions again
