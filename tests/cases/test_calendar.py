"""The events as iCalendar feeds behind a private link: made once, shown once, replaced at will; the user's own
events and the team's, as valid iCalendar that a calendar reads."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from accounts.models import CalendarFeed
from tests.factories import ConsultantFactory, EventFactory
from tests.helpers import login


def feed_urls(client) -> dict:
    response = client.post(reverse("cases:calendar_link"), follow=True)
    assert response.redirect_chain == [(reverse("cases:calendar_link"), 302)]
    urls = response.context["urls"]
    assert client.get(reverse("cases:calendar_link")).context["urls"] is None  # shown once
    return urls


@pytest.mark.django_db
def test_a_consultant_subscribes_to_their_own_and_the_teams_events(client):
    me, colleague = ConsultantFactory(), ConsultantFactory()
    this_year = datetime.date.today().year
    mine = EventFactory(consultant=me, title="Temadag om mentorer", date=datetime.date(this_year, 5, 4),
                        place="Nørrebro Bibliotek")
    theirs = EventFactory(consultant=colleague, title="Netværksmøde", date=datetime.date(this_year, 6, 1))
    EventFactory(consultant=me, title="Gammelt", date=datetime.date(this_year - 3, 1, 1))
    login(client, me)
    urls = feed_urls(client)
    client.logout()  # a calendar has no session: the link is the key

    response = client.get(urls["mine"])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["summary"]) for entry in entries] == ["Temadag om mentorer"]
    assert entries[0].decoded("dtstart") == mine.date
    assert str(entries[0]["location"]) == "Nørrebro Bibliotek"
    assert str(entries[0]["url"]).endswith(f"/arrangementer/{mine.pk}/")
    team = icalendar.Calendar.from_ical(client.get(urls["team"]).content)
    assert {str(entry["summary"]) for entry in team.walk("VEVENT")} == {mine.title, theirs.title}


@pytest.mark.django_db
def test_the_link_is_kept_as_a_hash_and_a_new_one_ends_the_old(client):
    me = ConsultantFactory()
    login(client, me)
    old = feed_urls(client)
    secret = old["mine"].split("/")[-2]
    assert secret not in CalendarFeed.objects.get(user=me).digest
    new = feed_urls(client)
    client.logout()
    assert client.get(old["mine"]).status_code == 404
    assert client.get(new["mine"]).status_code == 200
    assert client.get(reverse("cases:calendar_team", args=["kal_unknown"])).status_code == 404


@pytest.mark.django_db
def test_a_closed_account_feeds_nothing(client):
    me = ConsultantFactory()
    login(client, me)
    urls = feed_urls(client)
    me.is_active = False
    me.save()
    client.logout()
    assert client.get(urls["team"]).status_code == 404
