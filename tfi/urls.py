from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import LoginView, LogoutView
from registrations.requesters import RequesterAddView, RequesterSimilarView
from tfi import views as site_views
from tfi.home import AdvisoryQuickCreateView, HomeView

admin.site.site_header = _("TFI Register – administration")
admin.site.site_title = _("TFI Register")
admin.site.index_title = _("Referencedata og brugere")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("raadgivninger/hurtig/", AdvisoryQuickCreateView.as_view(), name="advisory_quick_create"),
    path("rekvirenter/ny/", RequesterAddView.as_view(), name="requester_add"),
    path("rekvirenter/lignende/", RequesterSimilarView.as_view(), name="requester_similar"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    # Single sign-on by SAML 2.0 (djangosaml2): SP metadata at /saml2/metadata/, the assertion consumer at /saml2/acs/.
    path("saml2/", include("accounts.saml_urls")),
    # For the load balancer, without login (see tfi.settings.SECURE_REDIRECT_EXEMPT).
    path("helbred/", site_views.health, name="health"),
    path(".well-known/security.txt", site_views.security_txt, name="security_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("", include("cases.urls")),
    path("projekter/", include("projects.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("atlas/", include("atlas.urls")),
    path("import/", include("spreadsheets.urls")),
    path("historik/", include("history.urls")),
    path("personoplysninger/", include("retention.urls")),
    path("filer/", include("jobs.urls")),
]

# Both render without the database: 400 gives the 413 page for an oversized request, 500 the 503 page
# when the database is away.
handler400 = "tfi.views.bad_request"
handler500 = "tfi.views.server_error"
