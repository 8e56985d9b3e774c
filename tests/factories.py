import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from atlas.models import Area
from cases import roles
from cases.choices import EventKind, OrganisationKind, RequisitionStatus, Task
from cases.models import (
    Advisory,
    Challenge,
    Deliverable,
    Event,
    FteAllocation,
    Organisation,
    Requisition,
    SteeringGroupMembership,
    WorkPlan,
)
from projects.models import Project, ProjectVisit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    password = factory.django.Password("demo")



def role(name: str):
    """Post-generation step putting the user in a role's group (created by migrate)."""

    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(add)


class ConsultantFactory(UserFactory):
    role = role(roles.CONSULTANT)


class ManagerFactory(UserFactory):
    role = role(roles.MANAGEMENT)


class AdministratorFactory(UserFactory):
    is_staff = True
    role = role(roles.ADMINISTRATOR)


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan
        django_get_or_create = ("year",)

    year = 2008
    total_fte = 4


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        django_get_or_create = ("work_plan", "number")

    work_plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n % 4 + 1)
    name = factory.LazyAttribute(lambda o: f"Udfordring {o.number}")
    short_label = factory.LazyAttribute(lambda o: f"Udf. {o.number}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.ASSOCIATION


class AdministrationFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Forvaltning {n}")
    kind = OrganisationKind.ADMINISTRATION


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Område {n}")
    district = "Nørrebro"


class RequisitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisition
        skip_postgeneration_save = True

    challenge = factory.SubFactory(ChallengeFactory)
    title = factory.Sequence(lambda n: f"Rekvirering {n}")
    description = "Beskrivelse"
    date_received = factory.LazyAttribute(lambda o: datetime.date(o.challenge.work_plan.year, 3, 1))
    status = RequisitionStatus.IN_PROGRESS
    created_by = factory.SubFactory(ConsultantFactory)

    @factory.post_generation
    def requesters(self, create, extracted, **kwargs):
        if create:
            self.requesters.set(extracted if extracted is not None else [OrganisationFactory()])

    @factory.post_generation
    def consultants(self, create, extracted, **kwargs):
        if create:
            self.consultants.set(extracted if extracted is not None else [self.created_by])


class AdvisoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisory

    challenge = factory.SubFactory(ChallengeFactory)
    requester = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Rådgivning {n}")
    date = factory.LazyAttribute(lambda o: datetime.date(o.challenge.work_plan.year, 4, 1))
    consultant = factory.SubFactory(ConsultantFactory)
    created_by = factory.SelfAttribute("consultant")


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    challenge = factory.SubFactory(ChallengeFactory)
    title = factory.Sequence(lambda n: f"Leverance {n}")
    created_by = factory.SubFactory(ConsultantFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    challenge = factory.SubFactory(ChallengeFactory)
    title = factory.Sequence(lambda n: f"Arrangement {n}")
    kind = EventKind.SEMINAR
    date = factory.LazyAttribute(lambda o: datetime.date(o.challenge.work_plan.year, 5, 1))
    consultant = factory.SubFactory(ConsultantFactory)
    created_by = factory.SelfAttribute("consultant")


class SteeringGroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMembership

    body = factory.Sequence(lambda n: f"Styregruppe {n}")
    start = datetime.date(2008, 2, 1)
    consultant = factory.SubFactory(ConsultantFactory)
    created_by = factory.SelfAttribute("consultant")


class FteAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FteAllocation

    work_plan = factory.SubFactory(WorkPlanFactory)
    task = Task.CASES
    fte = 1


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Projekt {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectVisit

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2008, 6, 1)
    consultant = factory.SubFactory(ConsultantFactory)
    created_by = factory.SelfAttribute("consultant")
