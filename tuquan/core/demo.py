"""Demo data for ``make run``: the Khánh Hòa users of every role (and the registry, see load_demo)."""

from dataclasses import dataclass

from django.db import transaction

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit

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
