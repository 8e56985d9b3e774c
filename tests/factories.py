import datetime

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from atlas.models import Actor, ActorKind
from cases.choices import EventKind, RequisitionStatus
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core import roles
from core.choices import OrganisationKind, Task
from core.models import Area, Challenge, FteAllocation, Organisation, WorkPlan
from projects.models import Project, ProjectVisit
from surveys.choices import Channel, QuestionKind, QuestionnaireKind, Satisfaction
from surveys.models import Answer, Invitation, Question, Questionnaire, Response
from surveys.services import token_new


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


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Aktør {n}")
    kind = ActorKind.ASSOCIATION
    created_by = factory.SubFactory(ConsultantFactory)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else [AreaFactory()])


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


# Satisfaction surveys. The two 2008 questionnaires come from data migration 0002, so an invitation
# uses the active one for its kind of work unless told otherwise.

class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """An extra questionnaire version; inactive by default, as each kind already has its active one."""

    class Meta:
        model = Questionnaire

    kind = QuestionnaireKind.REQUISITION
    version = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda o: f"Spørgeskema version {o.version}")
    is_active = False


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda o: f"Spørgsmål {o.position}")
    kind = QuestionKind.SCALE


def _active_questionnaire(invitation) -> Questionnaire:
    kind = QuestionnaireKind.ADVISORY if invitation.advisory is not None else QuestionnaireKind.REQUISITION
    return Questionnaire.objects.get(kind=kind, is_active=True)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A link e-mailed about a finished requisition (or, given `advisory=`, about an advisory) to a
    contact at the work's (first) requester, sent now by the work's creator."""

    class Meta:
        model = Invitation

    advisory = None
    requisition = factory.Maybe(
        "advisory", yes_declaration=None,
        no_declaration=factory.SubFactory(RequisitionFactory, status=RequisitionStatus.FINISHED,
                                          date_finished=factory.LazyAttribute(
                                              lambda r: r.date_received + datetime.timedelta(days=60))))
    questionnaire = factory.LazyAttribute(_active_questionnaire)
    requester = factory.LazyAttribute(
        lambda o: o.advisory.requester if o.advisory is not None else o.requisition.requesters.first())
    contact_name = "Lise Holm"
    contact_email = "lise.holm@example.org"
    channel = Channel.EMAIL
    token = factory.LazyFunction(token_new)
    sent_by = factory.LazyAttribute(lambda o: (o.advisory or o.requisition).created_by)
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.sent_at + datetime.timedelta(days=settings.SURVEY_LINK_DAYS))
    # Its e-mail went out when it was sent (by the worker, surveys/tasks.py).
    mailed_at = factory.LazyAttribute(lambda o: o.sent_at if o.channel == Channel.EMAIL else None)


class ResponseFactory(factory.django.DjangoModelFactory):
    """The answer to an invitation, with an answer to every question of its questionnaire: the scale
    questions `answers__satisfaction` (default 4, very satisfied), yes/no questions yes, the free-text
    question `answers__comment` (none when empty). `answers=False` gives a response without answers."""

    class Meta:
        model = Response
        skip_postgeneration_save = True

    invitation = factory.SubFactory(InvitationFactory)
    channel = factory.LazyAttribute(lambda o: o.invitation.channel)
    submitted_at = factory.LazyAttribute(lambda o: o.invitation.sent_at + datetime.timedelta(days=3))

    @factory.post_generation
    def answers(self, create, extracted, satisfaction=Satisfaction.VERY_SATISFIED, comment="", **kwargs):
        if not create or extracted is False:
            return
        for question in self.invitation.questionnaire.questions.all():
            if question.kind == QuestionKind.SCALE:
                Answer.objects.create(response=self, question=question, scale=satisfaction)
            elif question.kind == QuestionKind.YES_NO:
                Answer.objects.create(response=self, question=question, yes_no=True)
            elif comment:
                Answer.objects.create(response=self, question=question, text=comment)


class AnswerFactory(factory.django.DjangoModelFactory):
    """A free-text answer to the last question of the response's questionnaire."""

    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory, answers=False)
    question = factory.LazyAttribute(
        lambda o: o.response.invitation.questionnaire.questions.get(kind=QuestionKind.TEXT))
    text = "Tak for et godt samarbejde."
