from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.PersonSearchView.as_view(), name="person_search"),
    path("eksport.xlsx", views.PersonExportView.as_view(), {"format": "xlsx"}, name="person_xlsx"),
    path("eksport.json", views.PersonExportView.as_view(), {"format": "json"}, name="person_json"),
    path("fortegnelse/", views.ProcessingRecordView.as_view(), name="processing_record"),
    path("fortegnelse.xlsx", views.ProcessingRecordView.as_view(), {"format": "xlsx"}, name="processing_record_xlsx"),
]
