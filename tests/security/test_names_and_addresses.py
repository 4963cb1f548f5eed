"""Names print on certificates exactly as shown: no direction overrides or zero-width characters
that reorder or hide text, compatibility letters folded; addresses in plain letters only."""

import pytest

from lms.extensions import db
from lms.models import User

HIDDEN = {
    "right-to-left override": "Jordan \u202eeeL",
    "zero-width space": "Jor\u200bdan Lee",
    "left-to-right isolate": "Jordan \u2066Lee\u2069",
    "zero-width joiner": "Jordan\u200d Lee",
}


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_sign_up_refuses_a_name_with_hidden_formatting(client, name):
    response = client.submit(
        "/signup", {"legal_name": name, "email": "new@example.org", "password": "long pass phrase"}
    )
    assert response.status_code == 200
    assert "invisible formatting character" in response.get_data(as_text=True)
    assert db.session.execute(db.select(User)).first() is None


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_profile_refuses_a_name_with_hidden_formatting(client, create_user, auth, name):
    user = create_user(email="sam@example.org", legal_name="Sam Ortiz")
    auth.signin(user.email)
    response = client.submit("/account", {"legal_name": name, "time_zone": "America/Chicago"})
    assert "invisible formatting character" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.legal_name == "Sam Ortiz"


def test_full_width_letters_are_saved_as_the_plain_ones_and_shown_as_they_print(
    client, create_user, auth
):
    user = create_user(email="sam@example.org", legal_name="Sam Ortiz")
    auth.signin(user.email)
    response = client.submit(
        "/account", {"legal_name": "Ｓａｍ  Ｏｒｔｉｚ", "time_zone": "America/Chicago"}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.legal_name == "Sam Ortiz"
    page = client.get("/account").get_data(as_text=True)
    assert "Certificates print it exactly as: Sam Ortiz" in page


@pytest.mark.parametrize(
    "address",
    ["sаm@example.org", "sam@exаmple.org", "ｓａｍ@example.org"],
    ids=["cyrillic-a", "cyrillic-domain", "full-width"],
)
def test_sign_up_refuses_look_alike_letters_in_the_address(client, create_user, address):
    create_user(email="sam@example.org")
    response = client.submit(
        "/signup", {"legal_name": "Sam Two", "email": address, "password": "long pass phrase"}
    )
    assert response.status_code == 200
    assert "plain letters" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(User.id))).scalar_one() == 1
