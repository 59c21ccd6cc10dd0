"""A commune's dashboard shows its targets of the year, reached or not."""

from django.utils import timezone

from tuquan.targets.models import Target


def test_commune_officer_sees_their_targets_on_the_home_dashboard(client, users, commune):
    Target.objects.create(year=timezone.localdate().year, unit=commune, indicator="min_active_schemes", value=3)
    client.force_login(users["commune"])
    page = client.get("/").text
    assert 'data-testid="commune-targets"' in page
    assert "Chưa đạt" in page


def test_province_dashboard_does_not_list_every_commune_target(client, users, commune):
    Target.objects.create(year=timezone.localdate().year, unit=commune, indicator="min_active_schemes", value=3)
    client.force_login(users["pv05"])
    assert 'data-testid="commune-targets"' not in client.get("/").text
