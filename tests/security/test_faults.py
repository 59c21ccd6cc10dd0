"""The database connection lost in the middle of an approval or a merge: nothing half-written, and
the officer reads a Vietnamese page saying nothing was saved (503), not a traceback or a bare 500.

The fault is raised from inside the service, after its first writes (``OperationalError`` or
``InterfaceError``, what psycopg and sqlite3 raise when the server or the file goes away).
"""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from rest_framework.test import APIClient

from tests.security.world import build_world
from tuquan.assessments import services as assessments
from tuquan.assessments.choices import State
from tuquan.assessments.models import Assessment
from tuquan.assessments.services import ScoreInput, workflow
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme

pytestmark = pytest.mark.django_db

LOST = "server closed the connection unexpectedly"


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune):
    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text="Đồng Đế")


def _score(criterion) -> Decimal:
    return (criterion.max_points * Decimal("0.9")).quantize(Decimal("0.01"))


@pytest.fixture
def submitted(users, world):
    """The officer's assessment, fully scored and submitted, waiting for PV05's approval."""
    officer, assessment = users["commune"], world["own"].assessment
    scores = {c.pk: ScoreInput(score=_score(c)) for c in assessment.campaign.criteria.all()}
    assessment = assessments.assessment_save_draft(
        user=officer, assessment=assessment, version=assessment.version, scores=scores
    )
    return assessments.assessment_submit(user=officer, assessment=assessment, version=assessment.version)


def _approve_form(assessment) -> dict:
    data = {"version": assessment.version, "action": "approve", "final_rating": ""}
    for criterion in assessment.campaign.criteria.all():
        data[f"score_{criterion.pk}"] = str(_score(criterion))
    return data


def _snapshot(assessment_pk: int, scheme_pk: int) -> tuple:
    a = Assessment.objects.get(pk=assessment_pk)
    s = Scheme.objects.get(pk=scheme_pk)
    return (a.state, a.version, a.final_rating, a.approved_by_id, s.latest_rating, s.latest_rating_year, s.version)


def _assert_clear_page(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Mất kết nối tới cơ sở dữ liệu" in html
    assert "chưa được lưu" in html
    assert "Traceback" not in html and LOST not in html


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_connection_lost_during_an_approval_leaves_the_assessment_submitted(client, users, submitted, error):
    before = _snapshot(submitted.pk, submitted.scheme_id)
    log_count = LogEntry.objects.count()
    client.force_login(users["pv05"])
    client.raise_request_exception = False
    # After the assessment row, its scores and the scheme's latest rating are written: the last step fails.
    with mock.patch.object(workflow, "scheme_ratings_sync", side_effect=error(LOST)) as failing:
        response = client.post(reverse("assessments:assessment_detail", args=[submitted.pk]), _approve_form(submitted))
    assert failing.called, "the fault happened in the middle of the approval"
    _assert_clear_page(response)
    assert _snapshot(submitted.pk, submitted.scheme_id) == before
    assert LogEntry.objects.count() == log_count, "no audit entry of a write that did not happen"

    # The connection is back: the same form approves.
    response = client.post(reverse("assessments:assessment_detail", args=[submitted.pk]), _approve_form(submitted))
    assert response.status_code == 302
    assert Assessment.objects.get(pk=submitted.pk).state == State.APPROVED


def _schemes(*schemes) -> list[tuple]:
    rows = Scheme.objects.filter(pk__in=[s.pk for s in schemes]).order_by("pk")
    return [(s.status, s.version, s.merged_into_id, s.ended_on, s.status_note) for s in rows]


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_connection_lost_during_a_merge_leaves_both_schemes_as_they_were(client, users, world, error):
    from tuquan.schemes import services as registry
    from tuquan.schemes.services import status as status_services

    own = world["own"].scheme
    into = registry.scheme_create(
        user=users["pv05"],
        data={"kind": own.kind, "name": "Tổ nhận sáp nhập", "commune": own.commune, "founded_on": date(2023, 1, 1)},
    )
    before = _schemes(own, into)
    client.force_login(users["commune"])
    client.raise_request_exception = False
    data = {"into": into.pk, "merged_on": "01/06/2025", "note": "Hai tổ cùng địa bàn"}
    with mock.patch.object(status_services, "_copy_into", side_effect=error(LOST)) as failing:
        response = client.post(reverse("schemes:scheme_merge", args=[own.pk]), data)
    assert failing.called, "the fault happened after the merged scheme was saved"
    _assert_clear_page(response)
    assert _schemes(own, into) == before
    assert Scheme.objects.get(pk=own.pk).status == Status.ACTIVE

    response = client.post(reverse("schemes:scheme_merge", args=[own.pk]), data)
    assert response.status_code == 302
    assert Scheme.objects.get(pk=own.pk).status == Status.MERGED


def test_the_api_answers_a_lost_connection_in_json(users, submitted):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(users["pv05"])
    url = f"/api/v1/assessments/{submitted.pk}/approve/"
    before = _snapshot(submitted.pk, submitted.scheme_id)
    with mock.patch.object(workflow, "scheme_ratings_sync", side_effect=OperationalError(LOST)):
        response = client.post(url, {"version": submitted.version}, format="json")
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert "chưa được lưu" in response.json()["detail"]
    assert _snapshot(submitted.pk, submitted.scheme_id) == before
