from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path("<slug:kind>/", views.ImportUploadView.as_view(), name="upload"),
    path("<slug:kind>/skabelon.xlsx", views.ImportTemplateView.as_view(), name="template"),
    path("<slug:kind>/<int:pk>/", views.ImportPreviewView.as_view(), name="preview"),
]
