"""Bad input: generated junk sent to every form and every query-string parameter gets no server error,
is never echoed unescaped, and an invalid form saves nothing.

Hypothesis generates the junk: very long strings (10,000+ characters), NUL bytes and other control
characters, right-to-left overrides, HTML and script payloads, SQL fragments, dates out of range,
huge and non-finite numbers, Unicode normalisation oddities, and mixtures of them. Each example sends
one junk value in one field or parameter, the others valid:

- every form (each URL pattern that some role may POST to, but logout and the deletes): the field is
  one of the form's own (read from its page) or of a valid payload (tests/security/test_access_matrix.py);
  an accepted form is followed to the page it leads to, where the value is shown;
- every page's query string: the list filters (each list and its Excel export), `year`, `page`, `next`
  and the other parameters views read;
- the path parameters that take text (a survey token, a chart's name, a file format, a kind).

The counts of inputs tried and server errors are kept in `TRIED` and printed by the last test, which
also asserts that at least 1,000 were tried (`pytest -s` shows them). Hypothesis is derandomized, so a
CI run tries the same inputs every time, and keeps no example database.
"""

import html.parser
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.views import ObjectListView
from tests.security.test_access_matrix import (
    GET,
    POST,
    ROLES,
    TABLE,
    build_world,
    covered_patterns,
    path_kwargs,
    payload,
    row_counts,
    snapshotted_models,
    target,
    target_state,
)

pytestmark = pytest.mark.django_db

TRIED = Counter()  # "probes", "generated", "server errors"
MINIMUM_GENERATED = 1000

# --- the junk ---------------------------------------------------------------------------------------

SCRIPTS = [
    '<script>alert("tfi")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(2)>",
    "</textarea><script>alert(3)</script>",
    '" onmouseover="alert(4)',
    "<a href=javascript:alert(5)>x</a>",
]
SQL = ["' OR 1=1 --", "'; DROP TABLE cases_requisition; --", '" OR ""="', "1; SELECT pg_sleep(10)",
       "' UNION SELECT password FROM auth_user --", "%", "_", "\\", "%' AND '1'='1", "$$", "E'\\x00'"]
DATES = ["0000-01-01", "0-1-1", "0001-01-01", "9999-12-31", "10000-01-01", "99999-12-31", "31.02.2008",
         "2008-02-30", "2008-13-01", "-2008-01-01", "2008-02-29T25:61", "01/02/2008", "1.1.1", "2008"]
NUMBERS = ["10" + "0" * 29, "-1", "-0", "NaN", "nan", "inf", "-Infinity", "1e309", "-1e309", "1e-400", "0x10",
           "1_000", " 5 ", "٣", "²", "１２", "2147483648", "9223372036854775808", "-9223372036854775809",
           "9" * 5000, "0.0000001", "1,5"]
UNICODE = ["\u202eevil\u202c", "\u202dA\u202c", "\u200f\u061c", "\u2066x\u2069", "A\u030a", "\u00c5", "\u212b",
           "ﬁ", "ｆｕｌｌ", "\ufeff", "\u200b", "\u00a0", "ǅ", "ß", "İ", "🏳️‍🌈", "\U0010ffff", "𝕏"]
CONTROLS = st.text(st.characters(codec="utf-8", max_codepoint=0x9f,
                                 categories=["Cc"]), min_size=1, max_size=4)

piece = st.one_of(
    st.sampled_from(SCRIPTS),
    st.sampled_from(SQL),
    st.sampled_from(DATES),
    st.sampled_from(NUMBERS),
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.floats().map(repr),
    st.sampled_from(UNICODE),
    CONTROLS,
    st.just("\x00"),
    st.text(st.characters(codec="utf-8"), max_size=20),
)
long_text = st.tuples(st.text(st.characters(codec="utf-8"), min_size=1, max_size=8) | st.sampled_from(SCRIPTS),
                      st.integers(min_value=10_000, max_value=12_000)
                      ).map(lambda pair: pair[0] * (pair[1] // len(pair[0]) + 1))
junk = st.one_of(piece, st.lists(piece, min_size=2, max_size=4).map("".join), long_text)

# Probes: tried first in every field or parameter of every target (in all of them at once), so that no
# kind of junk is left to chance; then Hypothesis generates its own. A page's query string and a path
# get the shorter list: what they read is numbers, choices and free text.
PROBES = ["\x00", "\x01\x1b[31m\x7f", SCRIPTS[0], SCRIPTS[1], SCRIPTS[4], "' OR 1=1 --", "10" + "0" * 29, "-1", "NaN",
          "1e309", "²", "0001-01-01", "99999-12-31", "31.02.2008", "\u202eevil\u202c", "x" * 10_001]
QUERY_PROBES = ["\x00", SCRIPTS[0], SCRIPTS[4], "' OR 1=1 --", "10" + "0" * 29, "NaN", "1e309", "²", "99999-12-31",
                "\u202eevil\u202c", "x" * 10_001]
# Generated examples per target, on top of the probes: over 1,000 in all.
FORM_EXAMPLES, QUERY_EXAMPLES, PATH_EXAMPLES = 16, 8, 16

HYPOTHESIS = {"deadline": None, "derandomize": True, "database": None,
              "suppress_health_check": list(HealthCheck)}

# --- the targets -------------------------------------------------------------------------------------

# Query-string parameters read by views outside a filterset (besides `next`, which every page may take).
PARAMETERS = {
    "home": ["year"],
    "reports:dashboard": ["year"],
    "reports:report_default": ["year"],
    "surveys:results": ["year", "page"],
    "reports:resources": ["year"],
    "reports:year_figures": ["year"],
    "atlas:actor_create": ["area"],
    "projects:projectvisit_create": ["project"],
}
TEXT_CONVERTERS = {"str", "slug", "path"}
NOT_FORMS = {"logout"}  # logs out; takes nothing
# Files and documents: a few examples each, they take long to make.
SLOW = {"atlas:area_word", "reports:report_download", "reports:chart", "spreadsheets:template"}


def first_role(name: str, method: str, answers=(200, 302)) -> str | None:
    """The first role the table lets in (consultant A, then management, ...)."""
    order = ("consultant A", "management", "administrator", "link holder", "anonymous")
    return next((role for role in order
                 if TABLE[name][method][ROLES.index(role)] in answers), None)


def form_targets() -> list[tuple[str, URLPattern]]:
    return [(name, pattern) for name, pattern in covered_patterns()
            if not name.startswith("admin:") and name not in NOT_FORMS and not name.endswith("_delete")
            and first_role(name, POST) is not None]


def query_targets() -> list[tuple[str, URLPattern]]:
    return [(name, pattern) for name, pattern in covered_patterns()
            if not name.startswith("admin:") and first_role(name, GET, answers=(200,)) is not None]


def path_targets() -> list[tuple[str, URLPattern, str]]:
    return [(name, pattern, key) for name, pattern in covered_patterns() if not name.startswith("admin:")
            for key, converter in pattern.pattern.converters.items()
            if type(converter).__name__.removesuffix("Converter").lower() in TEXT_CONVERTERS]


def query_parameters(pattern: URLPattern, name: str) -> list[str]:
    view = getattr(pattern.callback, "view_class", None)
    names = ["next", *PARAMETERS.get(name, [])]
    if view is not None and issubclass(view, ObjectListView):
        names += [*view.filterset_class.base_filters, "page"]
    return sorted(set(names))


# --- asking ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, in a transaction rolled back at its end; every example runs in a
    savepoint of its own, rolled back too. (The module's django_db mark makes django_db_setup create
    the test database: without a marked test it would leave the connection on the real one.)"""
    assert "test" in Path(str(connection.settings_dict["NAME"])).name, "not on the test database"
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world["models"] = snapshotted_models()
        world["client"] = Client()
        yield world
        transaction.set_rollback(True)


def client_for(world: dict, role: str) -> Client:
    """The module's one test client, as the role. (A new Client loads the middleware again, and
    WhiteNoise's scans the static files each time: a third of a second.)"""
    client = world["client"]
    client.cookies.clear()
    if role in world["users"]:
        client.force_login(world["users"][role])
    return client


def send(client: Client, method: str, url: str, data=None, *, probe: bool):
    """One request with bad input, counted as a probe or as generated; a server error is counted before
    it fails the test."""
    TRIED["probes" if probe else "generated"] += 1
    try:
        response = client.post(url, data) if method == POST else client.get(url, data)
    except Exception:
        TRIED["server errors"] += 1
        raise
    if response.status_code >= 500:
        TRIED["server errors"] += 1
    assert response.status_code < 500, f"{method} {url}: {response.status_code}"
    return response


class _Links(html.parser.HTMLParser):
    """The values of the attributes a browser follows or runs: href, src, action, formaction."""

    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]


def javascript_links(page: str) -> list[str]:
    """The links of the page (its real attributes, not escaped text that looks like one) to javascript:."""
    parser = _Links()
    parser.feed(page)
    return [target for target in parser.targets if target.strip().lower().startswith("javascript:")]



def assert_escaped(values: dict, response) -> None:
    """No script payload of the input shows up as markup, and no link leads to `javascript:`."""
    if "html" not in response.get("Content-Type", ""):
        return
    page = response.content.decode(errors="replace")
    sent = " ".join(values.values())
    for script in SCRIPTS:
        if script in sent:
            assert script not in page, f"unescaped echo of {script!r} in {response.wsgi_request.path}"
    if "javascript:" in sent.lower():
        assert javascript_links(page) == [], f"a javascript: link from the input in {response.wsgi_request.path}"


def form_fields(world: dict, client: Client, url: str, data: dict) -> list[str]:
    """The fields the form's page shows and those of its valid payload, and `next`."""
    names = set(data) | {"next"}
    page = client.get(url)
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        names |= set(re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', page.content.decode()))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


# --- the tests -----------------------------------------------------------------------------------------

def with_probes(test, fields, probes=PROBES):
    """The test, run first with each probe in every field at once, then with what Hypothesis generates."""
    for probe in reversed(probes):
        test = example(values=dict.fromkeys(fields, probe), probe=True)(test)
    return test


@pytest.mark.parametrize(("name", "pattern"), form_targets(), ids=[name for name, _ in form_targets()])
def test_a_form_survives_junk_in_any_field(world, name, pattern):
    role = first_role(name, POST)
    url = reverse(name, kwargs=path_kwargs(name, pattern, role, world))
    valid = payload(name, pattern, world)
    fields = form_fields(world, client_for(world, role), url, valid)
    obj = target(name, world) if "pk" in pattern.pattern.converters else None

    @settings(max_examples=FORM_EXAMPLES, **HYPOTHESIS)
    @given(values=st.dictionaries(st.sampled_from(fields), junk, min_size=1, max_size=3), probe=st.just(False))
    def post_junk(values, probe):
        with transaction.atomic():
            client = client_for(world, role)
            before, state = row_counts(world["models"]), target_state(obj)
            response = send(client, POST, url, {**valid, **values}, probe=probe)
            assert_escaped(values, response)
            if response.status_code in (200, 400):  # the form shown again: nothing saved
                assert row_counts(world["models"]) == before, f"{name}: an invalid form saved rows"
                assert target_state(obj) == state, f"{name}: an invalid form changed {obj}"
            elif response.status_code == 302 and response["Location"].startswith("/"):
                # Saved: the values are shown on the page the form leads to, and on the list.
                shown = client.get(response["Location"])
                assert shown.status_code < 500, f"{response['Location']} after saving {values!r}"
                assert_escaped(values, shown)
                for page_role, page in following_pages(name, world):
                    assert_escaped(values, client_for(world, page_role).get(page))
            transaction.set_rollback(True)

    with_probes(post_junk, fields)()


def following_pages(name: str, world: dict) -> list[tuple[str, str]]:
    """Where a saved value shows besides the page the form leads to: the model's list; a survey
    answer on the results and the sent questionnaire's page."""
    if name in {"surveys:answer", "surveys:invitation_paper_response", "surveys:paper_response_create"}:
        return [("management", reverse("surveys:results")),
                ("consultant A", reverse("surveys:invitation_detail", args=[world["invitation"].pk]))]
    app, view = name.split(":") if ":" in name else ("", name)
    list_name = f"{app}:{view.rsplit('_', 1)[0]}_list"
    return [("consultant A", reverse(list_name))] if list_name in TABLE else []


@pytest.mark.parametrize(("name", "pattern"), query_targets(), ids=[name for name, _ in query_targets()])
def test_a_page_survives_junk_in_its_query_string(world, name, pattern):
    role = first_role(name, GET, answers=(200,))
    url = reverse(name, kwargs=path_kwargs(name, pattern, role, world))
    parameters = query_parameters(pattern, name)

    @settings(max_examples=2 if name in SLOW else QUERY_EXAMPLES, **HYPOTHESIS)
    @given(values=st.dictionaries(st.sampled_from(parameters), junk, min_size=1), probe=st.just(False))
    def get_junk(values, probe):
        with transaction.atomic():
            response = send(client_for(world, role), GET, url, values, probe=probe)
            assert_escaped(values, response)
            transaction.set_rollback(True)

    with_probes(get_junk, parameters, QUERY_PROBES)()


@pytest.mark.parametrize(("name", "pattern", "key"), path_targets(),
                         ids=[f"{name}-{key}" for name, _, key in path_targets()])
def test_a_text_path_parameter_survives_junk(world, name, pattern, key):
    role = first_role(name, GET, answers=(200,)) or "consultant A"
    marker = "JUNKMARKER"
    url = reverse(name, kwargs={**path_kwargs(name, pattern, role, world), key: marker})

    @settings(max_examples=PATH_EXAMPLES, **HYPOTHESIS)
    @given(values=st.fixed_dictionaries({key: junk.filter(bool)}), probe=st.just(False))
    def get_junk(values, probe):
        with transaction.atomic():
            response = send(client_for(world, role), GET, url.replace(marker, quote(values[key], safe="")),
                            probe=probe)
            assert_escaped(values, response)
            transaction.set_rollback(True)

    with_probes(get_junk, [key], QUERY_PROBES)()


def test_at_least_1000_generated_inputs_were_tried_without_a_server_error():
    if not TRIED["generated"]:
        pytest.skip("the bad-input tests did not run")
    print(f"\nbad input: {TRIED['generated'] + TRIED['probes']} bad inputs tried ({TRIED['generated']} generated "
          f"by Hypothesis, {TRIED['probes']} probes), {TRIED['server errors']} server errors (5xx)")
    assert TRIED["server errors"] == 0
    assert TRIED["generated"] >= MINIMUM_GENERATED
