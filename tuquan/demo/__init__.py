"""Deterministic demo data: the Khánh Hòa registry of the 2022 article and its later years.

Not a Django app (no models): ``generate_demo`` writes into the registry and assessments apps,
``followup.generate_followup`` into targets, support and reviews (through their services).
"""


def generate_demo(**kwargs):
    from tuquan.demo.generator import generate_demo as _generate

    return _generate(**kwargs)
