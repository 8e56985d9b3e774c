"""The error pages: Danish, in the site's layout, a way back, and nothing of the error itself (no
traceback, no settings, no SQL). The 500, 503 and 413 pages are made without the database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError
from django.test import RequestFactory
from django.urls import path, reverse

from cases.models import Requisition
from spreadsheets.models import ImportBatch
from tests.helpers import login
from tfi import urls as site_urls
from tfi import views as site_views

pytestmark = pytest.mark.django_db

SECRET_DETAIL = "kontonummer 1234-5678 i SELECT * FROM cases_requisition"


def fails(request):
    raise IntegrityError(SECRET_DETAIL)


def loses_the_database(request):
    raise OperationalError(f"server closed the connection unexpectedly: {SECRET_DETAIL}")


# A URL configuration for these tests only: the site's, with two views that fail.
urlpatterns = [
    path("test/fejl/", fails),
    path("test/database-vaek/", loses_the_database),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler500 = site_urls.handler500



@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = __name__


def assert_tells_nothing_of_the_error(response, settings):
    content = response.content.decode()
    for leak in ("Traceback", "SECRET_KEY", "File \"", "SELECT", "kontonummer", "DATABASES", "Exception", "Error"):
        assert leak not in content, leak
    if len(settings.SECRET_KEY) >= 20:
        assert settings.SECRET_KEY not in content


def assert_in_the_layout_with_a_way_back(response):
    content = response.content.decode()
    assert '<html lang="da">' in content
    assert "bootstrap.min.css" in content
    assert f'href="{reverse("home")}"' in content
    assert "Til forsiden" in content


@pytest.mark.usefixtures("failing_urls")
class TestServerError:
    def test_a_view_that_fails_gets_the_danish_500_page_without_the_error(self, client, consultant, settings):
        client.raise_request_exception = False

        response = login(client, consultant).get("/test/fejl/")

        assert response.status_code == 500
        assert "Der opstod en fejl" in response.content.decode()
        assert_in_the_layout_with_a_way_back(response)
        assert_tells_nothing_of_the_error(response, settings)

    def test_a_view_that_loses_the_database_gets_the_danish_503_page(self, client, consultant, settings):
        response = login(client, consultant).get("/test/database-vaek/?side=2")

        assert response.status_code == 503
        content = response.content.decode()
        assert "Registeret er midlertidigt utilgængeligt" in content
        assert 'href="/test/database-vaek/?side=2"' in content  # "Prøv igen"
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        assert_in_the_layout_with_a_way_back(response)
        assert_tells_nothing_of_the_error(response, settings)

    def test_the_database_error_is_logged(self, client, consultant, caplog):
        login(client, consultant).get("/test/database-vaek/")

        assert any(record.levelname == "ERROR" and record.exc_info for record in caplog.records
                   if record.name == "tfi.middleware")


class TestPagesMadeWithoutTheDatabase:
    def test_the_500_and_503_pages_make_no_query(self, django_assert_num_queries):
        request = RequestFactory().get("/rekvireringer/")

        with django_assert_num_queries(0):
            error = site_views.server_error(request)
            unavailable = site_views.database_unavailable(request)
            too_big = site_views.request_too_big(request)

        assert (error.status_code, unavailable.status_code, too_big.status_code) == (500, 503, 413)

    def test_handler500_gives_the_503_page_for_a_database_error(self):
        request = RequestFactory().get("/")
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            response = site_views.server_error(request)

        assert response.status_code == 503

    def test_a_database_error_behind_another_error_still_counts(self):
        try:
            try:
                raise OperationalError("the connection was lost")
            except OperationalError as exc:
                raise RuntimeError("while rendering") from exc
        except RuntimeError as exc:
            assert site_views.is_database_outage(exc)
        assert not site_views.is_database_outage(IntegrityError("duplicate key"))


class TestNotFoundAndForbidden:
    def test_an_unknown_page_gets_the_danish_404_page_in_the_layout(self, client, consultant, settings):
        response = login(client, consultant).get("/rekvireringer/987654/")

        assert response.status_code == 404
        assert "Siden findes ikke" in response.content.decode()
        assert "Log ud" in response.content.decode()  # the menu: the logged-in user's layout
        assert_in_the_layout_with_a_way_back(response)
        assert_tells_nothing_of_the_error(response, settings)

    def test_an_unknown_address_gets_the_404_page_without_login(self, client, settings):
        response = client.get("/findes-ikke/")

        assert response.status_code == 404
        assert "Siden findes ikke" in response.content.decode()
        assert_tells_nothing_of_the_error(response, settings)

    def test_a_page_the_role_may_not_see_gets_the_danish_403_page(self, client, consultant, settings):
        response = login(client, consultant).get(reverse("history:list"))

        assert response.status_code == 403
        assert "Ingen adgang" in response.content.decode()
        assert_in_the_layout_with_a_way_back(response)
        assert_tells_nothing_of_the_error(response, settings)

    def test_a_bad_request_gets_the_danish_400_page(self, client, settings):
        response = client.get(reverse("login"), headers={"host": "angriber.example"})

        assert response.status_code == 400
        assert "Ugyldig forespørgsel" in response.content.decode()
        assert "angriber.example" not in response.content.decode()
        assert_in_the_layout_with_a_way_back(response)


class TestOversizedRequests:
    TOO_BIG = "Forespørgslen er for stor"

    def test_a_body_over_the_limit_gets_the_413_page_before_it_is_read(self, client, consultant, settings):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        login(client, consultant)

        response = client.post(reverse("cases:requisition_create"), data=b"x" * 1001,
                               content_type="application/x-www-form-urlencoded")

        assert response.status_code == 413
        assert self.TOO_BIG in response.content.decode()
        assert_in_the_layout_with_a_way_back(response)
        assert Requisition.objects.count() == 0

    def test_an_upload_over_the_request_limit_gets_the_413_page_and_nothing_is_stored(self, client, consultant,
                                                                                        settings):
        settings.SPREADSHEET_MAX_UPLOAD_BYTES = 2000
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5000
        login(client, consultant)

        response = client.post(reverse("spreadsheets:upload", args=["rekvireringer"]),
                               {"file": SimpleUploadedFile("stor.xlsx", b"x" * 6000)})

        assert response.status_code == 413
        content = response.content.decode()
        assert self.TOO_BIG in content
        assert "4,9\xa0KB" in content and "2,0\xa0KB" in content  # both limits, in Danish
        assert ImportBatch.objects.count() == 0

    def test_an_excel_file_over_its_own_limit_is_refused_at_the_field(self, client, consultant, settings):
        settings.SPREADSHEET_MAX_UPLOAD_BYTES = 2000
        login(client, consultant)

        response = client.post(reverse("spreadsheets:upload", args=["rekvireringer"]),
                               {"file": SimpleUploadedFile("stor.xlsx", b"x" * 3000)})

        assert response.status_code == 200
        assert "Filen er for stor" in response.content.decode()
        assert ImportBatch.objects.count() == 0

    def test_too_many_form_fields_get_the_413_page(self, client, consultant, settings):
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
        login(client, consultant)

        response = client.post(reverse("cases:requisition_create"), {f"felt{n}": "x" for n in range(51)})

        assert response.status_code == 413
        assert self.TOO_BIG in response.content.decode()
        assert Requisition.objects.count() == 0

    def test_too_many_query_parameters_get_the_413_page(self, client, consultant, settings):
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
        login(client, consultant)

        response = client.get(reverse("cases:requisition_list") + "?" + "&".join(f"q{n}=x" for n in range(51)))

        assert response.status_code == 413
        assert self.TOO_BIG in response.content.decode()
