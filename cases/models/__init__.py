from .activities import Deliverable, Event, SteeringGroupMembership
from .registrations import Advisory, Registration, Requisition, participants_text

__all__ = ["Advisory", "Deliverable", "Event", "Registration", "Requisition", "SteeringGroupMembership",
           "participants_text"]
