from tuquan.schemes.tests.conftest import ensure_seeded_kinds, kind, make_scheme, other_scheme, scheme  # noqa: F401
