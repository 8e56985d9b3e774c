from .activities import Deliverable, Event, SteeringGroupMembership
from .reference import Challenge, FteAllocation, Organisation, ReferenceVersion, WorkPlan
from .registrations import Advisory, Registration, Requisition, validate_challenge_year
from .versioning import Versioned

__all__ = ["Advisory", "Challenge", "Deliverable", "Event", "FteAllocation", "Organisation", "ReferenceVersion",
           "Registration", "Requisition", "SteeringGroupMembership", "Versioned", "WorkPlan", "validate_challenge_year"]
