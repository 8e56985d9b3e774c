"""The rest of the year's work, as a consultant and a manager do it in the browser."""

import re

from playwright.sync_api import expect

from cases.models import Deliverable, Event
from demo.loader import demo_load
from projects.models import ProjectVisit

from .pickers import pick


def test_consultant_registers_a_project_visit_with_its_note_and_prints_it(page, login):
    demo_load()
    login("konsulent")

    page.goto("/projekter/besoeg/ny/")
    page.locator("#id_project").select_option(label="BazarMusicShop")
    page.get_by_label("Dato").fill("2008-11-10")
    page.get_by_label("Hvad virker").fill("Unge spiller for unge; musikken åbner døre.")
    page.get_by_label("Gode råd til andre projekter").fill("Lad de unge stå for programmet.")
    page.get_by_role("button", name="Gem").click()

    expect(page.locator(".alert-success")).to_be_visible()
    visit = ProjectVisit.objects.get(what_works__startswith="Unge spiller for unge")
    page.get_by_role("link", name=re.compile("Udskriv|Print", re.I)).first.click()
    expect(page.locator("body")).to_contain_text("Lad de unge stå for programmet.")
    expect(page.locator("body")).to_contain_text("BazarMusicShop")
    assert f"/besoeg/{visit.pk}/print/" in page.url


def test_consultant_registers_a_seminar_with_expected_participants_then_the_actual_number(page, login):
    demo_load()
    login("konsulent")

    page.goto("/arrangementer/ny/")
    page.get_by_label("Udfordring").select_option(label="2008 · 4. Vidensdeling i projekter")
    page.get_by_label("Type").select_option(label="Seminar")
    page.get_by_label("Titel").fill("Seminar om effektmåling")
    page.get_by_label("Dato").fill("2008-11-20")
    page.get_by_label("Forventet deltagerantal").fill("45")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-warning")).to_contain_text("kun et forventet deltagerantal (45)")

    page.goto("/")
    needing = page.get_by_role("region", name="Mangler faktisk deltagertal")
    needing.get_by_role("link", name="Seminar om effektmåling").click()
    page.get_by_label("Deltagere (faktisk)").fill("52")
    page.get_by_role("button", name="Gem").click()

    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".alert-warning")).to_have_count(0)
    assert Event.objects.get(title="Seminar om effektmåling").participants == 52


def test_consultant_marks_a_promised_deliverable_as_replaced_by_two_others(page, login):
    demo_load()
    login("konsulent")
    promised = Deliverable.objects.create(
        challenge=Deliverable.objects.first().challenge, title="Lovet netværksmøde",
        created_by=Deliverable.objects.first().created_by)

    page.goto(f"/leverancer/{promised.pk}/rediger/")
    page.get_by_label("Status").select_option(label="Erstattet")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#id_replaced_by").locator("xpath=..")).to_contain_text(
        "skal angive de leverancer, der erstattede den")

    first, second = Deliverable.objects.exclude(pk=promised.pk).order_by("id")[:2]
    pick(page, "Erstattet af", f"2008 · {first.title}", f"2008 · {second.title}")
    page.get_by_role("button", name="Gem").click()
    # Saved, the deliverable's page (a loaded CI machine took more than expect's 5 s once).
    expect(page).to_have_url(re.compile(rf"/leverancer/{promised.pk}/$"), timeout=30_000)

    replaced_by = page.locator("section", has_text="Erstattet af")
    expect(replaced_by.get_by_role("link", name=first.title, exact=True)).to_be_visible()
    expect(replaced_by.get_by_role("link", name=second.title, exact=True)).to_be_visible()


def test_manager_sees_planned_and_registered_fte_per_task(page, login):
    demo_load()
    login("leder")

    page.goto("/ressourcer/?year=2008")
    row = page.get_by_role("row", name=re.compile("^Rekvireringer og rådgivninger"))
    expect(row).to_contain_text("1,00")
    expect(page.locator("body")).to_contain_text("4,00 årsværk")
    expect(page.get_by_role("link", name="Redigér")).to_have_count(0)
