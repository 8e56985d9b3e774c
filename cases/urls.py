from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("rekvireringer/", views.RequisitionListView.as_view(), name="requisition_list"),
    path("rekvireringer/ny/", views.RequisitionCreateView.as_view(), name="requisition_create"),
    path("rekvireringer/<int:pk>/", views.RequisitionDetailView.as_view(), name="requisition_detail"),
    path("rekvireringer/<int:pk>/rediger/", views.RequisitionUpdateView.as_view(), name="requisition_update"),
    path("rekvireringer/<int:pk>/slet/", views.RequisitionDeleteView.as_view(), name="requisition_delete"),
    path("raadgivninger/", views.AdvisoryListView.as_view(), name="advisory_list"),
    path("raadgivninger/ny/", views.AdvisoryCreateView.as_view(), name="advisory_create"),
    path("raadgivninger/hurtig/", views.QuickAdvisoryCreateView.as_view(), name="advisory_quick_create"),
    path("raadgivninger/<int:pk>/", views.AdvisoryDetailView.as_view(), name="advisory_detail"),
    path("raadgivninger/<int:pk>/rediger/", views.AdvisoryUpdateView.as_view(), name="advisory_update"),
    path("raadgivninger/<int:pk>/slet/", views.AdvisoryDeleteView.as_view(), name="advisory_delete"),
]
