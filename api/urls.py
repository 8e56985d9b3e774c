from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from . import views

app_name = "api"


def endpoint(view_class, **initkwargs):
    """The API answers for itself (a token or the session, with JSON errors): not the site's login redirect."""
    return login_not_required(view_class.as_view(**initkwargs))


urlpatterns = [
    path("v1/schema/", endpoint(SpectacularAPIView, permission_classes=[AllowAny]), name="schema"),
    path("v1/docs/", endpoint(SpectacularSwaggerSplitView, url_name="api:schema", permission_classes=[AllowAny]),
         name="docs"),
    path("v1/years/<int:year>/figures/", endpoint(views.YearFigures), name="year_figures"),
    path("v1/years/<int:year>/survey/", endpoint(views.SurveyResults), name="survey_results"),
]
for slug, (kind, filterset) in views.KINDS.items():
    name = slug.replace("-", "_")
    urlpatterns += [
        path(f"v1/{slug}/", endpoint(views.KindList, kind=kind, filterset_class=filterset), name=name),
        path(f"v1/{slug}/<int:pk>/", endpoint(views.KindDetail, kind=kind), name=f"{name}_detail"),
    ]
for slug, (queryset, serializer) in views.REFERENCE.items():
    urlpatterns.append(path(f"v1/{slug}/", endpoint(views.ReferenceList, queryset=queryset,
                                                       serializer_class=serializer), name=slug.replace("-", "_")))
