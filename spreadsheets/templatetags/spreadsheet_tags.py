from django import template
from django.urls import NoReverseMatch, reverse

from core.views import model_url

from ..registry import importer_for

register = template.Library()


@register.inclusion_tag("spreadsheets/_list_buttons.html", takes_context=True)
def excel_buttons(context):
    """The list's "Eksportér til Excel" (with the filters shown) and, for those who may add to it,
    "Importér fra Excel"."""
    request, model = context["request"], context["view"].model
    try:
        export_url = reverse(model_url(model, "export"))
    except NoReverseMatch:
        export_url = ""
    if export_url and request.GET:
        export_url = f"{export_url}?{request.GET.urlencode()}"
    importer = importer_for(model)
    import_url = reverse("spreadsheets:upload", args=[importer.slug]) \
        if importer is not None and request.user.has_perm(importer.permission) else ""
    return {"export_url": export_url, "import_url": import_url}
