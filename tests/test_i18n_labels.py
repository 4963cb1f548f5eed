"""The vocabulary's labels (topics, competencies, settings, delivery) in the reader's language,
while the keys stored in records stay the same."""

from lms.content.vocabulary import load_vocabulary
from lms.extensions import db
from lms.models import CERecord
from tests.helpers import AuthActions
from tests.journeys import log_outside_ce

SPANISH = {"Accept-Language": "es"}


def test_the_catalog_filters_name_topics_and_settings_in_spanish(client):
    spanish = client.get("/courses", headers=SPANISH).get_data(as_text=True)
    assert '<option value="suicide-prevention" >Prevención del suicidio</option>' in spanish
    assert "Hospitales y salas de emergencia" in spanish and "Brinda apoyo" in spanish
    english = client.get("/courses").get_data(as_text=True)
    assert '<option value="suicide-prevention" >Suicide prevention</option>' in english


def test_a_spanish_speaker_logs_outside_ce_with_spanish_topics_and_the_key_is_stored(
    client, create_user
):
    user = create_user(email="rosa@example.org")
    AuthActions(client).signin(user.email)
    form = client.get("/ce/outside/new", headers=SPANISH).get_data(as_text=True)
    assert "Ética" in form and "Seminario web en vivo" in form
    assert log_outside_ce(client, {"topics": ["ethics"]}).status_code == 302
    record = db.session.execute(db.select(CERecord)).scalar_one()
    assert record.topics == ["ethics"] and "ethics" in load_vocabulary().topics
    records = client.get("/ce", headers=SPANISH).get_data(as_text=True)
    assert "Ética" in records
