"""The form renderer: Django's TemplatesSetting, with the select widget written in Python.

A list page's filter form holds a hundred or more options (requesters, challenges, consultants, areas),
and every create and edit form a few dozen. Through Django's widget templates each option costs a loop
iteration and several variable lookups in the template engine: some 5 ms of a list page's 30-50 ms
(bench/load, profile of the requisition list). `render_select` writes the same HTML as Django's
select.html, select_option.html and attrs.html, escaped and localised the same way.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


def _text(value) -> str:
    """A value as the template engine writes `{{ value }}`: localised, then escaped unless safe."""
    return conditional_escape(localize(value))


def render_attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"` per attribute; True writes the name alone, False leaves it out."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str:
    """select.html, for the `widget` context of a Select or SelectMultiple."""
    parts = [f'<select name="{_text(widget["name"])}"{render_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(
            f'\n  <option value="{conditional_escape(str(option["value"]))}"{render_attrs(option["attrs"])}>'
            f'{_text(option["label"])}</option>'
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


class FormRenderer(TemplatesSetting):
    """Templates from TEMPLATES (the project's overrides first), the select widget in Python."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request)
