from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases.views.registrations import HomeView, LogoutView

admin.site.site_header = _("TFI Register – administration")
admin.site.site_title = _("TFI Register")
admin.site.index_title = _("Referencedata og brugere")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("cases.urls")),
    path("projekter/", include("projects.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("atlas/", include("atlas.urls")),
    path("import/", include("spreadsheets.urls")),
    path("historik/", include("history.urls")),
]
