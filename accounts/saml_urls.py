"""djangosaml2's endpoints under /saml2/ (names without a namespace: djangosaml2 reverses them itself), with
the register's assertion consumer and logout; all answer 404 while no SAML IdP is configured."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import path
from djangosaml2 import views as djangosaml2_views

from . import saml


def when_configured(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not saml.enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


urlpatterns = [
    path("login/", when_configured(djangosaml2_views.LoginView.as_view()), name="saml2_login"),
    path("acs/", when_configured(saml.AssertionConsumerView.as_view()), name="saml2_acs"),
    path("ls/", when_configured(saml.LogoutAnswerView.as_view()), name="saml2_ls"),
    path("ls/post/", when_configured(saml.LogoutAnswerView.as_view()), name="saml2_ls_post"),
    path("metadata/", when_configured(djangosaml2_views.MetadataView.as_view()), name="saml2_metadata"),
]
