"""The registry in the Django admin is scoped like the pages and never deletes."""

import pytest
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user

pytestmark = pytest.mark.django_db


def test_admin_lists_only_schemes_of_the_staff_members_jurisdiction(client, scheme, other_scheme, commune):
    staff = make_user("staff.commune", Role.COMMUNE, commune, is_staff=True)
    client.force_login(staff)
    page = client.get(reverse("admin:schemes_scheme_changelist")).text
    assert scheme.code in page and other_scheme.code not in page
    assert client.get(reverse("admin:schemes_scheme_change", args=[other_scheme.pk])).status_code == 302


def test_admin_cannot_delete_schemes(client, users, scheme):
    users["admin"].is_staff = True
    users["admin"].save()
    client.force_login(users["admin"])
    assert client.get(reverse("admin:schemes_scheme_delete", args=[scheme.pk])).status_code == 403
    assert client.get(reverse("admin:schemes_scheme_change", args=[scheme.pk])).status_code == 200
