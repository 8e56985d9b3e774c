"""The administrator finds reference data by searching the admin's lists."""

import pytest
from django.urls import reverse

from tests.factories import ChallengeFactory, QuestionnaireFactory, WorkPlanFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("changelist", "term", "found", "not_found"), [
    ("admin:core_workplan_changelist", "2009", "Arbejdsplan 2009", "Arbejdsplan 2008"),
    ("admin:core_challenge_changelist", "Tryghed", "Tryghed i gaderne", "Boligområderne"),
    ("admin:surveys_questionnaire_changelist", "rådgivning", "Tilfredshed med rådgivning", "Tilfredshed med opgaven"),
])
def test_the_reference_lists_of_the_admin_can_be_searched(client, administrator, changelist, term, found,
                                                          not_found):
    plan_2008, plan_2009 = WorkPlanFactory(year=2008), WorkPlanFactory(year=2009)
    ChallengeFactory(work_plan=plan_2008, number=1, name="Tryghed i gaderne", short_label="Tryghed")
    ChallengeFactory(work_plan=plan_2009, number=1, name="Boligområderne", short_label="Bolig")
    QuestionnaireFactory(title="Tilfredshed med rådgivning", kind="advisory", version=7)
    QuestionnaireFactory(title="Tilfredshed med opgaven", kind="requisition", version=7)

    response = login(client, administrator).get(reverse(changelist), {"q": term})

    page = response.content.decode()
    assert response.status_code == 200
    assert found in page
    assert not_found not in page
