from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("", views.LogEntryListView.as_view(), name="list"),
    path("adgang/", views.AccessLogListView.as_view(), name="access_list"),
]
