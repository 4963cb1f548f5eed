"""Learning: catalog, enrolment, lessons, quizzes, grading and completion."""
