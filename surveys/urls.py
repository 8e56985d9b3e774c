from django.urls import path

from .views import public, staff

app_name = "surveys"

urlpatterns = [
    # The requester's page, reached without an account through the link in the e-mail.
    path("svar/sprog/", public.language, name="answer_language"),  # before the token: no token is "sprog"
    path("svar/<str:token>/", public.AnswerView.as_view(), name="answer"),
    # The accessibility statement (or the way to it), for everyone: every page's footer links to it.
    path("was/", public.accessibility, name="accessibility"),
    path("tilfredshed/", staff.ResultsView.as_view(), name="results"),
    path("tilfredshed/udsendelser/", staff.InvitationListView.as_view(), name="invitation_list"),
    path("tilfredshed/udsendelser/<int:pk>/", staff.InvitationDetailView.as_view(), name="invitation_detail"),
    path("tilfredshed/udsendelser/<int:pk>/slet/", staff.InvitationDeleteView.as_view(), name="invitation_delete"),
    path("tilfredshed/udsendelser/<int:pk>/send-igen/", staff.InvitationMailAgainView.as_view(),
         name="invitation_mail_again"),
    path("tilfredshed/udsendelser/<int:pk>/ret-svar/", staff.ResponseCorrectView.as_view(),
         name="response_correct"),
    path("tilfredshed/udsendelser/<int:pk>/papirsvar/", staff.InvitationPaperResponseView.as_view(),
         name="invitation_paper_response"),
    path("tilfredshed/send/<str:kind>/<int:pk>/", staff.InvitationCreateView.as_view(), name="invitation_create"),
    path("tilfredshed/papirsvar/<str:kind>/<int:pk>/", staff.PaperResponseCreateView.as_view(),
         name="paper_response_create"),
    path("tilfredshed/svar/<int:pk>/citat/", staff.AnswerQuoteView.as_view(), name="answer_quote"),
]
