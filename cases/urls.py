
from registrations.urls import crud

from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from .views import activities, registrations

app_name = "cases"


urlpatterns = [
    *crud("rekvireringer", Requisition, registrations),
    *crud("raadgivninger", Advisory, registrations),
    *crud("arrangementer", Event, activities),
    *crud("leverancer", Deliverable, activities),
    *crud("styregrupper", SteeringGroupMembership, activities),
]
