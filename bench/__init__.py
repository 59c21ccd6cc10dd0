"""Benchmarks of tuquan on a large dataset (issue 8): ``python -m bench`` prints the table.

Prepare the data first: ``manage.py generate_data --scale national`` on PostgreSQL (or
``--scale province`` on SQLite), then ``DATABASE_URL=... python -m bench``.
"""
