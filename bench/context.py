"""What every benchmark case shares: the ``Context`` that ``setup`` builds (logged-in clients, the
province, a commune, the showcase scheme, a kind, the last completed campaign's year) and the
``Result`` row each case fills in for the table (``bench.cases.print_table``)."""

from dataclasses import dataclass, field

from django.test import Client


@dataclass
class Result:
    number: str
    name: str
    user: str = ""
    status: str = "ok"
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    sql_ms: float | None = None
    page_sql_ms: float | None = None  # the time the page's own queries take in the database driver
    extra: str = ""
    verdict: str = ""

    @property
    def ratio(self) -> float | None:
        if self.median_ms is None or not self.sql_ms:
            return None
        return self.median_ms / self.sql_ms


@dataclass
class Context:
    client_national: Client
    client_province: Client
    national_user: object
    province_user: object
    province: object
    commune: object
    showcase: object
    kind: object
    search: str
    scheme_count: int
    year: int
    repeat: int
    import_rows: int = 10_000
    floor_ms: float | None = None  # the median of case 0, the page that reads no data
    results: list[Result] = field(default_factory=list)


def setup(repeat: int) -> Context:
    from tuquan.accounts.choices import Role
    from tuquan.accounts.models import User
    from tuquan.demo.national import SHOWCASE_NAME
    from tuquan.places.models import AdminUnit
    from tuquan.schemes.models import Scheme, SchemeKind

    province = AdminUnit.objects.filter(era="current", level="province", code="56").first()
    if province is None:
        province = AdminUnit.objects.filter(era="current", level="province").order_by("path").first()
    if province is None or not Scheme.objects.exists():
        raise SystemExit("Không có dữ liệu: chạy 'manage.py generate_data --scale national' (hoặc province) trước.")
    national_user, _ = User.objects.get_or_create(
        username="bench_quantri",
        defaults={"full_name": "Đo hiệu năng (quốc gia)", "role": Role.ADMIN, "is_superuser": True, "is_staff": True},
    )
    province_user, _ = User.objects.get_or_create(
        username="bench_pv05",
        defaults={"full_name": "Đo hiệu năng (PV05)", "role": Role.PV05, "jurisdiction": province},
    )
    clients = []
    for user in (national_user, province_user):
        client = Client()
        client.force_login(user, backend="tuquan.accounts.backends.RoleBackend")
        clients.append(client)
    commune = (
        province.children.filter(code="22333").first()
        or AdminUnit.objects.filter(parent=province, schemes__isnull=False).order_by("path").first()
    )
    showcase = Scheme.objects.filter(name=SHOWCASE_NAME).order_by("pk").first()
    kind = SchemeKind.objects.filter(name="Tiếng kẻng an ninh").first() or SchemeKind.objects.order_by("pk").first()
    from tuquan.assessments.models import Campaign

    years = list(Campaign.objects.order_by("-year").values_list("year", flat=True).distinct()[:2])
    year = years[-1] if years else 2025  # the last completed campaign
    return Context(
        client_national=clients[0],
        client_province=clients[1],
        national_user=national_user,
        province_user=province_user,
        province=province,
        commune=commune,
        showcase=showcase,
        kind=kind,
        search="tieng keng thon phu nhon",
        scheme_count=Scheme.objects.exclude(status="voided").count(),
        year=year,
        repeat=repeat,
    )
