"""Deterministic demo data: the Khánh Hòa registry of the 2022 article and its later years.

An app without models: ``generator.generate_demo`` writes into the registry and assessments apps,
``followup.generate_followup`` into targets, support and reviews (through their services), and
``national.generate_national`` builds the national data set; their management commands
(``load_demo``, ``demo_logins``, ``generate_data``) live in ``management/commands``.
"""
