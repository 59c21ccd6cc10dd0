"""A URLconf for the audit tests: plain views that write a scheme through the ORM."""

from datetime import date

from django.http import HttpResponse
from django.urls import include, path

from tuquan.schemes.models import Scheme, SchemeKind


def create_scheme(request, commune_pk):
    kind = SchemeKind.objects.order_by("pk").first()
    scheme = Scheme(
        code="AUDIT-1", kind=kind, name="Tổ an ninh xóm Cồn", commune_id=commune_pk, founded_on=date(2024, 5, 1)
    )
    scheme.refresh_search_text()
    scheme.save()
    return HttpResponse(str(scheme.pk))


def rename_scheme(request, pk):
    scheme = Scheme.objects.get(pk=pk)
    scheme.name = request.POST["name"]
    scheme.refresh_search_text()
    scheme.save()
    return HttpResponse("ok")


urlpatterns = [
    path("tao/<int:commune_pk>/", create_scheme),
    path("doi-ten/<int:pk>/", rename_scheme),
    path("", include("config.urls")),
]
