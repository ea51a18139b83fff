"""The list behind each figure: its records through their module's fetch functions, one row per counted id."""

from app.services.supervision import figure_rows
from app.services.supervision import figures as fg
from tests.app.supervision.test_figures import Q2, TODAY, built  # noqa: F401  (shared fixture)


def test_rows_behind_a_figure_list_its_records(built):  # noqa: F811
    bureau, data, _ = built
    for f in fg.figures(bureau.db, *Q2, [bureau.depts["预算股"]], today=TODAY):
        listing = figure_rows.rows_behind(bureau.db, f)
        assert len(listing.rows) == f.value, f.key
        assert all(len(cells) == len(listing.headers) for _, cells in listing.rows)
        assert f.label in listing.title and "2024年4月1日至2024年6月30日" in listing.title
