"""A consultant adds an outside requester while registering; the administrator reviews and merges them."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from cases.models import Advisory, Event, Requisition
from core.forms import UNREADABLE_MESSAGE
from core.models import Organisation
from core.selectors import organisations_similar, similarity
from core.services import organisations_merge
from reports.selectors.figures import administration_counts, challenge_table, year_figures
from tests.factories import (
    AdvisoryFactory,
    EventFactory,
    InvitationFactory,
    OrganisationFactory,
    ProjectFactory,
    RequisitionFactory,
)

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.parametrize("first,second", [
    ("Jensen, Anne", "Anne Jensen"), ("word", "two words"),
    ("Projekt Matchning", "Projekt Matchning, Center for Afklaring"),
    ("SSP", "SSP København"), ("Beskæftigelsesforvaltningen", "Beskæftigelses- og Integrationsforvaltningen"),
    ("x", "Foreningen Nyt Liv"),
])
def test_similarity_is_pg_trgm_s(db, first, second):
    """The same figure as PostgreSQL's pg_trgm gives, so that a name suggested on SQLite is the one PostgreSQL
    would find; on PostgreSQL compared with the extension itself."""
    mine = similarity(first, second)
    assert 0 <= mine <= 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity(%s, %s)", [first, second])
            assert mine == pytest.approx(cursor.fetchone()[0], abs=1e-6)
    if first == "Jensen, Anne":
        assert mine == 1.0


def test_the_nearest_names_come_first_and_others_are_left_out(db):
    near = OrganisationFactory(name="Foreningen Nyt Liv")
    nearer = OrganisationFactory(name="Foreningen Nyt Liv, Nørrebro")
    holding = OrganisationFactory(name="SSP København")
    OrganisationFactory(name="Socialforvaltningen")

    assert organisations_similar("Nyt Liv, Nørrebro (Foreningen)") == [(nearer.pk, nearer.name), (near.pk, near.name)]
    assert organisations_similar("ssp") == [(holding.pk, holding.name)]
    assert organisations_similar("   ") == []


class TestAddingARequester:
    def test_a_consultant_adds_an_outside_requester_marked_for_review(self, client, consultant):
        client.force_login(consultant)
        response = client.post(reverse("requester_add"), {"name": "  Foreningen   Nyt Liv, Sydhavnen "}, **JSON)

        assert response.status_code == 201
        added = Organisation.objects.get(pk=response.json()["id"])
        assert response.json()["name"] == added.name == "Foreningen Nyt Liv, Sydhavnen"
        assert (added.kind, added.to_review, added.added_by) == ("other", True, consultant)

    def test_one_the_administrator_adds_needs_no_review(self, client, administrator):
        client.force_login(administrator)
        response = client.post(reverse("requester_add"), {"name": "Boligselskabet Nord"}, **JSON)
        assert response.status_code == 201
        assert not Organisation.objects.get(name="Boligselskabet Nord").to_review

    @pytest.mark.parametrize("name,message", [
        ("", "Skriv rekvirentens navn."),
        ("Socialforvaltningen", "Der findes allerede en organisation med det navn. Vælg den i listen."),
        ("Forening\x07", str(UNREADABLE_MESSAGE)),
        ("x" * 201, "Denne værdi må højst have 200 tegn (den har 201)."),
    ])
    def test_a_name_that_cannot_be_added_is_refused_in_danish(self, client, consultant, name, message):
        OrganisationFactory(name="Socialforvaltningen")
        client.force_login(consultant)
        before = Organisation.objects.count()

        response = client.post(reverse("requester_add"), {"name": name}, **JSON)

        assert (response.status_code, response.json()) == (400, {"errors": [message]})
        assert Organisation.objects.count() == before

    def test_management_may_not_add_or_look(self, client, manager):
        client.force_login(manager)
        assert client.post(reverse("requester_add"), {"name": "Ny"}, **JSON).status_code == 403
        assert client.get(reverse("requester_similar"), {"navn": "Ny"}).status_code == 403
        assert not Organisation.objects.filter(name="Ny").exists()

    def test_the_picker_is_shown_the_nearest_names(self, client, consultant):
        existing = OrganisationFactory(name="Foreningen Nyt Liv")
        client.force_login(consultant)

        response = client.get(reverse("requester_similar"), {"navn": "Foreningen Nyt Liv, Sydhavnen"})

        assert response.json() == {"similar": [{"id": existing.pk, "name": "Foreningen Nyt Liv"}]}

    def test_without_javascript_the_page_shows_the_nearest_names_before_adding(self, client, consultant):
        OrganisationFactory(name="Foreningen Nyt Liv")
        client.force_login(consultant)
        back = reverse("cases:advisory_create")

        first = client.post(reverse("requester_add"), {"name": "Foreningen Nyt Liv, Sydhavnen", "next": back})
        assert first.status_code == 200
        assert "Disse navne ligner" in first.content.decode()
        assert not Organisation.objects.filter(name="Foreningen Nyt Liv, Sydhavnen").exists()

        confirmed = client.post(reverse("requester_add"), {
            "name": "Foreningen Nyt Liv, Sydhavnen", "confirmed": "on", "next": back}, follow=True)
        assert confirmed.redirect_chain == [(back, 302)]
        assert "Rekvirenten »Foreningen Nyt Liv, Sydhavnen« er oprettet" in confirmed.content.decode()
        assert Organisation.objects.get(name="Foreningen Nyt Liv, Sydhavnen").to_review

    def test_the_form_offers_the_picker_and_its_addresses_to_a_consultant(self, client, consultant, manager):
        client.force_login(consultant)
        page = client.get(reverse("cases:requisition_create")).content.decode()
        assert 'data-picker="requester"' in page
        assert f'data-add-url="{reverse("requester_add")}"' in page

        client.force_login(manager)
        assert "data-add-url" not in client.get(reverse("home")).content.decode()


class TestMerging:
    def test_every_registration_moves_to_the_target_and_the_duplicates_go(self, db, consultant):
        target = OrganisationFactory(name="Foreningen Nyt Liv")
        duplicate = OrganisationFactory(name="Forening Nyt Liv", to_review=True)
        other = OrganisationFactory(name="Nyt Liv")
        both = RequisitionFactory(requesters=[target, duplicate])
        one = RequisitionFactory(requesters=[duplicate])
        advisory = AdvisoryFactory(requester=other)
        event = EventFactory()
        event.organisations.set([duplicate])
        project = ProjectFactory(organisation=other)
        invitation = InvitationFactory(requester=duplicate)

        moved = organisations_merge(sources=[duplicate, other, target], target=target)

        assert moved == 6
        assert not Organisation.objects.filter(pk__in=[duplicate.pk, other.pk]).exists()
        assert list(both.requesters.all()) == [target]
        assert list(one.requesters.all()) == [target]
        advisory.refresh_from_db(), project.refresh_from_db(), invitation.refresh_from_db()
        assert advisory.requester == project.organisation == invitation.requester == target
        assert list(Event.objects.get(pk=event.pk).organisations.all()) == [target]
        # The change history records the move of each registration.
        assert "requester" in LogEntry.objects.get_for_object(advisory).latest("timestamp").changes_dict

    def test_merging_into_itself_alone_is_refused(self, db):
        target = OrganisationFactory()
        with pytest.raises(Exception, match="Vælg mindst én anden organisation"):
            organisations_merge(sources=[target], target=target)



class TestMergingIn2008:
    def test_merging_a_duplicate_leaves_the_figures_of_2008_as_they_were(self, demo):
        """An outside requester added twice, its registrations merged: the report counts the same."""
        first = Organisation.objects.filter(kind="other").order_by("pk").first() or OrganisationFactory(kind="other")
        duplicate = Organisation.objects.create(name=f"{first.name} (dublet)", kind="other", to_review=True)
        requisition = Requisition.objects.filter(challenge__work_plan__year=2008).first()
        requisition.requesters.add(duplicate)
        advisory = (Advisory.objects.filter(challenge__work_plan__year=2008)
                    .exclude(requester__kind="administration").first())
        advisory.requester = duplicate
        advisory.save()
        before = (year_figures(year=2008), challenge_table(year=2008), administration_counts(year=2008))

        organisations_merge(sources=[duplicate], target=first)

        assert (year_figures(year=2008), challenge_table(year=2008), administration_counts(year=2008)) == before
        assert first in requisition.requesters.all()
        advisory.refresh_from_db()
        assert advisory.requester == first


class TestTheAdministratorsReview:
    def test_the_start_page_counts_what_to_review_and_the_links_work(self, client, administrator, consultant):
        OrganisationFactory(name="Ny forening", to_review=True, added_by=consultant)
        client.force_login(administrator)

        page = client.get(reverse("home")).content.decode()

        assert "1 ny rekvirent tilføjet af en konsulent" in page
        changelist = client.get(reverse("admin:core_organisation_changelist"), {"to_review__exact": "1"})
        assert changelist.status_code == 200
        assert "Ny forening" in changelist.content.decode()

    def test_the_admin_merges_the_chosen_into_another(self, client, administrator):
        target = OrganisationFactory(name="Foreningen Nyt Liv")
        duplicate = OrganisationFactory(name="Forening Nyt Liv", to_review=True)
        advisory = AdvisoryFactory(requester=duplicate)
        client.force_login(administrator)
        url = reverse("admin:core_organisation_changelist")

        asked = client.post(url, {"action": "merge", "_selected_action": [duplicate.pk]})
        assert asked.status_code == 200
        assert "Flet ind i" in asked.content.decode()
        assert Organisation.objects.filter(pk=duplicate.pk).exists()

        refused = client.post(url, {"action": "merge", "_selected_action": [duplicate.pk], "apply": "1"})
        assert "Vælg den organisation, de valgte skal flettes ind i." in refused.content.decode()

        done = client.post(url, {"action": "merge", "_selected_action": [duplicate.pk], "apply": "1",
                                 "target": target.pk}, follow=True)
        assert "Flettet ind i Foreningen Nyt Liv: 1 registreringer er flyttet." in done.content.decode()
        advisory.refresh_from_db()
        assert advisory.requester == target
        assert not Organisation.objects.filter(pk=duplicate.pk).exists()

    def test_the_admin_marks_reviewed(self, client, administrator):
        added = OrganisationFactory(name="Ny forening", to_review=True)
        client.force_login(administrator)
        client.post(reverse("admin:core_organisation_changelist"),
                    {"action": "mark_reviewed", "_selected_action": [added.pk]})
        added.refresh_from_db()
        assert not added.to_review
