"""WCAG 2.1 A and AA in a real browser (issue 9, point 1): axe-core on every page type, as the role
that uses it, each form with its validation errors shown; and the keyboard: the skip link, a visible
focus, the page's language, announced form errors and the charts' text alternatives.

One world (built with the factories) and one logged-in browser context per role serve the whole
module, so every page type costs a page load or two rather than a login and a database flush. The
module therefore runs its own live server instead of pytest-django's `live_server` (which flushes the
database after every test) and flushes the database itself at the end, as a transactional test does.
"""

import base64
import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from atlas.models import ActorKind
from cases.choices import RequisitionStatus
from spreadsheets.models import ImportBatch
from spreadsheets.registry import get_importer
from tests.browser.conftest import CHROMIUM
from tests.factories import (
    ActorFactory,
    AdministrationFactory,
    AdministratorFactory,
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    FteAllocationFactory,
    InvitationFactory,
    ManagerFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    ResponseFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
# The map tiles come from a tile server (settings.ATLAS_TILE_URL); the tests answer every tile
# request with this one transparent PNG, so the tile layer and its attribution are on the page.
TILE_URL = "https://tiles.test/{z}/{x}/{y}.png"
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
BOUNDARY = {"type": "Polygon", "coordinates": [[[12.548, 55.700], [12.558, 55.700], [12.558, 55.706],
                                                [12.548, 55.706], [12.548, 55.700]]]}
# The mark makes django_db_setup create the test database; each test's own transaction is empty (the
# tests only read pages), the world is committed by the module's fixture for the live server to see.
pytestmark = pytest.mark.django_db
SUBMIT = "[type=submit], button:not([type])"
ROLES = {"konsulent": ConsultantFactory, "leder": ManagerFactory, "admin": AdministratorFactory}


# --- the world ----------------------------------------------------------------------------------------

def _import_workbook(slug: str, rows: list[dict]) -> bytes:
    """A sheet as the import's template has it, with the given rows (by Danish header)."""
    importer = get_importer(slug)
    headers = [str(column.header) for column in importer.columns]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(importer.sheet_name)[:31]
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def build_world() -> dict:
    users = {name: factory(username=name, first_name=name.capitalize(), last_name="Test")
             for name, factory in ROLES.items()}
    # A consultant with an authenticator app gives a code after the password: the code page.
    TOTPDevice.objects.create(user=ConsultantFactory(username="totp", first_name="Tove", last_name="Test"),
                              name="Telefon", confirmed=True)
    consultant = users["konsulent"]
    WorkPlanFactory(year=2007)
    plan = WorkPlanFactory(year=2008, purpose="At styrke integrationen.", target_groups="Forvaltningerne")
    FteAllocationFactory(work_plan=plan)
    challenges = [ChallengeFactory(work_plan=plan, number=number, name=f"Udfordring nummer {number}")
                  for number in range(1, 5)]
    administration = AdministrationFactory(name="Socialforvaltningen")
    association = OrganisationFactory(name="Foreningen Fællesskab")
    area = AreaFactory(name="Mjølnerparken", boundary=BOUNDARY)
    AreaFactory(name="Tingbjerg")
    actor = ActorFactory(name="Sjakket", kind=ActorKind.ASSOCIATION, areas=[area], latitude="55.7030",
                         longitude="12.5530", created_by=consultant, address="Mjølnerparken 1")
    ActorFactory(name="Lektiecafeen", kind=ActorKind.PROJECT, areas=[area], created_by=consultant)
    requisition = RequisitionFactory(challenge=challenges[0], title="Temamøde om boligsociale indsatser",
                                     requesters=[administration, association], created_by=consultant,
                                     area=area, participants=40, contact_name="Lise Holm",
                                     contact_email="lise.holm@example.org")
    for index, challenge in enumerate(challenges):
        RequisitionFactory(challenge=challenge, created_by=consultant, requesters=[administration])
        AdvisoryFactory(challenge=challenge, consultant=consultant, requester=administration,
                        date=f"2008-{index + 3:02d}-10")
        EventFactory(challenge=challenge, consultant=consultant, participants=20 + index)
    advisory = AdvisoryFactory(challenge=challenges[1], consultant=consultant, requester=association,
                               title="Rådgivning om frivillighed")
    event = EventFactory(challenge=challenges[2], consultant=consultant, title="Seminar om tryghed",
                         requisition=requisition, participants=35)
    deliverable = DeliverableFactory(challenge=challenges[0], created_by=consultant, title="Netværk for boligsociale")
    seat = SteeringGroupMembershipFactory(consultant=consultant, body="Styregruppe for helhedsplanen")
    project = ProjectFactory(name="Helhedsplanen i Mjølnerparken", organisation=association, area=area,
                             contact_name="Ali Hassan")
    visit = ProjectVisitFactory(project=project, consultant=consultant, challenge=challenges[0],
                                is_good_practice=True, what_works="Lokale frivillige.", advice="Start småt.")
    open_invitation = InvitationFactory(requisition__challenge=challenges[0], requisition__created_by=consultant,
                                        requisition__requesters=[administration])
    answered = ResponseFactory(invitation__requisition__challenge=challenges[1],
                               invitation__requisition__created_by=consultant,
                               invitation__requisition__requesters=[administration],
                               answers__comment="Et godt og konstruktivt samarbejde.").invitation
    InvitationFactory(advisory=advisory)
    finished = answered.requisition
    assert finished.status == RequisitionStatus.FINISHED
    # A sheet with an error and a requester the register does not know, for the import's preview.
    sheet = _import_workbook("rekvireringer", [
        {"Titel": "Importeret temamøde", "Udfordring": "1", "Rekvirenter": "Ukendt forvaltning",
         "Modtaget": "31.09.2008"},
        {"Titel": "Importeret temamøde 2", "Udfordring": "1", "Rekvirenter": "Socialforvaltningen",
         "Modtaget": "01.09.2008"},
    ])
    batch = ImportBatch.objects.create(kind="rekvireringer", filename="rekvireringer.xlsx", content=sheet,
                                       size=len(sheet), uploaded_by=users["admin"])
    return {
        "users": users, "requisition": requisition, "advisory": advisory, "event": event,
        "deliverable": deliverable, "seat": seat, "project": project, "visit": visit, "area": area,
        "actor": actor, "open_invitation": open_invitation, "answered_invitation": answered,
        "finished_requisition": finished, "batch": batch, "plan": plan, "association": association,
        "role": Group.objects.get(name="Konsulent"),
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, browser):
    """The world, a live server, and a browser context per role (logged in through the login page)
    plus one anonymous; the database is flushed at the end, as a transactional test's is (the
    questionnaires of the data migration come back with the flush: tests/conftest.py)."""
    assert "test" in Path(str(connection.settings_dict["NAME"])).name, "not on the test database"
    with django_db_blocker.unblock(), override_settings(ATLAS_TILE_URL=TILE_URL):
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            world = build_world()
            contexts = {}
            for role in (*ROLES, None):
                # Reduced motion: Bootstrap then draws the focus ring at once, not in a 0.15 s transition.
                context = browser.new_context(base_url=server.url, locale="da-DK", timezone_id="Europe/Copenhagen",
                                              reduced_motion="reduce")
                context.set_default_timeout(15_000)
                context.route("https://tiles.test/**", lambda route: route.fulfill(
                    status=200, content_type="image/png", body=TILE_PNG))
                page = context.new_page()
                if role:
                    page.goto("/login/")
                    page.get_by_label("Brugernavn").fill(role)
                    page.get_by_label("Adgangskode").fill("demo")
                    page.get_by_role("button", name="Log ind").click()
                    page.wait_for_url(server.url + "/")
                contexts[role] = page
            yield {"world": world, "url": server.url, "pages": contexts, "browser": browser}
            for page in contexts.values():
                page.wait_for_load_state("networkidle")
                page.context.close()
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)  # the questionnaires come back (conftest)


# --- helpers ------------------------------------------------------------------------------------------

def axe_violations(page, context=None) -> list[dict]:
    results = Axe().run(page, context=context, options=AXE_OPTIONS)
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:6]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
            lines.append(f"        {node['html'][:200]}")
    return "\n".join(lines)


def submit_blank(form_selector: str = "main form[method=post]") -> Callable:
    """Empties the form's visible fields and sends it past the browser's own checks, so the server's
    errors are shown."""

    def action(page):
        form = page.locator(form_selector).first
        form.evaluate("""form => {
            form.noValidate = true;
            for (const field of form.querySelectorAll('input, textarea, select')) {
                if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') continue;
                if (field.type === 'checkbox' || field.type === 'radio') { field.checked = false; continue; }
                if (field.tagName === 'SELECT') {
                    for (const option of field.options) option.selected = false;
                    if (!field.multiple) field.value = '';
                    continue;
                }
                if (field.type !== 'file') field.value = '';
            }
        }""")
        with page.expect_navigation():
            form.locator(SUBMIT).first.click()

    return action


def fill_and_submit(values: dict[str, str], form_selector: str = "main form[method=post]") -> Callable:
    """Fills fields by name (invalid values) and sends the form past the browser's checks."""

    def action(page):
        form = page.locator(form_selector).first
        form.evaluate("form => { form.noValidate = true; }")
        for name, value in values.items():
            form.locator(f"[name='{name}']").fill(value)
        with page.expect_navigation():
            form.locator(SUBMIT).first.click()

    return action


def expect_errors(page) -> None:
    """The page shows the form's errors (else the test would check a page without them)."""
    expect(page.locator(".invalid-feedback, .errorlist, .alert-danger").first).to_be_visible()


@dataclasses.dataclass(frozen=True)
class PageType:
    id: str
    role: str | None
    path: Callable[[dict], str]
    action: Callable | None = None
    errors: bool = False  # the action must leave validation errors on the page
    status: int = 200
    fits_a_phone: bool = True  # no sideways scrolling at 390 pixels (a print sheet too: css/print.css)


def _detail(key):
    return lambda w: w[key].get_absolute_url()


def _url(name, *args):
    def path(world):
        from django.urls import reverse
        return reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])
    return path


def _pk(key):
    return lambda w: w[key].pk


C, M, A = "konsulent", "leder", "admin"
REGISTRATIONS = [  # (id, url namespace:model, world key)
    ("requisition", "cases:requisition", "requisition"),
    ("advisory", "cases:advisory", "advisory"),
    ("event", "cases:event", "event"),
    ("deliverable", "cases:deliverable", "deliverable"),
    ("steering-group-seat", "cases:steeringgroupmembership", "seat"),
    ("project", "projects:project", "project"),
    ("project-visit", "projects:projectvisit", "visit"),
    ("actor", "atlas:actor", "actor"),
]

PAGE_TYPES = [
    PageType("login", None, lambda w: "/login/"),
    PageType("login-with-errors", None, lambda w: "/login/",
             fill_and_submit({"username": "konsulent", "password": "forkert"}), errors=True),
    PageType("survey-answer", None, lambda w: f"/svar/{w['open_invitation'].token}/"),
    PageType("survey-answer-with-errors", None, lambda w: f"/svar/{w['open_invitation'].token}/",
             submit_blank("main form#answer-form"), errors=True),
    PageType("survey-answered", None, lambda w: f"/svar/{w['answered_invitation'].token}/"),
    PageType("survey-link-invalid", None, lambda w: "/svar/ukendt-link/", status=404),
    PageType("home-consultant", C, lambda w: "/"),
    PageType("home-quick-advisory-with-errors", C, lambda w: "/",
             submit_blank("main form[action$='/raadgivninger/hurtig/']"), errors=True),
    PageType("home-management", M, lambda w: "/"),
    *[page for id_, name, key in REGISTRATIONS for page in (
        PageType(f"{id_}-list", C, _url(f"{name}_list")),
        PageType(f"{id_}-create-with-errors", C, _url(f"{name}_create"), submit_blank(), errors=True),
        PageType(f"{id_}-detail", C, _detail(key)),
        PageType(f"{id_}-edit-with-errors", C, _url(f"{name}_update", _pk(key)), submit_blank(), errors=True),
        PageType(f"{id_}-delete-confirmation", C, _url(f"{name}_delete", _pk(key))),
    )],
    # Fixed A4 sheets, which scroll sideways on a phone (left to issue 23, documents).
    PageType("project-visit-print", C, _url("projects:projectvisit_print", _pk("visit"))),
    PageType("good-practice-print", C, _url("projects:good_practice_print", 2008)),
    PageType("resources", C, lambda w: "/ressourcer/?year=2008"),
    PageType("year-figures", C, lambda w: "/aarets-tal/?year=2008"),
    PageType("atlas-city-map", C, _url("atlas:area_list")),
    PageType("atlas-area", C, _url("atlas:area_detail", _pk("area"))),
    PageType("atlas-area-print", C, _url("atlas:area_print", _pk("area"))),
    PageType("survey-invitation-list", C, _url("surveys:invitation_list")),
    PageType("survey-invitation-detail", C, _detail("open_invitation")),
    PageType("survey-invitation-delete-confirmation", C, _url("surveys:invitation_delete", _pk("open_invitation"))),
    PageType("survey-send-with-errors", C,
             _url("surveys:invitation_create", "rekvirering", _pk("finished_requisition")),
             submit_blank(), errors=True),
    PageType("survey-paper-response-with-errors", C,
             _url("surveys:paper_response_create", "rekvirering", _pk("finished_requisition")),
             submit_blank(), errors=True),
    PageType("survey-invitation-paper-response-with-errors", C,
             _url("surveys:invitation_paper_response", _pk("open_invitation")), submit_blank(), errors=True),
    *[PageType(f"import-{slug}-with-errors", C, _url("spreadsheets:upload", slug), submit_blank(), errors=True)
      for slug in ("rekvireringer", "raadgivninger", "arrangementer", "projektbesoeg", "aktoerer")],
    PageType("import-preview", A, _url("spreadsheets:preview", "rekvireringer", _pk("batch"))),
    PageType("password-change-with-errors", C, _url("accounts:password_change"), submit_blank(), errors=True),
    PageType("totp-enrol-with-errors", C, _url("accounts:totp_enrol"),
             fill_and_submit({"code": "12"}), errors=True),
    PageType("not-found", C, lambda w: "/findes-ikke/", status=404),
    PageType("dashboard", M, lambda w: "/ledelse/?year=2008"),
    PageType("annual-report", M, _url("reports:report", 2008)),
    PageType("annual-report-texts-with-errors", M, _url("reports:report_texts", 2008),
             fill_and_submit({"introduction": "{ukendt_pladsholder}"}), errors=True),
    PageType("annual-report-approve", M, _url("reports:report_approve", 2008)),
    PageType("survey-results", M, lambda w: "/tilfredshed/?year=2008"),
    PageType("history", M, _url("history:list")),
    PageType("access-log", M, _url("history:access_list")),
    PageType("person-data-search", A, lambda w: "/personoplysninger/?q=Hansen"),
    PageType("person-data-erase-with-errors", A, lambda w: "/personoplysninger/?q=Hansen", submit_blank(),
             errors=True),
    PageType("processing-record", A, _url("retention:processing_record")),
    PageType("accessibility-statement", None, _url("surveys:accessibility")),
    # The admin, as the administrator keeps the reference data and the users in it.
    PageType("admin-index", A, _url("admin:index")),
    PageType("admin-work-plan-change", A, _url("admin:core_workplan_change", _pk("plan"))),
    PageType("admin-organisation-list", A, lambda w: "/admin/core/organisation/?to_review__exact=0"),
    PageType("admin-organisation-change", A, _url("admin:core_organisation_change", _pk("association"))),
    PageType("admin-organisation-add-with-errors", A, _url("admin:core_organisation_add"),
             submit_blank("#organisation_form"), errors=True),
    PageType("admin-user-list", A, _url("admin:auth_user_changelist")),
    PageType("admin-user-change", A, _url("admin:auth_user_change", lambda w: w["users"]["konsulent"].pk)),
    PageType("admin-role-change", A, _url("admin:auth_group_change", _pk("role"))),
    PageType("admin-questionnaire-list", A, _url("admin:surveys_questionnaire_changelist")),
    PageType("admin-login-log", A, _url("admin:axes_accessattempt_changelist")),
    PageType("admin-authenticator-apps", A, _url("admin:accounts_authenticatorapp_changelist")),
]


ERRORS_ANNOUNCED = """() => {
    const text = element => (element && element.textContent || '').trim();
    const visible = element => !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
    const problems = [];
    const invalid = [...document.querySelectorAll('[aria-invalid=true]')];
    for (const field of invalid) {
        const holder = field.hasAttribute('aria-describedby') ? field : field.closest('fieldset[aria-describedby]');
        const described = holder ? holder.getAttribute('aria-describedby').split(/\\s+/)
            .map(id => document.getElementById(id)).filter(element => text(element)) : [];
        if (!described.some(element => /_error$/.test(element.id))) {
            problems.push(`field ${field.name || field.id} is invalid but not described by its error`);
        }
    }
    for (const message of document.querySelectorAll('.invalid-feedback')) {
        if (!visible(message) || !text(message)) continue;
        const pointed = message.id && document.querySelector(`[aria-describedby~="${message.id}"]`);
        if (!pointed && !message.closest('[role=alert]')) {
            problems.push(`error "${text(message)}" is tied to no field and is in no alert`);
        }
    }
    const alerts = [...document.querySelectorAll('[role=alert]')].filter(alert => visible(alert) && text(alert));
    return {problems, invalid: invalid.length, alerts: alerts.length};
}"""


def assert_errors_announced(page) -> None:
    """Every invalid field says so (aria-invalid) and is described by its error text; any other error
    is in an alert; and the page has an error summary (role=alert) or at least one such field."""
    found = page.evaluate(ERRORS_ANNOUNCED)
    assert not found["problems"], f"{page.url}: " + "; ".join(found["problems"])
    assert found["alerts"] or found["invalid"], f"{page.url}: the errors are not announced"


def open_page(site, page_type: PageType):
    page = site["pages"][page_type.role]
    response = page.goto(page_type.path(site["world"]))
    assert response.status == page_type.status, f"{page.url}: {response.status}"
    assert page_type.role is None or "/login/" not in page.url, f"{page_type.id}: sent to the login page"
    if page_type.action:
        page_type.action(page)
    page.wait_for_load_state("networkidle")
    if page_type.errors:
        expect_errors(page)
    return page


# --- axe on every page type ---------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("width", ["desktop", "390px"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[page_type.id for page_type in PAGE_TYPES])
def test_page_type_has_no_wcag_21_aa_violations(site, page_type, width):
    """axe-core finds nothing, on a desktop's screen and on a phone's 390 pixels, where the page does not
    scroll sideways either; on a form sent with errors, the errors are also announced."""
    page = site["pages"][page_type.role]
    desktop = page.viewport_size
    if width == "390px":
        page.set_viewport_size(PHONE)
    try:
        page = open_page(site, page_type)
        violations = axe_violations(page)
        assert not violations, f"{page.url} at {width}\n{describe(violations)}"
        if width == "390px" and page_type.fits_a_phone:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
        if page_type.errors:
            assert_errors_announced(page)
    finally:
        page.set_viewport_size(desktop)


def test_every_page_type_id_is_unique():
    ids = [page_type.id for page_type in PAGE_TYPES]
    assert len(ids) == len(set(ids))
    assert CHROMIUM  # the browser fixture decides whether the module runs at all


@pytest.mark.parametrize("with_errors", [False, True], ids=["otp-verify", "otp-verify-with-errors"])
def test_second_factor_code_page_has_no_wcag_21_aa_violations(site, with_errors):
    """The code page between password and register, for a user with an authenticator app (a context of
    its own: the session stays half logged in)."""
    context = site["browser"].new_context(base_url=site["url"], locale="da-DK", reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Brugernavn").fill("totp")
        page.get_by_label("Adgangskode").fill("demo")
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url("**/login/totp/**")
        if with_errors:
            fill_and_submit({"code": "000000"})(page)
            expect_errors(page)
        violations = axe_violations(page)
        assert not violations, f"{page.url}\n{describe(violations)}"
        if with_errors:
            assert_errors_announced(page)
    finally:
        context.close()


# --- the keyboard -------------------------------------------------------------------------------------

# A searchable picker's text input sits inside its box, which shows the ring (static/css/tfi.css).
FOCUS_SHOWN = """element => {
    const style = getComputedStyle(element.matches('.ts-control > input') ? element.parentElement : element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {shown: outline || shadow, element: element.outerHTML.slice(0, 120), outline: style.outlineStyle,
            shadow: style.boxShadow};
}"""


def focused(page):
    return page.evaluate_handle("() => document.activeElement").as_element()


@pytest.mark.parametrize("role, path", [(None, "/login/"), (C, "/"), (M, "/ledelse/?year=2008"),
                                        (None, "survey")], ids=["login", "home", "dashboard", "survey-answer"])
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(site, role, path):
    page = site["pages"][role]
    page.bring_to_front()
    page.goto(f"/svar/{site['world']['open_invitation'].token}/" if path == "survey" else path)
    first = page.evaluate("""() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
        .find(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden').className""")
    assert first == "skip-link"
    if page.evaluate("() => document.activeElement === document.body"):
        page.keyboard.press("Tab")
    else:  # the login page puts the cursor in the user name; the skip link is one step back
        page.keyboard.press("Shift+Tab")
    link = focused(page)
    assert link.get_attribute("href") == "#main" and link.inner_text() == "Gå til indhold"
    assert link.is_visible() and link.bounding_box()["width"] > 0
    assert link.evaluate(FOCUS_SHOWN)["shown"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("role, path", [(C, "/"), (C, "/rekvireringer/"), (C, "/rekvireringer/ny/"),
                                        (C, "atlas-area"), (M, "/ledelse/?year=2008")],
                         ids=["home", "list", "form", "atlas-area", "dashboard"])
def test_every_keyboard_stop_shows_its_focus(site, role, path):
    """Tabs through the page (at most 80 stops): every focused link, button and field is visibly marked
    by an outline or a focus ring."""
    page = site["pages"][role]
    page.bring_to_front()  # a page behind another of the browser's draws no focus ring
    page.goto(f"/atlas/{site['world']['area'].pk}/" if path == "atlas-area" else path)
    page.wait_for_load_state("networkidle")
    seen, hidden = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or element.evaluate("e => e === document.body"):
            break
        seen += 1
        state = element.evaluate(FOCUS_SHOWN)
        if not state["shown"]:
            hidden.append(f"{state['element']} (outline {state['outline']}, box-shadow {state['shadow']})")
    assert seen > 5
    assert not hidden, "focus not shown on:\n" + "\n".join(hidden)


def test_menus_open_and_lead_on_with_the_keyboard_alone(site):
    page = site["pages"][C]
    page.goto("/")
    toggle = page.get_by_role("button", name="Arbejdsplan")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name="Leverancer")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leverancer")


@pytest.mark.parametrize("path", ["/ressourcer/?year=2008", "/aarets-tal/?year=2008", "/historik/",
                                  "/ledelse/?year=2008", "/rekvireringer/", "/rapport/2008/",
                                  "/tilfredshed/?year=2008"])
def test_a_page_fits_a_phone_and_its_tables_scroll_in_a_named_region_a_keyboard_reaches(site, path):
    """At 390 pixels nothing scrolls sideways but a table, inside a region a keyboard can focus (and so scroll)
    and a screen reader names (WCAG 1.4.10 Reflow, 2.1.1 Keyboard)."""
    page = site["pages"][M]
    original = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for region in page.locator(".table-responsive").all():
            if region.evaluate("e => e.scrollWidth > e.clientWidth"):
                assert region.get_attribute("tabindex") == "0"
                assert region.get_attribute("role") == "region"
                assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        assert not axe_violations(page)
    finally:
        page.set_viewport_size(original)


def test_the_year_changes_on_enter_or_its_button_never_on_an_arrow_key(site):
    """Moving through the years with the arrow keys leaves the page as it is (WCAG 3.2.2, On Input): the
    chosen year is shown on Enter, or by the button beside the list."""
    page = site["pages"][M]
    page.goto("/ledelse/?year=2008")
    select = page.get_by_label("År", exact=True)
    select.focus()
    page.keyboard.press("ArrowDown")  # 2007, listed after 2008
    page.wait_for_timeout(300)
    assert page.url.endswith("/ledelse/?year=2008")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesoverblik 2008")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesoverblik 2007")
    page.get_by_label("År", exact=True).select_option("2008")
    assert "year=2007" in page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesoverblik 2008")


def test_the_page_language_is_danish_and_english_once_chosen(site):
    """<html lang> follows the language: Danish to start with, English once chosen in the user menu
    (in a context of its own, so the other tests stay Danish)."""
    anonymous = site["pages"][None]
    anonymous.goto("/login/")
    expect(anonymous.locator("html")).to_have_attribute("lang", "da")
    context = site["browser"].new_context(base_url=site["url"], locale="en-GB")
    try:
        page = context.new_page()
        page.goto("/login/")
        expect(page.locator("html")).to_have_attribute("lang", "da")  # the browser's language is not asked
        page.get_by_label("Brugernavn").fill("konsulent")
        page.get_by_label("Adgangskode").fill("demo")
        page.get_by_role("button", name="Log ind").click()
        expect(page.locator("html")).to_have_attribute("lang", "da")
        page.get_by_role("button", name="Konsulent Test").click()
        page.get_by_label("Sprog").select_option("en")
        with page.expect_navigation():
            page.get_by_role("button", name="Skift").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("link", name="Requisitions", exact=True)).to_be_visible()
        page.goto("/rekvireringer/ny/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert not axe_violations(page)
    finally:
        context.close()


def test_dashboard_charts_have_text_alternatives(site):
    """Each chart (an SVG image drawn on the server) has an alt text and its figures as a table."""
    page = site["pages"][M]
    page.goto("/ledelse/?year=2008")
    charts = page.locator("figure.chart")
    expect(charts).to_have_count(4)
    for index in range(4):
        chart = charts.nth(index)
        image = chart.locator("img")
        assert ".svg" in image.get_attribute("src")
        assert len((image.get_attribute("alt") or "").strip()) > 20
        assert chart.locator("table tbody tr").count() > 0
        assert chart.locator("table th[scope=col]").count() > 0
    for image in page.locator("img").all():
        assert image.get_attribute("alt") is not None, image.evaluate("e => e.outerHTML")
