from django.apps import apps
from django.db.models import Count, Q


def home_overview(*, user) -> dict:
    """The figures on the home page for the user's jurisdiction, in one query."""
    Scheme = apps.get_model("schemes", "Scheme")
    counts = Scheme.objects.visible_to(user).aggregate(
        active=Count("pk", filter=Q(status="active")),
        eliminated=Count("pk", filter=Q(status="eliminated")),
        total=Count("pk", filter=~Q(status="voided")),
    )
    return {"counts": counts}
