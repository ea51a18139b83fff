from tests.app.conftest_requests import clerk, head, office, registered  # noqa: F401  (shared fixtures)
