"""Every route × every role → the expected status. A new route without a row fails this test."""

import pytest

from tests.helpers import AuthActions, concrete_path
from tests.route_rows import collect
from tests.route_rows.roles import ROLES, admin_only, same, signed_in

# (method, rule) -> {role: expected status}. POSTs carry a valid CSRF token and no other data,
# so forms answer with their validation message (400 or 200) rather than changing anything.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/"): {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)},
    ("GET", "/healthz"): same(200),
    ("GET", "/language"): same(200),
    ("GET", "/dashboard"): signed_in(200),
    ("GET", "/signin"): same(200),
    ("POST", "/signin"): same(200),
    ("GET", "/signup"): same(200),
    ("POST", "/signup"): same(200),
    ("POST", "/signout"): same(302),
    ("POST", "/locale"): same(303),
    ("GET", "/reset"): same(200),
    ("POST", "/reset"): same(200),
    ("GET", "/reset/<token>"): same(404),
    ("POST", "/reset/<token>"): same(404),
    ("GET", "/signup/finish/<token>"): same(404),
    ("POST", "/signup/finish/<token>"): same(404),
    ("GET", "/account"): signed_in(200),
    ("POST", "/account"): signed_in(400),
    ("POST", "/account/password"): signed_in(400),
    ("POST", "/account/email"): signed_in(400),
    ("POST", "/account/credentials"): signed_in(400),
    ("POST", "/account/credentials/<int:credential_id>/remove"): signed_in(404),
    # Learning. The matrix has no courses, so object routes answer 404 once signed in.
    ("GET", "/courses"): same(200),
    ("GET", "/courses/<slug>"): same(404),
    ("POST", "/courses/<slug>/enroll"): signed_in(404),
    ("POST", "/courses/<slug>/enrol"): same(308),
    ("GET", "/courses/<slug>/resume"): signed_in(404),
    ("GET", "/courses/<slug>/lessons/<int:position>"): signed_in(404),
    ("POST", "/courses/<slug>/lessons/<int:position>"): signed_in(404),
    ("GET", "/courses/<slug>/quiz"): signed_in(404),
    ("POST", "/courses/<slug>/quiz"): signed_in(404),
    ("POST", "/courses/<slug>/complete"): signed_in(404),
    ("GET", "/courses/<slug>/evaluation"): signed_in(404),
    ("POST", "/courses/<slug>/evaluation"): signed_in(404),
    ("GET", "/attempts/<int:attempt_id>"): signed_in(404),
    ("GET", "/attempts/<int:attempt_id>/questions/<int:number>"): signed_in(404),
    ("POST", "/attempts/<int:attempt_id>/questions/<int:number>"): signed_in(404),
    ("POST", "/attempts/<int:attempt_id>/submit"): signed_in(404),
    ("GET", "/media/<slug>/<digest>/<path:path>"): same(404),
    ("GET", "/handouts/<slug>/<digest>/<name>.pdf"): same(404),
    # CE records, outside CE and verification
    ("GET", "/ce"): signed_in(200),
    ("GET", "/ce/outside/new"): signed_in(200),
    ("POST", "/ce/outside/new"): signed_in(400),
    ("GET", "/ce/<int:record_id>/edit"): signed_in(404),
    ("POST", "/ce/<int:record_id>/edit"): signed_in(404),
    ("POST", "/ce/<int:record_id>/withdraw"): signed_in(404),
    ("GET", "/evidence/<int:evidence_id>"): signed_in(404),
    ("GET", "/supervision/queue"): {**admin_only(200), "supervisor": 200},
    ("POST", "/supervision/ce/<int:record_id>/decide"): {**admin_only(404), "supervisor": 404},
    ("GET", "/renewal"): signed_in(200),
    ("GET", "/renewal/<int:credential_id>"): signed_in(404),
    ("GET", "/renewal/<int:credential_id>.ics"): signed_in(404),
    # Certificates
    ("GET", "/certificates"): signed_in(200),
    ("GET", "/certificates/<code>.pdf"): signed_in(404),
    ("GET", "/verify"): same(200),
    ("GET", "/certificates/<code>/badge.jwt"): signed_in(404),
    ("GET", "/.well-known/jwks.json"): same(200),
    ("GET", "/badges/issuer"): same(200),
    ("GET", "/badges/<code>/status"): same(404),
    ("GET", "/transcript"): signed_in(200),
    ("GET", "/transcript.<fmt>"): signed_in(200),
    ("GET", "/verify/<code>"): same(404),
    ("GET", "/admin/provider"): admin_only(200),
    ("GET", "/admin/credentials"): admin_only(200),
    ("POST", "/admin/credentials"): admin_only(302),
    ("POST", "/admin/provider"): admin_only(400),
    ("GET", "/admin/provider/approvals"): admin_only(200),
    ("POST", "/admin/provider/approvals"): admin_only(400),
    ("GET", "/admin/certificates/<code>"): admin_only(404),
    ("POST", "/admin/certificates/<code>/revoke"): admin_only(404),
    ("POST", "/admin/certificates/<code>/reissue"): admin_only(404),
}


def concrete(rule: str) -> str:
    return concrete_path(rule, SAMPLE_ARGUMENTS)


_EXTRA_ROWS, SAMPLE_ARGUMENTS = collect()
MATRIX.update(_EXTRA_ROWS)


def test_every_route_has_a_row_for_every_role(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = sorted(routes - MATRIX.keys())
    assert not missing, f"routes with no expected-status row: {missing}"
    assert all(set(row) == set(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_route(client, create_user, role):
    if role != "anonymous":
        roles = () if role == "trainee" else (role,)
        user = create_user(roles=roles)
        assert AuthActions(client).signin(user.email).status_code == 302
    token = client.csrf_token("/signin")
    failures = []
    for (method, rule), expected in sorted(MATRIX.items()):
        path = concrete(rule)
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": token})
        if response.status_code != expected[role]:
            failures.append(f"{method} {path}: {response.status_code} != {expected[role]}")
        if (method, rule) == ("POST", "/signout") and role != "anonymous":
            AuthActions(client).signin(user.email)
            token = client.csrf_token("/signin")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("trainee", [], ["Authoring", "My team", "Administration"]),
        ("trainer", ["Authoring"], ["My team", "Administration"]),
        ("supervisor", ["My team"], ["Authoring", "Administration"]),
        ("admin", ["Authoring", "My team", "Administration"], []),
    ],
)
def test_navigation_shows_each_roles_areas(client, create_user, role, visible, hidden):
    user = create_user(roles=() if role == "trainee" else (role,))
    AuthActions(client).signin(user.email)
    nav = client.get("/dashboard").get_data(as_text=True).split("</nav>")[0]
    for label in visible:
        assert f">{label}</a>" in nav
    for label in hidden:
        assert f">{label}</a>" not in nav
    assert ">My learning</a>" in nav
