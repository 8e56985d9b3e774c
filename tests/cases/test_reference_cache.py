"""The reference cache (core/reference_cache.py): choice lists, permissions and roles are read from the
database once per reference token, and every change to what they are made of shows at the next request."""

import re

import pytest
from django import forms
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.filters import AdvisoryFilterSet
from cases.forms import AdvisoryForm, EventForm
from cases.models import Advisory
from core import reference_cache, roles
from core.choice_fields import CachedChoicesMixin, CachedSelect
from core.forms import form_html_key
from core.models import Organisation, ReferenceVersion
from tests.factories import (
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    OrganisationFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

FORM = reverse("cases:advisory_create")


@pytest.fixture
def reference():
    plan = WorkPlanFactory(year=timezone.localdate().year)
    return {
        "challenge": ChallengeFactory(work_plan=plan, number=1, short_label="Sprog"),
        "organisation": OrganisationFactory(name="Kulturforvaltningen"),
        "area": AreaFactory(name="Nørrebro"),
    }


def table_reads(queries, table: str) -> int:
    return sum(f'FROM "{table}"' in query["sql"] for query in queries)


def test_a_second_look_reads_only_the_token(client, consultant, reference):
    client.force_login(consultant)
    with CaptureQueriesContext(connection) as first:
        assert client.get(FORM).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(FORM)

    for table in ("cases_organisation", "cases_challenge", "atlas_area", "auth_permission"):
        assert table_reads(first.captured_queries, table) >= 1, table
        assert table_reads(second.captured_queries, table) == 0, table
    assert table_reads(second.captured_queries, "cases_referenceversion") == 1  # once, however many lists
    assert len(second) < len(first)
    # The cached lists are the same lists.
    assert f'<option value="{reference["organisation"].pk}">Kulturforvaltningen</option>' in response.content.decode()
    assert f'<option value="{reference["area"].pk}">{reference["area"]}</option>' in response.content.decode()


def test_a_new_organisation_is_offered_at_once(client, consultant, reference):
    client.force_login(consultant)
    client.get(FORM)

    new = OrganisationFactory(name="Beskæftigelses- og Integrationsforvaltningen")

    page = client.get(FORM).content.decode()
    assert f'<option value="{new.pk}">Beskæftigelses- og Integrationsforvaltningen</option>' in page


def test_a_renamed_or_deleted_organisation_changes_the_filter_at_once(client, consultant, reference):
    client.force_login(consultant)
    url = reverse("cases:advisory_list")
    client.get(url)
    organisation = reference["organisation"]

    organisation.name = "Kultur- og Fritidsforvaltningen"
    organisation.save()
    assert ">Kultur- og Fritidsforvaltningen</option>" in client.get(url).content.decode()

    organisation.delete()
    assert "Kultur- og Fritidsforvaltningen" not in client.get(url).content.decode()


def test_consultants_follow_their_names_roles_and_state(client, manager, reference):
    colleague = ConsultantFactory(first_name="Aya", last_name="Holm")
    client.force_login(manager)
    url = reverse("cases:advisory_list")
    assert ">Aya Holm</option>" in client.get(url).content.decode()

    colleague.first_name = "Aja"
    colleague.save()
    assert ">Aja Holm</option>" in client.get(url).content.decode()

    colleague.groups.remove(Group.objects.get(name=roles.CONSULTANT))  # the role taken away
    assert "Holm</option>" not in client.get(url).content.decode()

    colleague.groups.add(Group.objects.get(name=roles.CONSULTANT))
    colleague.is_active = False  # has left
    colleague.save()
    assert "Holm</option>" not in client.get(url).content.decode()


def test_logging_in_does_not_replace_the_token(client, consultant, reference):
    client.force_login(consultant)
    client.get(FORM)
    before = ReferenceVersion.objects.get().token

    client.logout()
    assert client.post(reverse("login"), {"username": consultant.username, "password": "demo"}).status_code == 302

    assert ReferenceVersion.objects.get().token == before  # the login stamp and a rehash change no list


def test_a_role_taken_away_is_refused_at_the_next_request(client, consultant, reference):
    client.force_login(consultant)
    assert client.get(FORM).status_code == 200

    consultant.groups.clear()

    assert client.get(FORM).status_code == 403


def test_a_permission_given_to_a_role_applies_at_the_next_request(client, manager, reference):
    client.force_login(manager)
    assert client.get(FORM).status_code == 403

    Group.objects.get(name=roles.MANAGEMENT).permissions.add(
        Permission.objects.get(content_type__app_label="cases", codename="add_advisory"))

    assert client.get(FORM).status_code == 200


def test_another_workers_change_is_seen_through_the_token(consultant, reference):
    """A change made by another process reaches this one only through the token in the database: a
    change without signals (as another worker's would look from here) shows once the token is replaced."""
    assert "Kulturforvaltningen" in str(AdvisoryForm()["requester"])
    Organisation.objects.filter(pk=reference["organisation"].pk).update(name="Økonomiforvaltningen")  # no signal

    assert "Kulturforvaltningen" in str(AdvisoryForm()["requester"])  # the list of the old token
    reference_cache.reference_changed()
    assert "Økonomiforvaltningen" in str(AdvisoryForm()["requester"])


def test_a_choice_gone_since_the_list_was_cached_is_refused_at_the_field(client, consultant, reference):
    """The cached list only shows choices: what is sent is checked against the database."""
    client.force_login(consultant)
    client.get(FORM)
    gone = reference["organisation"].pk
    Organisation.objects.filter(pk=gone)._raw_delete(Organisation.objects.db)  # no signal: the list keeps it

    assert f'<option value="{gone}">' in client.get(FORM).content.decode()
    response = client.post(FORM, {
        "challenge": reference["challenge"].pk, "requester": gone, "title": "Sprogkurser",
        "description": "", "date": timezone.localdate().isoformat(), "consultant": consultant.pk,
        "area": reference["area"].pk})

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.context["form"].errors["requester"][0]
    assert not Advisory.objects.exists()


def test_lists_of_other_data_are_read_every_time(consultant, reference):
    """Only the lists of reference data are cached (core/choice_fields.py): the event form's earlier
    events are registrations, read from the database."""
    form = EventForm()
    fields = {name: field for name, field in form.fields.items() if getattr(field, "queryset", None) is not None}
    cached = {name for name, field in fields.items() if isinstance(field, CachedChoicesMixin)}

    assert cached == {"challenge", "consultant", "area", "organisations"}
    assert {form.fields[name].choices_name for name in cached} == {"challenges-by-year", "consultants", "areas",
                                                                   "organisations"}
    assert "previous" in fields and "previous" not in cached  # events: registrations, always read


def test_an_edit_offers_the_consultant_it_has_whatever_their_state(consultant, other_consultant, reference):
    """A consultant who has left stays on the edit form of their registrations, under a list of its own."""
    other_consultant.is_active = False
    other_consultant.save()
    advisory = AdvisoryFactory(consultant=other_consultant)

    new, edit = AdvisoryForm(), AdvisoryForm(instance=advisory)

    offered = [str(value) for value, _label in edit.fields["consultant"].choices if value != ""]
    assert str(other_consultant.pk) in offered
    assert str(other_consultant.pk) not in [str(value) for value, _label in new.fields["consultant"].choices]
    assert edit.fields["consultant"].choices_name == f"consultants+{other_consultant.pk}"


def test_the_filter_form_offers_the_same_choices_as_the_database(consultant, reference):
    OrganisationFactory.create_batch(3)
    filterset = AdvisoryFilterSet({}, queryset=Advisory.objects.all())
    offered = [str(value) for value, _label in filterset.form.fields["requester"].choices if value != ""]
    assert offered == [str(pk) for pk in Organisation.objects.order_by("name").values_list("pk", flat=True)]


def test_a_cached_select_is_written_as_without_the_cache_for_each_value_and_error(consultant, reference):
    """The select's HTML is cached too (CachedSelect): for each value chosen, and with the attributes of
    an error, it is the HTML Django's Select writes."""
    other = OrganisationFactory(name="Økonomiforvaltningen")
    for chosen in (reference["organisation"].pk, other.pk, ""):
        form = AdvisoryForm({"requester": chosen})
        form.is_valid()
        field = form["requester"]
        assert isinstance(field.field.widget, CachedSelect)
        made, from_cache = str(field), str(field)
        widget = field.field.widget
        plain = field.as_widget(widget=forms.Select(attrs=widget.attrs, choices=list(widget.choices)))

        assert made == from_cache == plain
        if chosen:
            assert f'<option value="{chosen}" selected>' in made
        else:
            assert 'aria-invalid="true"' in made and " selected>" not in made.split("</option>", 1)[1]


def test_the_menu_follows_a_role_given_the_page_and_the_language(client, consultant, reference):
    """base.html's main menu is cached per set of permissions, reference token, page and language."""
    client.force_login(consultant)
    history = f'href="{reverse("history:list")}"'  # management's
    advisories = f'class="nav-link active" aria-current="page" href="{reverse("cases:advisory_list")}"'
    assert history not in client.get("/").content.decode()

    consultant.groups.add(Group.objects.get(name=roles.MANAGEMENT))
    assert history in client.get("/").content.decode()

    assert advisories not in client.get(reverse("cases:requisition_list")).content.decode()
    assert advisories in client.get(reverse("cases:advisory_list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Advisories</a>" in client.get(reverse("cases:advisory_list")).content.decode()


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_cached_form_is_written_as_without_the_cache(client, consultant, reference, settings):
    """The fields of a new registration's form, the start page's quick form and a list's filter form are
    cached (form_html_key): a page from the cache is the page made afresh, byte for byte."""
    client.force_login(consultant)
    challenge = reference["challenge"].pk
    pages = [FORM, reverse("cases:requisition_create"), reverse("cases:event_create"), "/",
             reverse("cases:requisition_list"), f'{reverse("cases:advisory_list")}?challenge={challenge}',
             f'{reverse("cases:requisition_list")}?year=1800']  # an error at the year field
    for page in pages:
        cache.clear()
        made = without_csrf(client.get(page).content.decode())
        assert without_csrf(client.get(page).content.decode()) == made, page
        kept = settings.CACHES
        settings.CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in kept}
        assert without_csrf(client.get(page).content.decode()) == made, page  # nothing cached at all
        settings.CACHES = kept


@pytest.mark.parametrize("page", ["new advisory", "start page"])
def test_a_form_from_the_cache_is_sent_with_this_sessions_csrf_token(consultant, reference, page):
    """The cached fields hold no CSRF token: a token kept with them is the first session's, and the
    browser sends the last of a form's tokens, so after the user's next login the form was refused (403)."""
    url, action = {"new advisory": (FORM, FORM),
                   "start page": ("/", reverse("advisory_quick_create"))}[page]
    earlier, now = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    earlier.force_login(consultant)
    now.force_login(consultant)
    assert earlier.get(url).status_code == 200  # fills the cache with the form's fields

    html = now.get(url).content.decode()
    form = next(form for form in re.findall(r"<form .*?</form>", html, re.S)
                if 'method="post"' in form and 'name="title"' in form)
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert len(tokens) == 1
    data = {"csrfmiddlewaretoken": tokens[-1], "challenge": reference["challenge"].pk,
            "requester": reference["organisation"].pk, "title": f"Råd fra {page}",
            "date": timezone.localdate().isoformat(), "consultant": consultant.pk, "description": "", "area": ""}
    response = now.post(action, data)

    assert response.status_code == 302, response.content.decode()[:500]
    assert Advisory.objects.filter(title=f"Råd fra {page}").exists()


def test_a_cached_form_follows_its_values_errors_choices_and_language(client, consultant, reference):
    client.force_login(consultant)
    challenge = reference["challenge"]
    other = ChallengeFactory(work_plan=challenge.work_plan, number=2, short_label="Job")
    url = reverse("cases:advisory_list")

    def selected(html: str) -> list[str]:
        select = html.split('name="challenge"', 1)[1].split("</select>")[0]
        return re.findall(r'<option value="(\d+)" selected>', select)

    assert selected(client.get(f"{url}?challenge={challenge.pk}").content.decode()) == [str(challenge.pk)]
    assert selected(client.get(f"{url}?challenge={other.pk}").content.decode()) == [str(other.pk)]
    assert "invalid-feedback" in client.get(f"{url}?challenge=999999").content.decode()
    assert "invalid-feedback" not in client.get(f"{url}?challenge={other.pk}").content.decode()

    assert "Job" in client.get(FORM).content.decode()
    other.short_label = "Beskæftigelse"
    other.save()  # reference data: a new token
    assert "Beskæftigelse" in client.get(f"{url}?challenge={other.pk}").content.decode()
    assert "Beskæftigelse" in client.get(FORM).content.decode()

    title = re.compile(r">\s*(\w+)<span class=\"asteriskField\">")
    assert title.search(client.get(FORM).content.decode())[1] == "Udfordring"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert title.search(client.get(FORM).content.decode())[1] == "Challenge"


def test_a_form_is_written_afresh_when_its_html_is_not_settled(consultant, reference):
    """No key, so no cache: text typed into a bound form, a saved object's form, choices that are not a
    cached list (the event form's earlier events), a helper that writes the <form> tag (CSRF)."""
    assert form_html_key(AdvisoryForm())
    assert form_html_key(AdvisoryFilterSet({"challenge": ""}).form)
    assert form_html_key(AdvisoryFilterSet({"q": "sprog"}).form) is None
    assert form_html_key(AdvisoryForm({"title": "Sprog"})) is None
    saved = AdvisoryFactory()
    assert form_html_key(AdvisoryForm(instance=saved)) is None
    assert form_html_key(EventForm()) is None
    with_tag = AdvisoryForm()
    with_tag.helper.form_tag = True
    assert form_html_key(with_tag) is None

    # The key holds what the HTML is written from, and nothing of who asks.
    keys = {form_html_key(form) for form in [
        AdvisoryForm(), AdvisoryForm(initial={"consultant": consultant.pk}),
        AdvisoryForm(initial={"challenge": reference["challenge"].pk}), AdvisoryForm(prefix="x")]}
    assert len(keys) == 4
    assert form_html_key(AdvisoryForm()) == form_html_key(AdvisoryForm())
    with translation.override("en"):
        assert form_html_key(AdvisoryForm()) not in keys
    same = AdvisoryForm()
    same.fields["title"].label = "Overskrift"
    assert form_html_key(same) != form_html_key(AdvisoryForm())
