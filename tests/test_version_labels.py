"""Each published edition of a course has its own label (the author's `version:` in course.md,
never one an earlier version used), and a certificate prints the label of the edition the
learner completed, frozen at issue."""

from lms.extensions import db
from lms.models import Certificate, Course
from tests.helpers import AuthActions, pdf_text
from tests.journeys import (
    TEMPLATE_LESSON,
    answer_all,
    draft_text,
    label_edition,
    new_draft,
    publish_draft,
    read_all_lessons,
    save_draft,
    signed_in_author,
    start_attempt,
)

SLUG = "listening-skills"


def versions() -> list:
    course = db.session.execute(db.select(Course).where(Course.slug == SLUG)).scalar_one()
    return course.versions


def test_a_second_edition_with_the_first_ones_label_is_refused(client, create_user):
    signed_in_author(client, create_user)
    new_draft(client)
    assert publish_draft(client, SLUG).status_code == 302
    lesson = draft_text(SLUG, TEMPLATE_LESSON).replace("full attention", "whole attention")
    save_draft(client, SLUG, TEMPLATE_LESSON, lesson)

    refused = publish_draft(client, SLUG)

    assert refused.status_code == 400
    assert "Version 1 is already labelled &#34;1.0&#34;" in refused.get_data(as_text=True)
    assert [v.version_label for v in versions()] == ["1.0"]
    label_edition(client, SLUG, "1.1")
    assert publish_draft(client, SLUG).status_code == 302
    assert [(v.number, v.version_label) for v in versions()] == [(1, "1.0"), (2, "1.1")]


def test_a_certificate_prints_the_label_of_the_edition_completed(
    client, create_user, create_course
):
    create_course(slug="ethics-basics", lessons=1, version_label="1.0")
    second = create_course(slug="ethics-basics", lessons=1, version_label="2026 edition")
    AuthActions(client).signin(create_user(email="learner@example.org").email)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 1)
    attempt_id = start_attempt(client, "ethics-basics")
    answer_all(client, attempt_id, right=True, version=second)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")

    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    assert certificate.fields["course_version"] == "2026 edition"
    pdf = client.get(f"/certificates/{certificate.display_code}.pdf")
    assert "2026 edition" in pdf_text(pdf.data)
    verify = client.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert "(version 2026 edition)" in verify
