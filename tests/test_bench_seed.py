"""The benchmarks' seeding (bench/seed.py) at a tiny scale, on the test database: it writes the
rows it promises, and the people it creates can use the site, so the load benchmark cannot
silently measure error pages."""

from pathlib import Path

from bench.seed import PASSWORD, Scale, learners, seed, supervisor_email

TINY = Scale(trainees=5, supervisors=1, attempts=60, ce_records=20)
# The bundled courses: each course writer adds a folder, so count them rather than fix a number.
BUNDLED = sum(1 for p in (Path(__file__).parent.parent / "courses").glob("*/course.md"))


def test_seed_writes_the_promised_rows_and_its_people_can_use_the_site(app, client, auth):
    rows = seed(TINY)

    assert rows["users"] == 6
    assert rows["courses"] == BUNDLED
    assert rows["enrollments"] == 5 * BUNDLED
    assert rows["quiz_attempts"] == 60
    assert rows["ce_records"] == 20
    assert rows["supervisor_links"] == 5
    assert rows["user_credentials"] == 5
    # Trainee n completes their first n % 5 courses: 0 + 1 + 2 + 3 + 4.
    assert rows["certificates"] == rows["course_evaluations"] == 10

    learner = learners(1)[0]
    assert auth.signin(learner.email, PASSWORD).status_code == 302
    slug, _lessons = learner.in_progress[0]
    assert client.get(f"/courses/{slug}/lessons/1").status_code == 200
    pdf = client.get(f"/certificates/{learner.certificates[0]}.pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert client.get(f"/verify/{learner.certificates[0]}").status_code == 200

    auth.signout()
    assert auth.signin(supervisor_email(0), PASSWORD).status_code == 302
    team = client.get("/team/")
    assert team.status_code == 200
    assert "Trainee 1" in team.get_data(as_text=True)
