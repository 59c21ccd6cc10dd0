"""Long choice fields of every registered form become search boxes answered within the user's scope."""

import pytest
from django.urls import reverse

from tuquan.core import search_choices

pytestmark = pytest.mark.django_db

OPTIONS = reverse("core:choice_options")
EXPECTED_FORMS = {
    "schemes.scheme",
    "schemes.merge",
    "schemes.replicate",
    "accounts.user",
    "commendations.commendation",
    "practices.practice",
    "reviews.review",
    "targets.target",
    "targets.bulk",
}


@pytest.fixture
def a_scheme(users, commune):
    from datetime import date

    from tuquan.schemes.models import SchemeKind
    from tuquan.schemes.services import scheme_create

    kind, _ = SchemeKind.objects.get_or_create(name="Tiếng kẻng an ninh", defaults={"field": "nong_thon"})
    data = {
        "kind": kind,
        "name": "Tiếng kẻng an ninh thôn Phú Nhơn",
        "commune": commune,
        "founded_on": date(2024, 3, 1),
    }
    return scheme_create(user=users["pv05"], data=data)


def test_every_form_with_long_choices_is_registered():
    assert set(search_choices._FORMS) == EXPECTED_FORMS


@pytest.mark.parametrize("key", sorted(EXPECTED_FORMS))
def test_each_form_turns_its_long_fields_into_search_boxes_and_answers_them(
    client, users, key, monkeypatch, khanh_hoa, commune, other_commune, a_scheme
):
    monkeypatch.setattr(search_choices, "SELECT_LIMIT", 0)
    factory, permission = search_choices._FORMS[key]
    admin = users["admin"] if "admin" in users else users["pv05"]
    assert admin.has_perm(permission)
    form = factory(admin)
    searched = [name for name, field in form.fields.items() if "data-autocomplete" in field.widget.attrs]
    assert searched, f"{key}: no field became a search box"
    client.force_login(admin)
    found_any = False
    for name in searched:
        html = str(form[name])
        assert f"{OPTIONS}?form={key}&amp;field={name}" in html
        for query in (commune.name, "tieng keng"):
            response = client.get(OPTIONS, {"form": key, "field": name, "q": query})
            assert response.status_code == 200
            ids = [row["id"] for row in response.json()["results"]]
            assert set(ids) <= set(form.fields[name].queryset.values_list("pk", flat=True))
            found_any = found_any or bool(ids)
    assert found_any, f"{key}: the search boxes never found anything"
    client.force_login(users["viewer"])
    assert client.get(OPTIONS, {"form": key, "field": searched[0], "q": "a"}).status_code == 403


def test_a_commune_officer_finds_only_units_of_their_commune(client, users, commune, other_commune):
    client.force_login(users["commune"])
    found = client.get(OPTIONS, {"form": "reviews.review", "field": "unit", "q": other_commune.name}).json()
    assert other_commune.pk not in [row["id"] for row in found["results"]]
    assert client.get(OPTIONS, {"form": "reviews.review", "field": "unit", "q": "khanh hoa"}).json()["results"] == []
    found = client.get(OPTIONS, {"form": "reviews.review", "field": "unit", "q": commune.name}).json()
    assert [row["id"] for row in found["results"]] == [commune.pk]


def test_unknown_forms_and_fields_answer_nothing(client, users):
    client.force_login(users["pv05"])
    assert client.get(OPTIONS, {"form": "nope", "field": "x", "q": "a"}).json() == {"results": []}
    assert client.get(OPTIONS, {"form": "schemes.scheme", "field": "name", "q": "a"}).json() == {"results": []}


def test_words_match_in_any_order(client, users, a_scheme):
    client.force_login(users["pv05"])
    found = client.get(OPTIONS, {"form": "commendations.commendation", "field": "scheme", "q": "phu nhon keng"}).json()
    assert [row["id"] for row in found["results"]] == [a_scheme.pk]
