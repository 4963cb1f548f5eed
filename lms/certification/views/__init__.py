"""Certification path routes, one module per part of the path: readiness, the code of ethics,
the supervised practice log and the practice exam. Each attaches its routes to
lms.certification.blueprint.bp."""
