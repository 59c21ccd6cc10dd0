"""Demo data for ``make run``: the Khánh Hòa users of every role (and the registry, see load_demo)."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.core.text import fold
from tuquan.demo.people import PersonFactory
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Status

DEMO_PASSWORD = "KhanhHoa@2026"
PROVINCE_CODE = "56"
DEMO_COMMUNE_CODE = "22333"  # Phường Bắc Nha Trang


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit_code: str | None


DEMO_USERS = [
    DemoUser("quantri", "Quản trị hệ thống", Role.ADMIN, PROVINCE_CODE),
    DemoUser("pv05", "Nguyễn Văn Phong (PV05)", Role.PV05, PROVINCE_CODE),
    DemoUser("congan.bacnhatrang", "Trần Thị Hạnh (CA phường Bắc Nha Trang)", Role.COMMUNE, DEMO_COMMUNE_CODE),
    DemoUser("xem", "Lê Văn Minh (UBND tỉnh)", Role.VIEWER, PROVINCE_CODE),
]


def _unit(code: str) -> AdminUnit:
    level = Level.PROVINCE if code == PROVINCE_CODE else Level.COMMUNE
    return AdminUnit.objects.get(era=Era.CURRENT, level=level, code=code)


@transaction.atomic
def demo_users_load() -> list[User]:
    """Create the demo users if missing; existing users keep their passwords."""
    users = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "full_name": demo.full_name,
                "role": demo.role,
                "jurisdiction": _unit(demo.unit_code) if demo.unit_code else None,
                "is_staff": demo.role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        users.append(user)
    return users


def _slug(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def demo_commune_officers_load(*, province: AdminUnit, rng) -> dict[int, User]:
    """One commune police officer for every current commune of the province (``congan.<commune>``),
    sharing the demo password; existing accounts are kept. Returns {commune id: officer}."""
    people = PersonFactory(rng)
    communes = list(AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, parent=province).order_by("code"))
    wanted = {}
    for commune in communes:
        username = f"congan.{_slug(commune.short_name)}"
        if username in wanted.values():
            username = f"{username}{commune.code}"
        wanted[commune.pk] = username
    existing = {u.username: u for u in User.objects.filter(username__in=wanted.values())}
    password = None
    officers = {}
    for commune in communes:
        username = wanted[commune.pk]
        female = rng.random() < 0.35
        name = people.full_name(female=female)
        user = existing.get(username)
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User(
                username=username,
                full_name=f"{name} (CA {commune.name[:1].lower()}{commune.name[1:]})",
                role=Role.COMMUNE,
                jurisdiction=commune,
                password=password,
            )
            user.save()
        officers[commune.pk] = user
    return officers


def demo_leader_load(*, plans) -> User | None:
    """The demo scheme leader (``truong.bacnhatrang``): the leader of an active scheme of Phường Bắc Nha Trang."""
    username = "truong.bacnhatrang"
    if User.objects.filter(username=username).exists():
        return None
    candidates = [
        p.scheme
        for p in plans
        if p.scheme.commune.code == DEMO_COMMUNE_CODE and p.scheme.status == Status.ACTIVE and not p.agency
    ]
    if not candidates:
        return None
    scheme = min(candidates, key=lambda s: (s.founded_on, s.code))
    user = User(
        username=username,
        full_name=scheme.leader_name,
        role=Role.LEADER,
        scheme=scheme,
        phone=scheme.leader_phone,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user
