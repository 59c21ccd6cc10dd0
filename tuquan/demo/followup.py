"""The demo's work around the registry: targets, support, good practices, commendations, reviews.

``generate_followup(seed=2022)`` reads the registry that ``generate_demo`` wrote and adds what the
province's officers would have recorded around it from 2022 to 2026. Unlike the registry (bulk
inserts, for speed) every row here is written by its app's service function, acting as the officer
who would write it (PV05 or the commune police of the scheme): permissions, validation, the audit
log and the figures a review snapshots are exactly those of the pages.

Each part (targets, support, practices, commendations, reviews) is written only when the province
has no row of it yet, so running the command again writes nothing, and a database made by an
earlier version of the demo gets the parts it lacks. Each part draws from its own seeded
generator: the same registry and seed give the same rows. Dates stop at ``World.today``, the day
the demo stands on (the running campaign's approvals end the day before); no date is read from
the clock, though the services stamp their own ``created_at`` and audit times.
"""

import random
import time
from dataclasses import dataclass, field

from django.db import transaction

from tuquan.demo import recognition, reviews, support, targets
from tuquan.demo.spec import KHANH_HOA, ProvinceSpec
from tuquan.demo.world import load_world
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit


@dataclass
class FollowupResult:
    targets: int = 0
    support_records: int = 0
    practices: int = 0
    commendations: int = 0
    reviews: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def created(self) -> bool:
        return any((self.targets, self.support_records, self.practices, self.commendations, self.reviews))

    def summary(self) -> str:
        if not self.created:
            return "Chỉ tiêu, hỗ trợ, điển hình, khen thưởng, báo cáo mẫu đã có sẵn, không nạp lại."
        text = (
            f"{self.targets} chỉ tiêu thi đua, {self.support_records} khoản hỗ trợ, {self.practices} kinh nghiệm hay, "
            f"{self.commendations} khen thưởng, {self.reviews} báo cáo sơ kết, tổng kết ({self.seconds:.1f} giây)."
        )
        if self.skipped:
            text += f" Đã có sẵn, không nạp lại: {', '.join(self.skipped)}."
        return text


@transaction.atomic
def generate_followup(*, seed: int = 2022, spec: ProvinceSpec = KHANH_HOA) -> FollowupResult:
    """Add the targets, support, practices, commendations and reviews the province lacks."""
    started = time.monotonic()
    result = FollowupResult()
    province = AdminUnit.objects.filter(era=Era.CURRENT, level=Level.PROVINCE, code=spec.current_code).first()
    if province is None:
        return result
    parts = [
        ("chỉ tiêu", "targets", targets.targets_exist, targets.targets_load),
        ("hỗ trợ", "support_records", support.support_exists, support.support_load),
        ("kinh nghiệm hay", "practices", recognition.practices_exist, recognition.practices_load),
        ("khen thưởng", "commendations", recognition.commendations_exist, recognition.commendations_load),
        # Last: a review snapshots the figures of everything above.
        ("báo cáo sơ kết, tổng kết", "reviews", reviews.reviews_exist, reviews.reviews_load),
    ]
    world = None
    for label, attribute, exists, load in parts:
        if exists(province):
            result.skipped.append(label)
            continue
        world = world or load_world(spec, province)
        if world is None or not world.schemes:
            break
        setattr(result, attribute, load(world, random.Random(f"{attribute}-{seed}")))
    result.seconds = time.monotonic() - started
    return result
