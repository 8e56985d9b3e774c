from django.urls import path

from registrations.urls import crud

from . import views
from .models import Actor

app_name = "atlas"

urlpatterns = [
    path("", views.AreaListView.as_view(), name="area_list"),
    path("omraader.geojson", views.AreasGeoJSONView.as_view(), name="areas_geojson"),
    path("<int:pk>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("<int:pk>/udskrift/", views.AreaPrintView.as_view(), name="area_print"),
    path("<int:pk>/atlas.docx", views.AreaWordView.as_view(), name="area_word"),
    path("<int:pk>/atlas.pdf", views.AreaPdfView.as_view(), name="area_pdf"),
    path("<int:pk>/aktoerer.geojson", views.AreaGeoJSONView.as_view(), name="area_geojson"),
    *crud("aktoerer", Actor, views),
]
