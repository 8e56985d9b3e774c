"""What the API shows of each kind: the fields its declaration lists (registrations/kinds.py), each named
once; the contact person's fields (Field.personal) only where the caller may see them."""

from functools import cache

from rest_framework import serializers

from core.models import Area, Challenge, Organisation, WorkPlan
from registrations.kinds import Kind


@cache
def kind_serializer(kind: Kind, *, personal: bool) -> type[serializers.ModelSerializer]:
    fields = ["id", *(declared.name for declared in kind.fields if personal or not declared.personal)]
    meta = type("Meta", (), {"model": kind.model, "fields": fields})
    name = f"{kind.model.__name__}{'' if personal else 'WithoutPersonalData'}Serializer"
    return type(name, (serializers.ModelSerializer,), {"Meta": meta, "__module__": __name__})


class WorkPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkPlan
        fields = ["id", "year", "total_fte"]


class ChallengeSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="work_plan.year", read_only=True)

    class Meta:
        model = Challenge
        fields = ["id", "year", "number", "name", "short_label"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "name", "district"]


class ChallengeFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    requisitions = serializers.IntegerField()
    advisories = serializers.IntegerField()
    events = serializers.IntegerField()
    participants = serializers.IntegerField()
    participants_expected = serializers.IntegerField()
    project_visits = serializers.IntegerField()
    good_practice = serializers.IntegerField()
    deliverables = serializers.DictField(child=serializers.IntegerField())


class YearFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    headline = serializers.DictField()
    challenges = ChallengeFiguresSerializer(many=True)


class ChallengeSurveySerializer(serializers.Serializer):
    challenge_id = serializers.IntegerField()
    sent = serializers.IntegerField()
    answered = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    headline_answers = serializers.IntegerField()


class SurveyResultsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    sent = serializers.IntegerField()
    answered = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    headline_answers = serializers.IntegerField()
    challenges = ChallengeSurveySerializer(many=True)
