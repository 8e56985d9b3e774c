from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/oidc/", views.oidc_login, name="oidc_login"),
    path("login/oidc/svar/", views.oidc_callback, name="oidc_callback"),
    path("login/totp/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("konto/adgangskode/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/totp/", views.TotpEnrolView.as_view(), name="totp_enrol"),
    path("konto/totp/fjern/", views.TotpRemoveView.as_view(), name="totp_remove"),
]
