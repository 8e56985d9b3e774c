"""A database of the earlier layout, where work plans, challenges, organisations and planned FTE were
models of `cases` and areas of `atlas`, migrates forwards with nothing lost (core/migrations/0001,
0002 and their namesakes): the rows are where they were, the relations hold, and the change history and
the roles' permissions still point at the moved models."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from atlas.models import Actor
from cases.models import Advisory, Event, Requisition
from core.models import Area, Challenge, FteAllocation, Organisation, WorkPlan
from projects.models import Project, ProjectVisit
from reports.models import AnnualReport
from surveys.models import Invitation
from tests.factories import ConsultantFactory

# The last migrations of the earlier layout, and the apps whose later migrations are undone to reach it.
OLD_LAYOUT = [("core", None), ("cases", "0009_event_awaiting_count_index"), ("atlas", "0003_version"),
              ("projects", "0003_version"), ("reports", "0002_figuresversion"),
              ("surveys", "0003_invitation_anonymised_at")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def old_layout_nodes(executor) -> list[tuple[str, str]]:
    """Every app's last migration as the database of the earlier layout had them."""
    undone = dict(OLD_LAYOUT)
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in undone]
    return nodes + [(app, name) for app, name in OLD_LAYOUT if name is not None]


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_at_the_old_layout(old, user_id: int) -> dict:
    """One of each kind of row that points at the reference data, written with the models as they were."""
    work_plan = old.get_model("cases", "WorkPlan").objects.create(year=2008, total_fte=Decimal("4.00"))
    challenge = old.get_model("cases", "Challenge").objects.create(
        work_plan=work_plan, number=1, name="Udsatte boligområder", short_label="Udsatte boligområder")
    organisation = old.get_model("cases", "Organisation").objects.create(
        name="Socialforvaltningen", kind="administration")
    area = old.get_model("atlas", "Area").objects.create(name="Mjølnerparken", district="Nørrebro")
    old.get_model("cases", "FteAllocation").objects.create(work_plan=work_plan, task="cases", challenge=challenge,
                                                           fte=Decimal("1.00"))
    requisition = old.get_model("cases", "Requisition").objects.create(
        challenge=challenge, title="Temamøde", area=area, date_received=datetime.date(2008, 3, 1),
        created_by_id=user_id)
    requisition.requesters.add(organisation)
    old.get_model("cases", "Advisory").objects.create(
        challenge=challenge, requester=organisation, consultant_id=user_id, title="Råd",
        date=datetime.date(2008, 4, 1), created_by_id=user_id)
    event = old.get_model("cases", "Event").objects.create(
        challenge=challenge, kind="seminar", title="Seminar", date=datetime.date(2008, 3, 31), area=area,
        consultant_id=user_id, created_by_id=user_id, participants=100)
    event.organisations.add(organisation)
    actor = old.get_model("atlas", "Actor").objects.create(name="Sjakket", kind="association", created_by_id=user_id)
    actor.areas.add(area)
    project = old.get_model("projects", "Project").objects.create(name="Lektiecafé", organisation=organisation,
                                                                  area=area)
    old.get_model("projects", "ProjectVisit").objects.create(
        project=project, challenge=challenge, date=datetime.date(2008, 6, 1), consultant_id=user_id,
        created_by_id=user_id)
    old.get_model("reports", "AnnualReport").objects.create(work_plan=work_plan, introduction="I {aar} ...")
    questionnaire, _created = old.get_model("surveys", "Questionnaire").objects.get_or_create(
        kind="requisition", is_active=True, defaults={"title": "Spørgeskema"})
    old.get_model("surveys", "Invitation").objects.create(
        questionnaire=questionnaire, requisition=requisition, requester=organisation, channel="email",
        token="t" * 43, sent_by_id=user_id, sent_at=datetime.datetime(2008, 6, 2, tzinfo=datetime.UTC),
        expires_at=datetime.datetime(2008, 8, 1, tzinfo=datetime.UTC))
    content_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="cases", model="workplan")
    return {"work_plan_id": work_plan.pk, "content_type_id": content_type.pk}


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_migrates_forwards_with_nothing_lost():
    user = ConsultantFactory()
    # The test database stands at the latest migrations, with content types made for `core` by migrate:
    # they go back to their old labels as the migrations are undone, as in a database of that time.
    executor = migrate(OLD_LAYOUT)
    try:
        old = executor.loader.project_state(old_layout_nodes(executor)).apps
        made = fill_at_the_old_layout(old, user.pk)
        # A change of the work plan in the history and a role's permission on it, as the old layout kept them.
        LogEntry.objects.create(content_type_id=made["content_type_id"], object_pk=str(made["work_plan_id"]),
                                object_id=made["work_plan_id"], object_repr="Arbejdsplan 2008", action=1,
                                changes={"total_fte": ["3.00", "4.00"]})
        group = Group.objects.create(name="Gammel rolle")
        old_permission = old.get_model("auth", "Permission").objects.get(
            content_type_id=made["content_type_id"], codename="view_workplan")
        group.permissions.add(old_permission.pk)
    finally:
        migrate(latest())

    work_plan = WorkPlan.objects.get(year=2008)
    challenge = Challenge.objects.get(work_plan=work_plan, number=1)
    organisation = Organisation.objects.get(name="Socialforvaltningen")
    area = Area.objects.get(name="Mjølnerparken")
    assert work_plan.pk == made["work_plan_id"]
    assert FteAllocation.objects.get(work_plan=work_plan).challenge == challenge
    requisition = Requisition.objects.get(title="Temamøde")
    assert (requisition.challenge, requisition.area, list(requisition.requesters.all())) == (
        challenge, area, [organisation])
    assert Advisory.objects.get(title="Råd").requester == organisation
    assert list(Event.objects.get(title="Seminar").organisations.all()) == [organisation]
    assert list(Actor.objects.get(name="Sjakket").areas.all()) == [area]
    assert (Project.objects.get().organisation, Project.objects.get().area) == (organisation, area)
    assert ProjectVisit.objects.get().challenge == challenge
    assert AnnualReport.objects.get().work_plan == work_plan
    assert Invitation.objects.get().requester == organisation
    # The content type kept its id under its new label: the history and the permission followed it.
    assert ContentType.objects.get_for_model(WorkPlan).pk == made["content_type_id"]
    assert not ContentType.objects.filter(app_label="cases", model="workplan").exists()
    assert LogEntry.objects.get_for_object(work_plan).get().changes == {"total_fte": ["3.00", "4.00"]}
    assert Group.objects.get(name="Gammel rolle").permissions.get().codename == "view_workplan"
    assert Group.objects.get(name="Gammel rolle").permissions.get().content_type.app_label == "core"
