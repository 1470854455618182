"""In a real browser: a case worker sends a referral from the desk with the client's consent,
the receiving organisation accepts and starts it and records a rung, and the coach page
shows the outcome — suppressed below five; axe-core finds nothing serious on the way."""

from __future__ import annotations

import logging
import re

import pytest
from builders import tiny_dataset
from conftest import make_app
from playwright.sync_api import expect
from test_browser_checks import serious_violations
from web_browser import cut_network, serve
from web_datasets import import_dataset

from socialmap import editing
from socialmap.store import open_db

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = import_dataset(tmp_path_factory.mktemp("browser") / "referrals.db", tiny_dataset())
    db = open_db(path)
    for who, organisation in (("sender", "women-centre"), ("receiver", "college")):
        token = editing.add_user(db, f"{who}@example.org", "caseworker", (), (organisation,))
        editing.accept_invitation(db, token, PASSWORD)
    db.close()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with serve(make_app(path, TESTING=False)) as url:
        yield url


def _login(browser, base: str, who: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cut_network(page, base)
    page.goto(base + "/account/login")
    page.get_by_label("E-mail address").fill(f"{who}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return context, page


def test_send_accept_start_record_and_see_the_suppressed_outcome(browser, server):
    context, page = _login(browser, server, "sender")
    page.goto(server + "/referral/")
    page.get_by_label("Where does the client stand now?").select_option("2")
    page.get_by_label("Gender").select_option("male")
    page.get_by_label("Postcode").fill("2513")
    page.get_by_role("button", name="Find paths").click()
    first = page.locator("section.path").first
    first.wait_for()
    expect(first.locator(".chance")).to_contain_text("Estimated chance")
    first.get_by_text("Send a step of path 1 as a referral").click()
    expect(first.locator(".consent-text")).to_contain_text("no name, address")
    assert serious_violations(page) == []
    first.get_by_label("Step", exact=True).select_option("1")
    first.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_role("alert")).to_contain_text("Consent")  # not ticked: not sent
    page.get_by_role("button", name="Back to the paths").click()
    first = page.locator("section.path").first
    first.get_by_text("Send a step of path 1 as a referral").click()
    first.get_by_label("The client agreed").check()
    first.get_by_role("button", name="Send the referral").click()
    page.get_by_role("heading", name="Referral sent").wait_for()
    code = page.locator("#client-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{4}", code)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Route sheet with the client code").click()
    page.locator(".route-sheet").wait_for()
    expect(page.locator(".sheet-code")).to_contain_text(code)
    context.close()

    context, page = _login(browser, server, "receiver")
    page.goto(server + "/manage/referrals/")
    row = page.locator("tr", has_text=code)
    expect(row).to_contain_text("sent")
    assert serious_violations(page) == []
    for status in ("accepted", "started"):
        row = page.locator("tr", has_text=code)
        row.get_by_label("New status").select_option(status)
        row.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_contain_text(f"Saved: {status}")
    page.get_by_role("link", name=code).first.click()
    page.get_by_role("heading", name=f"Client {code}").wait_for()
    page.get_by_label("Rung now").select_option("3")
    page.get_by_role("button", name="Record the rung").click()
    expect(page.get_by_role("status")).to_contain_text("The rung is recorded.")
    expect(page.locator("#rungs-title + ul")).to_contain_text("3 –")
    assert serious_violations(page) == []
    context.close()

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cut_network(page, server)
    for _ in range(60):  # the analysis is prepared in the background (503 meanwhile)
        response = page.goto(server + "/coach/?region=testville")
        if response is not None and response.status == 200:
            break
        page.wait_for_timeout(1000)
    section = page.locator("#outcomes")
    expect(section).to_contain_text("Outcomes of referrals")
    expect(section.locator("td", has_text="<5").first).to_be_visible()
    assert code not in page.content()
    assert serious_violations(page) == []
    context.close()
