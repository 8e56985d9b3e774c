from .activities import Deliverable, Event, SteeringGroupMembership
from .reference import Challenge, FteAllocation, Organisation, WorkPlan
from .registrations import Advisory, Registration, Requisition, validate_challenge_year

__all__ = ["Advisory", "Challenge", "Deliverable", "Event", "FteAllocation", "Organisation", "Registration",
           "Requisition", "SteeringGroupMembership", "WorkPlan", "validate_challenge_year"]
