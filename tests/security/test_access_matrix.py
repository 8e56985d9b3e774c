"""The access matrix: every URL pattern of the project answers every role and method as the table
below says, and a refused POST changes nothing in the database.

As in NetBox's permission tests the expectations are data: one row per URL name, one column per role,
for GET and for POST. The test walks the URL resolver, so a URL pattern added without a row here fails
`test_every_url_pattern_has_a_row`, and a row whose pattern has gone fails it too.

The roles are those of core/roles.py seen from outside: nobody logged in; someone holding a valid
survey link (/svar/<token>/, no account); consultant A, who created or is responsible for every
registration below; consultant B, a colleague (may edit A's work, not delete it); management; the
administrator. Path parameters are filled with those objects. The survey token is the link holder's
secret: every other role is given an unknown token.

The Django admin is covered by its index and one changelist (the users, the most sensitive) per
role, not by every admin URL: the admin checks `is_staff` and the model permissions itself for every
one of its pages, and Django tests that.

Every request runs in a savepoint that is rolled back afterwards, so each answer is measured against
the same data (an allowed delete does not remove the object from the next role's request), and the
database is set up once for the whole matrix.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.forms import BaseModelForm
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.choices import RequisitionStatus
from jobs.models import Job
from spreadsheets.models import ImportBatch
from spreadsheets.registry import get_importer
from spreadsheets.writing import template_workbook
from surveys.choices import QuestionKind, QuestionnaireKind
from surveys.models import Answer, Questionnaire
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
    InvitationFactory,
    ManagerFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    ResponseFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)

GET, POST = "GET", "POST"
ROLES = ("anonymous", "link holder", "consultant A", "consultant B", "management", "administrator")

# Answers: a status code, or LOGIN for a redirect to a login page that asks to come back (`?next=`);
# 302 is any other redirect (an accepted form, a refusal with a message, a logout).
LOGIN = "login"
L = LOGIN

# The usual rows. Columns: anonymous, link holder, consultant A, consultant B, management, administrator.
READ = {GET: (L, L, 200, 200, 200, 200), POST: (L, L, 405, 405, 405, 405)}  # every staff role reads
WRITE = {GET: (L, L, 200, 200, 403, 200), POST: (L, L, 302, 302, 403, 302)}  # consultants and admin write
OWNER_DELETE = {GET: (L, L, 200, 403, 403, 200), POST: (L, L, 302, 403, 403, 302)}  # owner or admin
MANAGEMENT_READ = {GET: (L, L, 403, 403, 200, 200), POST: (L, L, 403, 403, 405, 405)}
MANAGEMENT_WRITE = {GET: (L, L, 403, 403, 200, 200), POST: (L, L, 403, 403, 302, 302)}
API_READ = {GET: (401, 401, 200, 200, 200, 200), POST: (401, 401, 405, 405, 405, 405)}
# The admin sends the anonymous to the login and refuses the other roles with the register's 403 page.
ADMIN_ONLY = {GET: (L, L, 403, 403, 403, 200), POST: (L, L, 403, 403, 403, 200)}


def registration_rows(prefix: str, *, delete=OWNER_DELETE, export=True) -> dict:
    """The list, export, create, detail, edit and delete rows of a registration (registrations.urls.crud)."""
    rows = {f"{prefix}_list": READ, f"{prefix}_create": WRITE, f"{prefix}_detail": READ,
            f"{prefix}_update": WRITE, f"{prefix}_delete": delete}
    if export:
        rows[f"{prefix}_export"] = READ
    return rows


TABLE = {
    "home": READ,
    "login": {GET: (200, 200, 302, 302, 302, 302), POST: (200, 200, 302, 302, 302, 302)},
    "logout": {GET: (L, L, 405, 405, 405, 405), POST: (L, L, 302, 302, 302, 302)},
    # One's own account. The second factor is required of management and the administrator in production;
    # the suite runs with OTP_REQUIRED_FOR_MANAGEMENT off (tests/conftest.py), so the code page sends on.
    "accounts:password_change": {GET: (L, L, 200, 200, 200, 200), POST: (L, L, 200, 200, 200, 200)},
    "accounts:otp_verify": {GET: (L, L, 302, 302, 302, 302), POST: (L, L, 302, 302, 302, 302)},
    "accounts:totp_enrol": {GET: (L, L, 200, 200, 200, 200), POST: (L, L, 200, 200, 200, 200)},
    "accounts:totp_remove": {GET: (L, L, 405, 405, 405, 405), POST: (L, L, 302, 302, 302, 302)},
    # Single sign-on, not configured in this run: nothing there for anyone. Configured, the sign-in through
    # real providers is tested in tests/browser/test_sign_in_oidc.py and test_sign_in_saml.py.
    **{name: {GET: (404,) * 6, POST: (404,) * 6} for name in (
        "accounts:oidc_login", "accounts:oidc_callback", "saml2_login", "saml2_acs", "saml2_ls", "saml2_ls_post",
        "saml2_metadata")},
    # The read-only API: a session's user reads what the site shows them (the matrix's users have no tokens;
    # tokens and their scopes are tested in tests/api/); anyone else is asked for credentials (401).
    **{f"api:{name}": API_READ for name in (
        "year_figures", "survey_results", "work_plans", "challenges", "organisations", "areas",
        *(f"{kind}{suffix}" for kind in ("requisitions", "advisories", "events", "deliverables",
                                         "steering_group_memberships", "projects", "project_visits", "actors")
          for suffix in ("", "_detail")))},
    "api:schema": {GET: (200,) * 6, POST: (405,) * 6},
    "api:docs": {GET: (200,) * 6, POST: (405,) * 6},
    # The private calendar link: made by whoever reads the events; the feeds need the link's secret (an
    # unknown one here: tests/cases/test_calendar.py follows a real one), not a login.
    "cases:calendar_link": {GET: (L, L, 200, 200, 200, 200), POST: (L, L, 302, 302, 302, 302)},
    "cases:calendar_mine": {GET: (404,) * 6, POST: (404,) * 6},
    "cases:calendar_team": {GET: (404,) * 6, POST: (404,) * 6},
    # For the load balancer: no login, reads nothing but `SELECT 1`.
    "health": {GET: (200, 200, 200, 200, 200, 200), POST: (405, 405, 405, 405, 405, 405)},
    # RFC 9116, for anyone: 404 while no SECURITY_CONTACT is set (tests/security/test_headers.py sets one).
    "security_txt": {GET: (404,) * 6, POST: (405,) * 6},
    # Changes only the language cookie; needs a login like every other page.
    "set_language": {GET: (L, L, 302, 302, 302, 302), POST: (L, L, 302, 302, 302, 302)},
    "admin:index": ADMIN_ONLY,
    # One person's data and the record of processing: the administrator's. A POST without a search or a reason
    # erases nothing (400); the exports and the record are read only.
    "retention:person_search": {GET: (L, L, 403, 403, 403, 200), POST: (L, L, 403, 403, 403, 400)},
    **{f"retention:{name}": {GET: (L, L, 403, 403, 403, 200), POST: (L, L, 403, 403, 403, 405)}
       for name in ("person_xlsx", "person_json", "processing_record", "processing_record_xlsx")},
    "admin:auth_user_changelist": ADMIN_ONLY,
    **registration_rows("cases:requisition"),
    **registration_rows("cases:advisory"),
    # A GET (the address reloaded after a form sent back with errors) leads to the start page.
    "advisory_quick_create": {GET: (L, L, 302, 302, 403, 302), POST: (L, L, 302, 302, 403, 302)},
    # A consultant adds an outside requester from the picker (the administrator too); management registers nothing.
    "requester_add": {GET: (L, L, 200, 200, 403, 200), POST: (L, L, 200, 200, 403, 200)},
    "requester_similar": {GET: (L, L, 200, 200, 403, 200), POST: (L, L, 405, 405, 403, 405)},
    **registration_rows("cases:event"),
    **registration_rows("cases:deliverable"),
    **registration_rows("cases:steeringgroupmembership"),
    "reports:resources": READ,
    "reports:year_figures": READ,
    # A project has no owner: whoever may delete projects may delete it (projects/views.py).
    **registration_rows("projects:project", delete=WRITE),
    **registration_rows("projects:projectvisit"),
    "projects:projectvisit_print": READ,
    "projects:good_practice_print": READ,
    "projects:good_practice_pdf": READ,
    # The link holder answers (302 to the thanks page); an unknown token is the same 404 for everyone.
    "surveys:answer": {GET: (404, 200, 404, 404, 404, 404), POST: (404, 302, 404, 404, 404, 404)},
    # The answer page's language choice, open to the link holder without an account: back to `next`.
    "surveys:answer_language": {GET: (302,) * 6, POST: (302,) * 6},
    # The accessibility statement, for everyone (no ACCESSIBILITY_STATEMENT_URL here: the register's own page).
    "surveys:accessibility": {GET: (200,) * 6, POST: (405,) * 6},
    "surveys:results": READ,
    "surveys:invitation_list": READ,
    "surveys:invitation_detail": READ,
    "surveys:invitation_delete": OWNER_DELETE,
    "surveys:invitation_paper_response": WRITE,
    # Correcting a paper answer: who may send and type in answers (the world's answer came through its link,
    # so it is refused with a message: 302).
    "surveys:response_correct": {GET: (L, L, 302, 302, 403, 302), POST: (L, L, 302, 302, 403, 302)},
    # Sending a link's e-mail again: who may send (here refused with a message: the world's link was mailed).
    "surveys:invitation_mail_again": {GET: (L, L, 405, 405, 403, 405), POST: (L, L, 302, 302, 403, 302)},
    "surveys:invitation_create": WRITE,
    "surveys:paper_response_create": WRITE,
    "surveys:answer_quote": {GET: (L, L, 403, 403, 405, 405), POST: (L, L, 403, 403, 302, 302)},
    "reports:dashboard": READ,
    "reports:chart": READ,
    "reports:report_default": {GET: (L, L, 302, 302, 302, 302), POST: (L, L, 405, 405, 405, 405)},
    "reports:report": READ,
    "reports:report_download": READ,
    "reports:report_texts": MANAGEMENT_WRITE,
    "reports:report_approve": MANAGEMENT_WRITE,
    "atlas:area_list": READ,
    "atlas:areas_geojson": READ,
    "atlas:area_detail": READ,
    "atlas:area_print": READ,
    "atlas:area_word": READ,
    "atlas:area_pdf": READ,
    "atlas:area_geojson": READ,
    **registration_rows("atlas:actor"),
    # Importing needs the kind's add permission; an upload is seen only by who uploaded it (A).
    "spreadsheets:upload": {GET: (L, L, 200, 200, 403, 200), POST: (L, L, 200, 200, 403, 200)},
    "spreadsheets:template": {GET: (L, L, 200, 200, 403, 200), POST: (L, L, 405, 405, 403, 405)},
    # The confirmation starts the import as a job and sends its user to the job's page.
    "spreadsheets:preview": {GET: (L, L, 200, 404, 403, 404), POST: (L, L, 302, 404, 403, 404)},
    # Everyone has "Mine filer"; a job, its progress and its file are seen only by who started it (A).
    "jobs:list": READ,
    "jobs:detail": {GET: (L, L, 200, 404, 404, 404), POST: (L, L, 405, 405, 405, 405)},
    "jobs:status": {GET: (L, L, 200, 404, 404, 404), POST: (L, L, 405, 405, 405, 405)},
    "jobs:file": {GET: (L, L, 200, 404, 404, 404), POST: (L, L, 405, 405, 405, 405)},
    "history:list": MANAGEMENT_READ,
    "history:access_list": MANAGEMENT_READ,
}

# Written as a side effect of any request, by design: sessions (logging in is how a role is set up),
# the failed survey-link look-ups that throttle guessing (an unknown token is remembered whatever
# the method), and the reference cache's token (its one row is stored by the first request that reads it).
NOT_SNAPSHOTTED = {"sessions.session", "surveys.failedlookup", "core.referenceversion"}
# Other apps' bookkeeping of login attempts, if installed (django-axes).
NOT_SNAPSHOTTED_APPS = {"axes"}


def url_patterns(resolver=None, namespace="", prefix=""):
    """(namespace, name, route, pattern) of every URL pattern, includes followed; the name is namespaced,
    an unnamed pattern is named by its route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {route}>"
            yield namespace, f"{namespace}:{name}" if namespace else name, route, pattern


def covered_patterns() -> list[tuple[str, URLPattern]]:
    """The URL patterns the matrix walks: all but the admin's own, plus the admin's rows in the table
    (see the module docstring)."""
    return [(name, pattern) for namespace, name, _, pattern in url_patterns()
            if namespace != "admin" or name in TABLE]


def test_every_url_pattern_has_a_row():
    walked = {name for namespace, name, _, _ in url_patterns() if namespace != "admin"}
    table = {name for name in TABLE if not name.startswith("admin:")}
    assert not walked - table, f"URL patterns without a row in the access matrix: {sorted(walked - table)}"
    assert not table - walked, f"rows for URL patterns that no longer exist: {sorted(table - walked)}"
    admin_names = {name for namespace, name, _, _ in url_patterns() if namespace == "admin"}
    assert {name for name in TABLE if name.startswith("admin:")} <= admin_names


# --- the world the matrix runs in -------------------------------------------------------------------

def build_world() -> dict:
    """One object of each kind, owned by consultant A, and the users of the roles."""
    a = ConsultantFactory(username="konsulent_a")
    b = ConsultantFactory(username="konsulent_b")
    users = {"consultant A": a, "consultant B": b, "management": ManagerFactory(username="leder"),
             "administrator": AdministratorFactory(username="admin", is_superuser=False)}
    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    requester = AdministrationFactory(name="Socialforvaltningen")
    area = AreaFactory(name="Mjølnerparken")
    finished = {"created_by": a, "consultants": [a], "requesters": [requester], "area": area,
                "status": RequisitionStatus.FINISHED, "date_finished": datetime.date(2008, 6, 1)}
    # The questionnaires are about a requisition of their own: they would keep `requisition` from being deleted.
    surveyed = RequisitionFactory(challenge=challenge, **finished)
    invitation = InvitationFactory(requisition=surveyed, sent_by=a, requester=requester)
    answered = ResponseFactory(invitation__requisition=surveyed, invitation__sent_by=a,
                               invitation__requester=requester, answers__comment="Tak for hjælpen.")
    visited = ProjectFactory(name="Lektiecafé")
    importer = get_importer("rekvireringer")
    workbook = template_workbook(title=importer.sheet_name, columns=importer.columns).read()
    world = {
        "users": users,
        "requester": requester,
        "requisition": RequisitionFactory(challenge=challenge, **finished),
        "surveyed": surveyed,
        "advisory": AdvisoryFactory(challenge=challenge, consultant=a, requester=requester, area=area),
        "event": EventFactory(challenge=challenge, consultant=a, area=area),
        "deliverable": DeliverableFactory(challenge=challenge, created_by=a),
        "steeringgroupmembership": SteeringGroupMembershipFactory(consultant=a, challenge=challenge, area=area),
        # No visits, so it may be deleted; the visit belongs to another project.
        "project": ProjectFactory(name="Mentorordning", area=area),
        "projectvisit": ProjectVisitFactory(project=visited, consultant=a, challenge=challenge),
        "actor": ActorFactory(created_by=a, areas=[area]),
        "area": area,
        "invitation": invitation,
        "answer": Answer.objects.get(response=answered, question__kind=QuestionKind.TEXT),
        "answered_invitation": answered.invitation_id,
        "batch": ImportBatch.objects.create(kind="rekvireringer", filename="rekvireringer.xlsx", content=workbook,
                                            size=len(workbook), uploaded_by=a),
        "questionnaire": Questionnaire.objects.get(kind=QuestionnaireKind.REQUISITION, is_active=True),
        "job": Job.objects.create(user=a, title="Rekvireringer 2008", status=Job.Status.DONE, filename="r.xlsx",
                                  content=b"x", content_type="application/octet-stream", size=1),
    }
    return world


API_OBJECTS = {"requisitions": "requisition", "advisories": "advisory", "events": "event",
               "deliverables": "deliverable", "steering_group_memberships": "steeringgroupmembership",
               "projects": "project", "project_visits": "projectvisit", "actors": "actor"}


def path_kwargs(name: str, pattern: URLPattern, role: str, world: dict) -> dict:
    """Values for the pattern's path parameters, from the world's objects."""
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "token":
            kwargs[key] = world["invitation"].token if role == "link holder" else "ukendt-" + "x" * 36
        elif key == "year":
            kwargs[key] = 2008
        elif key == "secret":
            kwargs[key] = "kal_ukendt"
        elif key == "kind":
            kwargs[key] = "rekvireringer" if name.startswith("spreadsheets:") else "rekvirering"
        elif key == "name":
            kwargs[key] = "udfordringer"
        elif key == "fmt":
            kwargs[key] = "docx"
        elif key == "pk" and name == "spreadsheets:preview":
            kwargs[key] = world["batch"].pk
        elif key == "pk" and name in {"surveys:invitation_create", "surveys:paper_response_create"}:
            kwargs[key] = world["surveyed"].pk
        elif key == "pk" and name == "surveys:response_correct":
            kwargs[key] = world["answered_invitation"]
        elif key == "pk" and name.startswith("jobs:"):
            kwargs[key] = world["job"].pk
        elif key == "pk" and name.startswith("api:"):
            kwargs[key] = world[API_OBJECTS[name.removeprefix("api:").removesuffix("_detail")]].pk
        elif key == "pk":
            kwargs[key] = world[name.split(":")[-1].split("_")[0]].pk
        else:
            raise AssertionError(f"no value for the path parameter <{key}> of {name}: add one in path_kwargs")
    return kwargs


def target(name: str, world: dict):
    """The object a URL with a pk acts on, if any."""
    kind = name.split(":")[-1].split("_")[0]
    return world.get(kind) if hasattr(world.get(kind), "pk") else None


# --- payloads: valid-looking, so that a refused POST would have had something to change ----------------

def form_data(form) -> dict:
    """What the browser would send back for an unbound form: its initial values as POST data."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        elif isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif value is not None:
            data[form.add_prefix(name)] = str(value)
    return data


def answers(world: dict, prefix: str = "") -> dict:
    """A complete answer to the requisition questionnaire."""
    values = {QuestionKind.SCALE: "4", QuestionKind.YES_NO: "1", QuestionKind.TEXT: "Godt samarbejde."}
    return {f"{prefix}q_{question.pk}": values[question.kind]
            for question in world["questionnaire"].questions.all()}


def payload(name: str, pattern: URLPattern, world: dict) -> dict:
    view = getattr(pattern.callback, "view_class", None)
    form_class = getattr(view, "form_class", None)
    if form_class and issubclass(form_class, BaseModelForm):
        # An edit sends the object as it is; a create sends a copy of it under another title.
        instance = world[view.model._meta.model_name]
        data = form_data(form_class(instance=instance))
        if not name.endswith("_update"):
            for field in ("title", "name", "body"):
                if field in data:
                    data[field] += " (kopi)"
        return data
    return {
        "surveys:answer": answers(world),
        "surveys:invitation_create": {"requester": world["requester"].pk, "contact_email": "lise@example.org"},
        "surveys:paper_response_create": {"requester": world["requester"].pk, **answers(world, "svar-")},
        "surveys:invitation_paper_response": answers(world, "svar-"),
        "surveys:answer_quote": {"is_report_quote": "1"},
        "spreadsheets:preview": {},  # the confirmation (it starts the import as a job)
    }.get(name, {})


# --- measuring ----------------------------------------------------------------------------------------

def snapshotted_models():
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
            and model._meta.label_lower not in NOT_SNAPSHOTTED and model._meta.app_label not in NOT_SNAPSHOTTED_APPS]


def row_counts(models) -> dict:
    """The number of rows of every model, in one query."""
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT {index}, COUNT(*) FROM {quote(model._meta.db_table)}"
                             for index, model in enumerate(models))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    return {model._meta.label_lower: counts[index] for index, model in enumerate(models)}


def target_state(obj):
    return None if obj is None else type(obj).objects.filter(pk=obj.pk).values().first()


def answer_of(response) -> int | str:
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        if location.path in {reverse("login"), reverse("admin:login")} and "next" in parse_qs(location.query):
            return LOGIN
    return response.status_code


REFUSED = {LOGIN, 400, 403, 404, 405, 200}  # 200 and 400 on a POST: the form shown again with its errors


def measure(world: dict, models, name: str, pattern: URLPattern, method: str, role: str):
    """Ask the URL as the role; return the URL, the answer and, for a POST, what it changed."""
    client = world["client"]  # one for all: a new one loads the middleware again (WhiteNoise scans the files)
    client.cookies.clear()
    if role in world["users"]:
        client.force_login(world["users"][role])
    url = reverse(name, kwargs=path_kwargs(name, pattern, role, world))
    if method == GET:
        return url, answer_of(client.get(url)), None
    obj = target(name, world) if "pk" in pattern.pattern.converters else None
    before, state = row_counts(models), target_state(obj)
    got = answer_of(client.post(url, payload(name, pattern, world)))
    after = row_counts(models)
    change = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    if not change and state != target_state(obj):
        change = {str(obj): "edited"}
    return url, got, change


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_table_says():
    world = {**build_world(), "client": Client()}
    models = snapshotted_models()
    # A pattern without a row is reported by test_every_url_pattern_has_a_row.
    patterns = [(name, pattern) for name, pattern in covered_patterns() if name in TABLE]
    cells = [(name, pattern, method, role, expected) for name, pattern in patterns for method in (GET, POST)
             for role, expected in zip(ROLES, TABLE[name][method], strict=True)]
    unexpected, changed, refused_posts = [], [], 0
    for name, pattern, method, role, expected in cells:
        with transaction.atomic():
            url, got, change = measure(world, models, name, pattern, method, role)
            transaction.set_rollback(True)
        if got != expected:
            unexpected.append(f"{method} {url} ({name}) as {role}: expected {expected}, got {got}")
        if method == POST and got in REFUSED:
            refused_posts += 1
            if change:
                changed.append(f"POST {url} ({name}) as {role} answered {got} but changed {change}")
    admin_pages = sum(name.startswith("admin:") for name, _ in patterns)
    print(f"\naccess matrix: {len(patterns) - admin_pages} URL patterns and {admin_pages} admin pages × "
          f"{len(ROLES)} roles × GET and POST: {len(cells)} combinations asserted, {len(unexpected)} unexpected "
          f"answers; {refused_posts} refused POSTs, {len(changed)} of them changed data")
    assert not unexpected, "answers that differ from the access matrix:\n" + "\n".join(unexpected)
    assert not changed, "refused POSTs that changed the database:\n" + "\n".join(changed)
