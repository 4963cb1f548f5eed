"""Numbers nobody should send — NaN, sNaN, 1e999999, ids above 2^63, page numbers in the
millions, other scripts' digits — answered with a 400, a 404 or a form error, never a 500.

Three surfaces, each walked as a signed-in administrator who also holds every other role (so
every route is open) and as a plain trainee: every route with an `<int:...>` part, every query
parameter a page reads as a number or a date, and every field of the forms with numbers or
dates in them."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from tests.helpers import signed_in

BAD_NUMBERS = (
    "NaN",
    "sNaN",
    "-nan",
    "Infinity",
    "1e999999",
    str(2**63),
    str(2**64 + 1),
    str(10**30),
    "9" * 400,
    "-1",
    "-9223372036854775809",
    "0",
    "3000000",
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "12\u00a0",
    "0x1F",
    "1_000",
    "",
)
bad_number = st.sampled_from(BAD_NUMBERS) | st.integers(min_value=2**31 - 2).map(str)
# Query parameters pages read as numbers or dates, and the pages that read them.
QUERY_PARAMETERS = {
    "/admin/users": ("page",),
    "/admin/audit": ("page", "since", "until", "subject_id"),
    "/courses": ("competency", "max_hours"),
    "/transcript": ("start", "end"),
    "/transcript.csv": ("start", "end"),
    "/authoring/courses/ethics-basics/versions": ("from", "to"),
    "/team": ("page",),
}
# Pages whose forms hold numbers or dates: every named field gets the bad value.
FORM_PAGES = (
    "/ce/outside/new",
    "/certification/log/practice/new",
    "/certification/log/supervision/new",
    "/account",
    "/admin/provider",
    "/certification/exam",
)
SETTINGS = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def browsers(app, create_user, create_course):
    """An administrator holding every role, and a trainee; one live course."""
    create_course()
    everyone = create_user(email="all@example.org", roles=("admin", "trainer", "supervisor"))
    trainee = create_user(email="trainee@example.org")
    return [signed_in(app, everyone), signed_in(app, trainee)]


def _int_routes(app) -> list[tuple[str, str]]:
    """(method, rule) for every route with an int part, other parts filled with real values."""
    found = []
    for rule in app.url_map.iter_rules():
        if not any(isinstance(c, IntegerConverter) for c in rule._converters.values()):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule))
    return found


def _fill(rule: str, number: str) -> str:
    path = re.sub(r"<int:[^>]+>", number, rule)
    path = re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", path)
    path = re.sub(r"<path:[^>]+>", "a.png", path)
    return re.sub(r"<[^>]+>", "ethics-basics", path)


def _no_500(response, what: str) -> None:
    assert response.status_code < 500, f"{what} → {response.status_code}"


@pytest.mark.parametrize("number", [str(2**63), str(10**30), str(2**31), "١٢"])
def test_ids_out_of_range_in_any_route_are_not_found_not_a_crash(app, browsers, number):
    routes = _int_routes(app)
    assert len(routes) > 20
    for browser in browsers:
        token = browser.csrf_token("/account")
        for method, rule in routes:
            path = _fill(rule, number)
            if method == "POST":
                response = browser.post(path, data={"csrf_token": token})
            else:
                response = browser.get(path)
            _no_500(response, f"{method} {path}")


@SETTINGS
@given(value=bad_number)
def test_bad_numbers_in_query_parameters_never_crash(browsers, value):
    for browser in browsers:
        for path, names in QUERY_PARAMETERS.items():
            for name in names:
                _no_500(browser.get(path, query_string={name: value}), f"{path}?{name}={value}")
            everything = dict.fromkeys(names, value)
            _no_500(browser.get(path, query_string=everything), f"{path} all={value}")


INPUT_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


@SETTINGS
@given(value=bad_number)
def test_bad_numbers_in_every_form_field_never_crash(browsers, value):
    for browser in browsers:
        for page in FORM_PAGES:
            html = browser.get(page).get_data(as_text=True)
            for action, form in _forms(html, page):
                names = set(INPUT_NAME.findall(form)) - {"csrf_token"}
                token = browser.csrf_token(page)
                for name in names:
                    data = {"csrf_token": token, name: value}
                    _no_500(browser.post(action, data=data), f"{action} {name}={value}")
                data = {"csrf_token": token, **dict.fromkeys(names, value)}
                _no_500(browser.post(action, data=data), f"{action} all={value}")


def _forms(html: str, page: str) -> list[tuple[str, str]]:
    """(action, body) of each POST form on a page, skipping signing out."""
    found = []
    for match in re.finditer(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S | re.I):
        action = re.search(r'action="([^"]*)"', match.group(0))
        target = action.group(1).replace("&amp;", "&") if action and action.group(1) else page
        if target != "/signout":
            found.append((target, match.group(1)))
    return found
