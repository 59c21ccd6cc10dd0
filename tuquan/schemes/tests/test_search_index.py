"""On PostgreSQL the diacritics-free search is served by a trigram index."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_has_a_trigram_index_on_the_search_text():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite scans search_text; the index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'schemes_scheme' AND indexname = %s",
            ["schemes_scheme_search_trgm"],
        )
        row = cursor.fetchone()
    assert row is not None
    assert "gin_trgm_ops" in row[0]
