"""A small registry in two communes, with every free-text field filled from one string.

Used by the hostile-input, permission-matrix and concurrency tests: ``build_world(users, …,
text=…)`` writes a scheme, team, member, activity report, support record, assessment, review,
good practice with an attachment, commendation and target in the officer's commune and in another
commune, through the services where they exist, and returns them by side (``"own"`` / ``"other"``).
The attachment's file goes under MEDIA_ROOT: callers point it at a temporary directory
(tests/security/conftest.py does for this folder).
"""

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tuquan.assessments import services as assessments
from tuquan.commendations.services import commendation_create
from tuquan.core.text import fold
from tuquan.practices.services import good_practice_attach, good_practice_create
from tuquan.reviews import services as reviews
from tuquan.schemes import services as registry
from tuquan.schemes.models import SchemeKind
from tuquan.support.services import support_record_create
from tuquan.targets.services import target_create


@dataclass
class Side:
    scheme: object
    team: object
    member: object
    report: object
    support: object
    assessment: object
    review: object
    practice: object
    attachment: object
    commendation: object
    target: object

    def objects(self) -> list:
        return [getattr(self, name) for name in self.__dataclass_fields__]


def _kind():
    kind, _ = SchemeKind.objects.get_or_create(
        name="Tiếng kẻng an ninh", defaults={"field": "nong_thon", "search_text": fold("Tiếng kẻng an ninh")}
    )
    return kind


def build_world(users, khanh_hoa, commune, other_commune, *, text: str = "", other_text: str = "") -> dict:
    """``text`` goes into every free-text field on the officer's side (``other_text`` on the other)."""
    pv05 = users["pv05"]
    campaign = assessments.campaign_create(
        user=pv05,
        data={
            "year": 2026,
            "name": f"Kiểm tra năm 2026 {text}"[:255],
            "root_unit": khanh_hoa,
            "self_assessment_deadline": date(2026, 11, 30),
            "approval_deadline": date(2026, 12, 15),
        },
    )
    sides = {}
    for side, unit, officer, words in (
        ("own", commune, users["commune"], text),
        ("other", other_commune, users["other_commune"], other_text),
    ):
        label = f"{words} ({side})"
        scheme = registry.scheme_create(
            user=pv05,
            data={
                "kind": _kind(),
                "name": f"Tổ tự quản {label}"[:255],
                "commune": unit,
                "area": label[:150],
                "founded_on": date(2024, 3, 15),
                "founding_decision_number": label[:60],
                "founding_decision_date": date(2024, 3, 1),
                "founding_decision_issuer": label[:200],
                "host_detail": label[:200],
                "leader_name": label[:150],
                "rules": label,
            },
        )
        team = registry.team_create(user=pv05, scheme=scheme, data={"name": f"Tổ {label}"[:150], "area": label[:150]})
        member = registry.member_create(
            user=pv05,
            scheme=scheme,
            data={"full_name": f"Nguyễn {label}"[:150], "address": label[:255], "team": team},
        )
        report = registry.activity_report_create(
            user=pv05,
            scheme=scheme,
            data={"period_start": date(2025, 1, 1), "period_end": date(2025, 6, 30), "notes": label},
        )
        support = support_record_create(
            user=pv05,
            scheme=scheme,
            data={
                "date": date(2025, 3, 1),
                "kind": "money",
                "category": "khac",
                "value": 1_000_000,
                "source": "khac",
                "description": label[:255],
                "donor_name": label[:200],
                "decision_number": label[:60],
            },
        )
        assessment = assessments.assessment_start(user=pv05, campaign=campaign, scheme=scheme)
        assessment = assessments.assessment_save_draft(
            user=officer,
            assessment=assessment,
            version=assessment.version,
            scores={},
            general_note=label,
        )
        review = reviews.review_create(
            user=pv05,
            unit=unit,
            period_kind="half_year",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            title=f"Sơ kết {label}"[:300],
        )
        review = reviews.review_update(
            review=review,
            user=pv05,
            expected_version=review.version,
            situation=label,
            shortcomings=label,
            lessons=label,
            proposals=label,
            signer_name=label[:150],
        )
        practice = good_practice_create(
            user=officer,
            data={"title": f"Kinh nghiệm {label}"[:300], "summary": label, "body": label, "unit": unit, "year": 2024},
        )
        attachment = good_practice_attach(
            user=officer,
            practice=practice,
            upload=SimpleUploadedFile(
                f"{label}"[:120].replace("/", "-") + ".pdf",
                f"%PDF-1.4\n% {label}\n%%EOF\n".encode(),
                content_type="application/pdf",
            ),
        )
        commendation = commendation_create(
            user=officer,
            data={
                "recipient_kind": "scheme",
                "scheme": scheme,
                "title": f"Giấy khen {label}"[:200],
                "award_form": "giay_khen",
                "level": "ca_tinh",
                "year": 2025,
                "reason": label,
            },
        )
        target = target_create(
            user=pv05, year=2026, unit=unit, data={"indicator": "min_active_schemes", "value": 2, "note": label}
        )
        sides[side] = Side(
            scheme, team, member, report, support, assessment, review, practice, attachment, commendation, target
        )
    sides["campaign"] = campaign
    return sides
