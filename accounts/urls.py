from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/totp/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("konto/adgangskode/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/totp/", views.TotpEnrolView.as_view(), name="totp_enrol"),
    path("konto/totp/fjern/", views.TotpRemoveView.as_view(), name="totp_remove"),
]
