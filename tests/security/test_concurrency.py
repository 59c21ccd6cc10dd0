"""Two officers save the same scheme / assessment / review at the same moment from the same
version: exactly one save wins, the other is told someone else changed it, nothing is overwritten.

Real threads with their own database connections, released together by a barrier, on PostgreSQL
(row locks and compare-and-swap updates under real concurrency). The in-memory SQLite test
database is private to one connection, so there these tests are skipped; `.ci/run` runs the
suite again on PostgreSQL, where they run.
"""

import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.security.world import build_world
from tuquan.assessments import services as assessments
from tuquan.assessments.models import Assessment
from tuquan.reviews import services as reviews
from tuquan.reviews.models import Review, ReviewVersion
from tuquan.schemes import services as registry
from tuquan.schemes.models import Scheme

pytestmark = [
    pytest.mark.concurrency,
    # Real commits, so the threads' connections see each other's rows. Not serialized_rollback: after
    # the browser tests' flushes the content types have new ids, and reloading the migrated snapshot
    # collides with them (CI on PostgreSQL); the world below creates everything it needs.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two real connections to one database: runs on PostgreSQL (DATABASE_URL, .ci/run)",
    ),
]

ROUNDS = 3


@pytest.fixture(autouse=True)
def migrated_data(db):
    """What the data migrations seed (a flush before this test, e.g. a browser test's, removed it)."""
    for module in (
        "tuquan.assessments.migrations.0002_seed_default_criteria_set",
        "tuquan.schemes.migrations.0002_seed_scheme_kinds",
    ):
        import_module(module).seed(apps, None)


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune, migrated_data):
    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text="Đồng Đế")


def race(*calls):
    """Run ``calls`` in threads released at the same instant; [(True, result) | (False, exception)]."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = (True, call())
        except Exception as exc:  # the loser's refusal is the point
            results[index] = (False, exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(not thread.is_alive() for thread in threads), "a writer is stuck (deadlock?)"
    return results


def _one_winner(results, conflict_type, message_part):
    winners = [value for ok, value in results if ok]
    losers = [value for ok, value in results if not ok]
    assert len(winners) == 1, results
    assert len(losers) == 1 and isinstance(losers[0], conflict_type), losers
    assert message_part in " ".join(getattr(losers[0], "messages", [str(losers[0])])), losers[0]
    return winners[0], results.index(next(r for r in results if r[0]))


def test_two_officers_saving_the_same_scheme(users, world):
    scheme_pk = world["own"].scheme.pk
    for round_ in range(ROUNDS):
        version = Scheme.objects.get(pk=scheme_pk).version
        names = [f"Tổ tự quản lần {round_} của {who}" for who in ("PV05", "xã")]
        calls = [
            lambda name=name, user=user, version=version: registry.scheme_update(
                user=user,
                scheme=Scheme.objects.get(pk=scheme_pk),
                data={"name": name},
                expected_version=version,
            )
            for name, user in zip(names, (users["pv05"], users["commune"]), strict=True)
        ]
        _, winner = _one_winner(race(*calls), ValidationError, "người khác sửa")
        stored = Scheme.objects.get(pk=scheme_pk)
        assert stored.version == version + 1
        assert stored.name == names[winner], "the winner's save is kept whole, not overwritten"


def test_two_officers_saving_the_same_assessment(users, world):
    pk = world["own"].assessment.pk
    for round_ in range(ROUNDS):
        version = Assessment.objects.get(pk=pk).version
        notes = [f"Nhận xét lần {round_} của cán bộ {n}" for n in (1, 2)]
        calls = [
            lambda note=note, version=version: assessments.assessment_save_draft(
                user=users["commune"],
                assessment=Assessment.objects.get(pk=pk),
                version=version,
                scores={},
                general_note=note,
            )
            for note in notes
        ]
        _, winner = _one_winner(race(*calls), assessments.ConflictError, "chưa được lưu")
        stored = Assessment.objects.get(pk=pk)
        assert stored.version == version + 1
        assert stored.general_note == notes[winner]


def test_two_officers_saving_the_same_review(users, world):
    pk = world["own"].review.pk
    for round_ in range(ROUNDS):
        version = Review.objects.get(pk=pk).version
        versions_before = ReviewVersion.objects.filter(review_id=pk).count()
        texts = [f"Tình hình lần {round_}, bản của {who}" for who in ("PV05", "đội trưởng")]
        calls = [
            lambda text=text, version=version: reviews.review_update(
                review=Review.objects.get(pk=pk), user=users["pv05"], expected_version=version, situation=text
            )
            for text in texts
        ]
        _, winner = _one_winner(race(*calls), reviews.ReviewConflict, "sau khi bạn mở trang")
        stored = Review.objects.get(pk=pk)
        assert stored.version == version + 1
        assert stored.situation == texts[winner]
        assert ReviewVersion.objects.filter(review_id=pk).count() == versions_before + 1, "one superseded version"
