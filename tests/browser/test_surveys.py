"""The satisfaction survey from the consultant's click to management's results, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from cases.choices import RequisitionStatus
from cases.models import Requisition
from demo.loader import demo_load
from surveys.models import Response
from tests.helpers import run_jobs


def _answer_link(live_server) -> str:
    run_jobs()  # the worker's part: the e-mail with the link
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lise.holm@example.org"]
    return re.search(r"https?://\S+/svar/[\w-]+/", message.body).group(0)


def test_questionnaire_sent_answered_without_login_and_counted_in_results(page, login, browser, live_server,
                                                                          settings):
    settings.SITE_URL = live_server.url
    demo_load()
    requisition = Requisition.objects.filter(status=RequisitionStatus.FINISHED).order_by("pk").first()
    responses_before = Response.objects.count()
    login("konsulent")

    page.goto(requisition.get_absolute_url())
    page.get_by_role("link", name="Send spørgeskema").click()
    page.get_by_label("Kontaktperson").fill("Lise Holm")
    page.get_by_label("E-mail").fill("lise.holm@example.org")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Spørgeskemaet sendes til lise.holm@example.org")
    expect(page.get_by_role("region", name="Tilfredshedsmåling")).to_contain_text("Afventer svar")

    link = _answer_link(live_server)
    requester = browser.new_context(locale="da-DK").new_page()
    requester.goto(link)
    expect(requester.get_by_role("heading", level=1)).to_have_text("Tilfredshedsmåling – rekvireringsopgaver")
    expect(requester.locator("body")).to_contain_text(requisition.title)
    expect(requester.locator("nav")).to_have_count(0)
    requester.get_by_role("group", name=re.compile("samlet set")).get_by_label("I høj grad tilfreds").check()
    requester.get_by_role("group", name=re.compile("samarbejdet")).get_by_label("Tilfreds", exact=True).check()
    requester.get_by_role("group", name=re.compile("forventninger")).get_by_label("Ja").check()
    requester.get_by_role("group", name=re.compile("igen")).get_by_label("Ja").check()
    requester.get_by_label(re.compile("kommentarer")).fill("Vi fik præcis den hjælp, vi manglede.")
    requester.get_by_role("button", name="Send svar").click()
    expect(requester.get_by_role("heading", level=1)).to_have_text("Tak for dit svar")
    assert Response.objects.count() == responses_before + 1

    requester.goto(link)
    expect(requester.get_by_role("heading", level=1)).to_have_text("Spørgeskemaet er besvaret")
    expect(requester.get_by_role("button", name="Send svar")).to_have_count(0)
    assert Response.objects.count() == responses_before + 1
    requester.context.close()

    manager = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    manager.goto("/login/")
    manager.get_by_label("Brugernavn").fill("leder")
    manager.get_by_label("Adgangskode").fill("demo")
    manager.get_by_role("button", name="Log ind").click()
    manager.get_by_role("button", name="Tilfredshed").click()
    manager.get_by_role("link", name="Resultater").click()
    expect(manager.locator("body")).to_contain_text("37 besvarelser af 49 udsendte spørgeskemaer")
    expect(manager.locator("body")).to_contain_text("36 ud af 37 er i høj grad tilfredse eller tilfredse")
    expect(manager.locator("body")).to_contain_text("Vi fik præcis den hjælp, vi manglede.")
    manager.context.close()
