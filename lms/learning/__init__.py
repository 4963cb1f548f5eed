"""Learning: catalog, enrollment, lessons, quizzes, grading and completion."""
