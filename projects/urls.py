from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("excel/", views.ProjectExportView.as_view(), name="project_export"),
    path("ny/", views.ProjectCreateView.as_view(), name="project_create"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/rediger/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("<int:pk>/slet/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("besoeg/", views.ProjectVisitListView.as_view(), name="projectvisit_list"),
    path("besoeg/excel/", views.ProjectVisitExportView.as_view(), name="projectvisit_export"),
    path("besoeg/ny/", views.ProjectVisitCreateView.as_view(), name="projectvisit_create"),
    path("besoeg/<int:pk>/", views.ProjectVisitDetailView.as_view(), name="projectvisit_detail"),
    path("besoeg/<int:pk>/rediger/", views.ProjectVisitUpdateView.as_view(), name="projectvisit_update"),
    path("besoeg/<int:pk>/slet/", views.ProjectVisitDeleteView.as_view(), name="projectvisit_delete"),
    path("besoeg/<int:pk>/print/", views.ProjectVisitPrintView.as_view(), name="projectvisit_print"),
    path("god-praksis/<int:year>/", views.GoodPracticePrintView.as_view(), name="good_practice_print"),
    path("god-praksis/<int:year>/god-praksis.pdf", views.GoodPracticePdfView.as_view(), name="good_practice_pdf"),
]
