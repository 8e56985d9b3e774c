from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("ressourcer/", views.ResourcesView.as_view(), name="resources"),
    path("aarets-tal/", views.YearFiguresView.as_view(), name="year_figures"),
    path("ledelse/", views.DashboardView.as_view(), name="dashboard"),
    path("ledelse/<int:year>/diagram/<str:name>.svg", views.ChartView.as_view(), name="chart"),
    path("rapport/", views.ReportDefaultYearView.as_view(), name="report_default"),
    path("rapport/<int:year>/", views.ReportView.as_view(), name="report"),
    path("rapport/<int:year>/statusrapport.<str:fmt>", views.ReportDownloadView.as_view(), name="report_download"),
    path("rapport/<int:year>/tekster/", views.ReportTextsView.as_view(), name="report_texts"),
    path("rapport/<int:year>/godkend/", views.ReportApproveView.as_view(), name="report_approve"),
]
