"""An invitation mail looks like ours, so what the inviter typed stays out of its subject and
appears in its body only inside quotes, labelled as the sender's own words."""

import email

PHISHING_NAME = "Peerpath Security Team: your account is locked, sign in at http://evil.example"


def test_an_inviters_name_is_quoted_as_their_words_and_kept_out_of_the_subject(
    client, create_user, auth, outbox
):
    create_user(email="boss@example.org", roles=("supervisor",))
    auth.signin(create_user(email="mallory@example.org", legal_name=PHISHING_NAME).email)
    assert client.submit("/team/supervisors", {"email": "boss@example.org"}).status_code == 302

    (sent,) = outbox.glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes())
    assert message["Subject"] == "An invitation to supervise on Peerpath"
    body = message.get_payload(decode=True).decode()
    lines_with_name = [line for line in body.splitlines() if "evil.example" in line]
    assert lines_with_name == [f'    Name they gave:  "{PHISHING_NAME}"']
    assert "Peerpath has not checked it" in body
    assert "Their account:   mallory@example.org" in body
