from django.urls import path

from registrations.urls import crud

from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from .views import activities, calendar, registrations

app_name = "cases"


urlpatterns = [
    *crud("rekvireringer", Requisition, registrations),
    *crud("raadgivninger", Advisory, registrations),
    *crud("arrangementer", Event, activities),
    *crud("leverancer", Deliverable, activities),
    *crud("styregrupper", SteeringGroupMembership, activities),
    path("kalender/", calendar.CalendarLinkView.as_view(), name="calendar_link"),
    path("kalender/<str:secret>/mine.ics", calendar.calendar_feed, {"scope": "mine"}, name="calendar_mine"),
    path("kalender/<str:secret>/team.ics", calendar.calendar_feed, {"scope": "team"}, name="calendar_team"),
]
