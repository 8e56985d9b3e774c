"""Questionnaires are kept by the administrator in the admin. A version with answers is frozen; a
change is made as a new version, which becomes the only active one of its kind."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from surveys import services
from surveys.choices import QuestionKind, QuestionnaireKind
from surveys.models import Question, Questionnaire
from surveys.questionnaires import QUESTIONNAIRES, questionnaires_2008_create
from tests.factories import QuestionFactory, QuestionnaireFactory, ResponseFactory
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db

FROZEN = "Spørgeskemaet er besvaret og kan ikke ændres. Opret en ny version."


def change_url(questionnaire) -> str:
    return reverse("admin:surveys_questionnaire_change", args=[questionnaire.pk])


def question_rows(questionnaire) -> list[tuple]:
    return list(questionnaire.questions.order_by("position").values_list(
        "position", "text", "kind", "required", "is_headline"))


@pytest.fixture
def answered(invitation, requisition_questionnaire):
    ResponseFactory(invitation=invitation)
    return requisition_questionnaire


class Test2008Questionnaires:
    def test_the_migration_made_both_as_active_version_1(self):
        questionnaires = Questionnaire.objects.order_by("kind")

        assert [(q.kind, q.version, q.is_active) for q in questionnaires] == [
            (QuestionnaireKind.ADVISORY, 1, True), (QuestionnaireKind.REQUISITION, 1, True)]
        assert [q.questions.count() for q in questionnaires] == [4, 5]
        assert [q.questions.filter(is_headline=True, kind=QuestionKind.SCALE).count() for q in questionnaires] == [
            1, 1]

    def test_creating_them_again_adds_nothing(self):
        assert questionnaires_2008_create(Questionnaire, Question) == 0
        assert Questionnaire.objects.count() == len(QUESTIONNAIRES) == 2


class TestFrozenWhenAnswered:
    def test_the_admin_shows_the_questions_without_letting_them_change(self, client, administrator, answered):
        response = login(client, administrator).get(change_url(answered))

        assert response.status_code == 200
        inline = response.context["inline_admin_formsets"][0]
        assert (inline.has_add_permission, inline.has_change_permission, inline.has_delete_permission) == (
            False, False, False)
        assertNotContains(response, 'name="questions-0-text"')
        assertNotContains(response, 'name="title"')
        assertContains(response, "Hvor tilfreds er du samlet set med TFI&#x27;s løsning af opgaven?")
        assert messages_of(response) == [
            "Denne version er besvaret og kan ikke ændres. Vælg handlingen »Opret ny version« på listen for at "
            "ændre spørgsmålene."]

    def test_a_forged_post_of_the_admin_form_changes_nothing(self, client, administrator, answered):
        """The administrator's browser cannot send changed questions, but a hand-made POST is ignored too."""
        before = question_rows(answered)
        data = {"is_active": "on", "questions-TOTAL_FORMS": "6", "questions-INITIAL_FORMS": "5",
                "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
                "title": "Ny titel", "introduction": "Ny indledning"}
        for index, question in enumerate(answered.questions.order_by("position")):
            data.update({f"questions-{index}-id": question.pk, f"questions-{index}-questionnaire": answered.pk,
                         f"questions-{index}-position": question.position, f"questions-{index}-text": "Ændret?",
                         f"questions-{index}-kind": question.kind, f"questions-{index}-DELETE": "on"})
        data.update({"questions-5-questionnaire": answered.pk, "questions-5-position": "6",
                     "questions-5-text": "Nyt spørgsmål?", "questions-5-kind": "text"})

        response = login(client, administrator).post(change_url(answered), data)

        assert response.status_code == 302
        answered.refresh_from_db()
        assert answered.title == "Tilfredshedsmåling – rekvireringsopgaver"
        assert question_rows(answered) == before

    def test_an_unanswered_questionnaire_can_be_edited_in_the_admin(
            self, client, administrator, requisition_questionnaire):
        response = login(client, administrator).get(change_url(requisition_questionnaire))

        assert response.context["inline_admin_formsets"][0].has_change_permission is True
        assertContains(response, 'name="questions-0-text"')
        assertContains(response, 'name="title"')

    @staticmethod
    def admin_post(questionnaire, rows: list[dict]) -> dict:
        """The admin form of an unanswered questionnaire as the browser sends it, with `rows` as its questions."""
        data = {"kind": questionnaire.kind, "version": questionnaire.version, "title": questionnaire.title,
                "introduction": questionnaire.introduction, "is_active": "on",
                "questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": str(len(rows)),
                "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
        for index, row in enumerate(rows):
            question = row["question"]
            data.update({f"questions-{index}-id": question.pk, f"questions-{index}-questionnaire": questionnaire.pk,
                         f"questions-{index}-position": row.get("position", question.position),
                         f"questions-{index}-text": question.text, f"questions-{index}-kind": question.kind})
            if question.required:
                data[f"questions-{index}-required"] = "on"
            if row.get("is_headline", question.is_headline):
                data[f"questions-{index}-is_headline"] = "on"
            if row.get("delete"):
                data[f"questions-{index}-DELETE"] = "on"
        return data

    def test_a_second_headline_question_is_refused_with_a_message_not_an_error_page(
            self, client, administrator, requisition_questionnaire):
        questions = list(requisition_questionnaire.questions.order_by("position"))
        headline = next(q for q in questions if q.is_headline)
        other = next(q for q in questions if not q.is_headline and q.kind == headline.kind)
        rows = [{"question": q, "is_headline": q.is_headline or q == other} for q in questions]

        response = login(client, administrator).post(change_url(requisition_questionnaire),
                                                     self.admin_post(requisition_questionnaire, rows))

        assert response.status_code == 200
        assertContains(response, "Kun ét spørgsmål kan være det om den samlede tilfredshed.")
        assert list(requisition_questionnaire.questions.filter(is_headline=True)) == [headline]

    def test_the_headline_and_two_numbers_can_be_swapped_in_one_save(
            self, client, administrator, requisition_questionnaire):
        questions = list(requisition_questionnaire.questions.order_by("position"))
        headline = next(q for q in questions if q.is_headline)
        other = next(q for q in questions if not q.is_headline and q.kind == headline.kind)
        first, second = questions[0], questions[1]
        numbers = first.position, second.position
        rows = [{"question": q, "is_headline": q == other,
                 "position": {first: numbers[1], second: numbers[0]}.get(q, q.position)}
                for q in questions]

        response = login(client, administrator).post(change_url(requisition_questionnaire),
                                                     self.admin_post(requisition_questionnaire, rows))

        assert response.status_code == 302
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.position, second.position) == (numbers[1], numbers[0])
        assert list(requisition_questionnaire.questions.filter(is_headline=True)) == [other]

    def test_deleting_the_last_question_deletes_that_one_and_another_may_take_its_number(
            self, client, administrator, requisition_questionnaire):
        questions = list(requisition_questionnaire.questions.order_by("position"))
        last, before_last = questions[-1], questions[-2]
        rows = [{"question": q, "delete": q == last,
                 "position": last.position if q == before_last else q.position} for q in questions]

        response = login(client, administrator).post(change_url(requisition_questionnaire),
                                                     self.admin_post(requisition_questionnaire, rows))

        assert response.status_code == 302
        kept = list(requisition_questionnaire.questions.order_by("position").values_list("pk", "position"))
        assert kept == [(q.pk, q.position) for q in questions[:-2]] + [(before_last.pk, last.position)]

    def test_two_questions_with_one_number_are_refused(self, client, administrator, requisition_questionnaire):
        questions = list(requisition_questionnaire.questions.order_by("position"))
        rows = [{"question": q, "position": questions[0].position if q == questions[1] else q.position}
                for q in questions]

        response = login(client, administrator).post(change_url(requisition_questionnaire),
                                                     self.admin_post(requisition_questionnaire, rows))

        assertContains(response, "Ret venligst de duplikerede data herunder.")
        assert question_rows(requisition_questionnaire) == [
            (q.position, q.text, q.kind, q.required, q.is_headline) for q in questions]

    def test_an_answered_version_cannot_be_made_active_beside_the_active_one(self, client, administrator,
                                                                              answered):
        services.questionnaire_new_version(questionnaire=answered)

        response = login(client, administrator).post(change_url(answered), {
            "is_active": "on", "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"})

        assert response.status_code == 200
        assertContains(response, "Der er allerede en aktiv version til denne brug. Gør den inaktiv først.")
        answered.refresh_from_db()
        assert answered.is_active is False

    def test_a_question_of_an_answered_questionnaire_fails_validation(self, answered):
        question = answered.questions.get(position=1)
        question.text = "Hvor tilfreds var du?"

        with pytest.raises(ValidationError) as error:
            question.full_clean()
        assert error.value.messages == [FROZEN]

    def test_a_new_question_for_an_answered_questionnaire_fails_validation(self, answered):
        question = Question(questionnaire=answered, position=6, text="Noget nyt?", kind=QuestionKind.TEXT,
                            required=False)

        with pytest.raises(ValidationError, match=FROZEN):
            question.full_clean()

    def test_a_question_of_an_unanswered_questionnaire_validates(self, requisition_questionnaire):
        question = requisition_questionnaire.questions.get(position=1)
        question.text = "Hvor tilfreds var du?"

        question.full_clean()

    def test_only_a_scale_question_can_be_the_headline(self):
        question = QuestionFactory.build(questionnaire=QuestionnaireFactory(), kind=QuestionKind.YES_NO,
                                         is_headline=True)

        with pytest.raises(ValidationError) as error:
            question.full_clean()
        assert "is_headline" in error.value.message_dict


class TestNewVersion:
    def test_it_copies_the_questions_and_becomes_the_only_active_version(self, answered):
        before = question_rows(answered)

        copy = services.questionnaire_new_version(questionnaire=answered)

        assert (copy.kind, copy.version, copy.is_active) == (QuestionnaireKind.REQUISITION, 2, True)
        assert (copy.title, copy.introduction) == (answered.title, answered.introduction)
        assert question_rows(copy) == before
        assert set(copy.questions.values_list("pk", flat=True)).isdisjoint(answered.questions.values_list("pk"))
        answered.refresh_from_db()
        assert answered.is_active is False
        assert question_rows(answered) == before  # the answered version keeps its questions
        assert list(Questionnaire.objects.filter(kind=QuestionnaireKind.REQUISITION, is_active=True)) == [copy]
        assert Questionnaire.objects.get(kind=QuestionnaireKind.ADVISORY).is_active is True

    def test_the_new_version_is_editable_and_is_the_one_sent(self, answered, consultant, requisition, requester):
        copy = services.questionnaire_new_version(questionnaire=answered)
        question = copy.questions.get(position=1)
        question.text = "Hvor tilfreds er du samlet set?"
        question.full_clean()
        question.save()

        invitation = services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                              contact_email="lise.holm@example.org")

        assert invitation.questionnaire == copy
        assert services.questionnaire_for(requisition) == copy

    def test_copying_an_older_version_numbers_it_after_the_latest(self, answered):
        second = services.questionnaire_new_version(questionnaire=answered)

        third = services.questionnaire_new_version(questionnaire=answered)

        assert third.version == 3
        second.refresh_from_db()
        assert second.is_active is False
        assert [q.version for q in Questionnaire.objects.filter(kind="requisition", is_active=True)] == [3]

    def test_the_admin_action_makes_the_new_version(self, client, administrator, answered):
        url = reverse("admin:surveys_questionnaire_changelist")

        response = login(client, administrator).post(url, {"action": "new_version", "_selected_action": [answered.pk]})

        assert response.status_code == 302
        assert messages_of(response) == ["1 ny version er oprettet."]
        active = Questionnaire.objects.get(kind=QuestionnaireKind.REQUISITION, is_active=True)
        assert active.version == 2
        assert question_rows(active) == question_rows(answered)

    def test_management_has_no_admin(self, client, manager):
        response = login(client, manager).get(reverse("admin:surveys_questionnaire_changelist"))

        assert response.status_code == 403


class TestNewVersionHistory:
    def test_the_history_shows_the_version_retired_the_copy_and_its_questions(self, answered, manager):
        """A queryset update and a bulk insert send no signals: the service writes their history rows."""
        from auditlog.models import LogEntry

        copy = services.questionnaire_new_version(questionnaire=answered, user=manager)

        retired = LogEntry.objects.get_for_object(answered).get()
        assert retired.action == LogEntry.Action.UPDATE and retired.actor == manager
        assert retired.changes_dict == {"is_active": ["True", "False"]}
        assert LogEntry.objects.get_for_object(copy).get().action == LogEntry.Action.CREATE
        questions = list(copy.questions.all())
        assert len(questions) >= 2
        for question in questions:
            entry = LogEntry.objects.get_for_object(question).get()
            assert (entry.action, entry.actor, entry.changes_dict["text"][1]) == (
                LogEntry.Action.CREATE, manager, question.text)
        assert not LogEntry.objects.get_for_objects(answered.questions.all()).exists()  # the old ones untouched
