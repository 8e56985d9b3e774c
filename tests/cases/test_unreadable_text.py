"""Text that XML cannot hold (Unicode non-characters, control characters), typed or pasted into a form, is
refused at its field with a Danish message and nothing is saved; a row that holds such text anyway (saved
before, or through the admin) no longer breaks the Excel exports."""

import pytest
from django.urls import reverse

from cases.models import Requisition
from tests.cases.test_views import requisition_data
from tests.factories import ChallengeFactory, OrganisationFactory, RequisitionFactory, WorkPlanFactory
from tests.helpers import login

PASTED = ["\ufeff\uffff\ufffe", "x\x01\x02\x07\x1b[31m\x7f", "Linje\x0bmed lodret tab"]


@pytest.fixture
def challenge(db):
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008))


@pytest.mark.parametrize("title", PASTED)
def test_a_form_refuses_text_the_exports_cannot_hold(client, consultant, challenge, title):
    login(client, consultant)
    requester = OrganisationFactory()
    response = client.post(reverse("cases:requisition_create"),
                           requisition_data(challenge, [requester], title=title, description="Fin tekst"))
    assert response.status_code == 200
    assert "Teksten indeholder tegn, der ikke kan gemmes" in str(response.context["form"].errors["title"])
    assert not Requisition.objects.exists()
    # Tab, line breaks and the byte order mark are ordinary text.
    response = client.post(reverse("cases:requisition_create"),
                           requisition_data(challenge, [requester], title="\ufeffTemadag",
                                            description="Linje 1\r\nLinje 2\tmed tab"))
    assert response.status_code == 302
    assert Requisition.objects.get().description == "Linje 1\nLinje 2\tmed tab"


@pytest.mark.parametrize("title", PASTED)
def test_a_row_that_holds_such_text_does_not_break_the_export(client, consultant, challenge, title):
    RequisitionFactory(challenge=challenge, title=title)
    login(client, consultant)
    response = client.get(reverse("cases:requisition_export") + "?year=2008")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
