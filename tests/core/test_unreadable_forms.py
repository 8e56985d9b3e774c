"""Every text field of every form of the register and of the admin refuses each character that no reader can
hold (core/text.py), at its field (issue 24, item 1); tab and line breaks stay."""

import sys

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.test import RequestFactory
from django.urls import get_resolver

from core.forms import UNREADABLE_MESSAGE, NewlinesMixin
from core.models import Challenge
from core.text import has_unreadable
from registrations.requesters import RequesterForm
from tests.factories import AdministratorFactory, ChallengeFactory, QuestionFactory, RequisitionFactory

pytestmark = pytest.mark.django_db

# C0 controls but tab and line breaks, DEL, and Unicode's non-characters (NUL, which Django refuses by its own
# validator, is among them: refused too, by another message).
CHARACTERS = ["\x00", "\x01", "\x07", "\x0b", "\x1b", "\x1f", "\x7f", "\ufdd0", "\ufdef", "\ufffe", "\uffff",
              "\U0001fffe", "\U0010ffff"]
# The register's apps: not the installed packages'.
REGISTER_APPS = {config.name.split(".")[0] for config in apps.get_app_configs()
                 if not config.path.startswith(sys.prefix)}


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def register_forms() -> list[type]:
    """The register's own form classes that take text (not the tests', not the ones the admin makes)."""
    assert get_resolver().url_patterns  # every view imported, and so every form
    found = {form for form in subclasses(NewlinesMixin) if form.__module__.split(".")[0] in REGISTER_APPS
             and not (issubclass(form, forms.ModelForm) and form._meta.model is None)}  # not the bases
    return sorted(found, key=lambda form: (form.__module__, form.__name__))


def arguments(form_class) -> dict:
    """What a form's constructor asks besides the data."""
    needs = form_class.__init__.__code__.co_varnames[:form_class.__init__.__code__.co_argcount
                                                    + form_class.__init__.__code__.co_kwonlyargcount]
    given = {}
    if "questions" in needs:
        given["questions"] = [QuestionFactory(kind="text")]
    if "registration" in needs:
        given["registration"] = RequisitionFactory()
    if "challenges" in needs:
        given["challenges"] = [ChallengeFactory()]
    return given


def admin_request():
    request = RequestFactory().get("/admin/")
    request.user = AdministratorFactory(is_superuser=True)
    return request


def admin_forms() -> list[type]:
    request = admin_request()
    found = []
    for model in apps.get_models():
        try:
            model_admin = admin.site.get_model_admin(model)
        except NotRegistered:
            continue
        if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
            continue  # the logs: read only
        found.append(model_admin.get_form(request))
        found.extend(inline.get_formset(request).form for inline in model_admin.get_inline_instances(request))
    return found


def text_fields(form) -> list[str]:
    return [name for name, field in form.fields.items()
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)]


def assert_refused(form_class, **given):
    """Each character is refused at each text field, or taken out where the field cleans its text (a name's
    spaces collapsed: Python counts U+001C to U+001F as spaces)."""
    names = text_fields(form_class(**given))
    assert names, form_class
    for character in CHARACTERS:
        form = form_class(data=dict.fromkeys(names, f"Tekst{character}slut"), **given)
        form.is_valid()
        for name in names:
            if name not in form.errors:
                assert not has_unreadable(form.cleaned_data[name]), (form_class, name, character)
            elif character != "\x00" and type(form.fields[name]) is forms.CharField:  # not e-mail, JSON, ...
                assert str(UNREADABLE_MESSAGE) in form.errors[name], (form_class, name, character)


def test_every_text_field_of_the_registers_forms_refuses_them():
    classes = register_forms()
    assert len(classes) >= 15, classes
    for form_class in classes:
        assert_refused(form_class, **arguments(form_class))
    assert_refused(RequesterForm)


def test_every_text_field_of_the_admins_forms_refuses_them():
    classes = [form for form in admin_forms() if text_fields(form())]
    assert len(classes) >= 12
    assert [form for form in classes if not issubclass(form, NewlinesMixin)] == []
    for form_class in classes:
        assert_refused(form_class)


def test_tab_and_line_breaks_stay():
    challenge = ChallengeFactory()
    form = admin.site.get_model_admin(Challenge).get_form(admin_request())(instance=challenge, data={
        "work_plan": challenge.work_plan_id, "number": challenge.number, "name": "Udfordring\tét",
        "short_label": challenge.short_label, "lead_in": "Første\r\nAnden", "conclusions": "En\nTo"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["lead_in"]) == ("Udfordring\tét", "Første\nAnden")
