"""A person's export holds everything kept about them: the certification path too (ethics
affirmations, the practice log, practice exam attempts), not just learning and CE."""

import io
import json
import zipfile

from tests.helpers import signed_in
from tests.journeys import log_practice


def test_the_export_holds_the_practice_log_ethics_affirmations_and_practice_exams(
    app, client, create_user, completed
):
    user, _certificate, _attempt = completed
    client.submit("/certification/ethics", {"typed_name": user.legal_name})
    assert (
        log_practice(client, data={"description": "Peer group at Harbor House"}).status_code == 302
    )
    assert log_practice(client, kind="supervision").status_code == 302
    assert client.submit("/certification/exam", {"timing": "untimed"}).status_code == 302
    admin = signed_in(app, create_user(email="admin@example.org", roles=("admin",)))

    response = admin.submit(f"/admin/users/{user.id}", {}, action=f"/admin/users/{user.id}/export")

    archive = zipfile.ZipFile(io.BytesIO(response.data))
    affirmations = json.loads(archive.read("ethics_affirmations.json"))
    assert [a["typed_name"] for a in affirmations] == [user.legal_name]
    practice = json.loads(archive.read("practice_log.json"))
    assert [entry["kind"] for entry in practice] == ["practice", "supervision"]
    assert practice[0]["description"] == "Peer group at Harbor House"
    exams = json.loads(archive.read("practice_exam_attempts.json"))
    assert len(exams) == 1 and exams[0]["shown"] and exams[0]["submitted_at"] is None
    progress = json.loads(archive.read("lesson_progress.json"))
    assert len(progress) == 1
    readme = archive.read("README.txt").decode()
    assert "practice_log.json" in readme and "ethics_affirmations.json" in readme
