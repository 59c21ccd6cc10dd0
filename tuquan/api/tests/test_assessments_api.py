"""Campaigns, assessments (with the pages' workflow rules) and eliminations over the API."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from tuquan.api.testing import ApiScopedChecks
from tuquan.assessments import services
from tuquan.assessments.choices import State
from tuquan.assessments.models import Campaign, Elimination
from tuquan.schemes.choices import Status

pytestmark = pytest.mark.django_db


def _campaign(user, unit, year=2026, name="Kiểm tra, phân loại mô hình năm 2026"):
    return services.campaign_create(
        user=user,
        data={
            "year": year,
            "name": name,
            "root_unit": unit,
            "self_assessment_deadline": date(year, 11, 30),
            "approval_deadline": date(year, 12, 15),
        },
    )


@pytest.fixture
def campaign(users, khanh_hoa):
    return _campaign(users["pv05"], khanh_hoa)


def _scores(campaign, ratio=Decimal("0.9")):
    return [
        {"criterion": c.pk, "score": str((c.max_points * ratio).quantize(Decimal("0.01")))}
        for c in campaign.criteria.all()
    ]


class TestCampaignsEndpoint(ApiScopedChecks):
    url = "/api/v1/campaigns/"
    permitted_role = "commune"
    forbidden_write_role = "commune"
    supports_put = False
    supports_update = False

    @pytest.fixture
    def scoped_objects(self, users, campaign, other_commune):
        return campaign, _campaign(users["pv05"], other_commune, name="Kiểm tra riêng xã khác")

    def create_payload(self, own):
        return {"year": 2025, "name": "Kiểm tra năm 2025", "self_assessment_deadline": "2025-11-30"} | {
            "approval_deadline": "2025-12-15"
        }

    def update_payload(self, own):
        return {"name": "Đổi tên"}

    def test_create_and_update_are_audit_logged_with_the_token_user(self, api_as, users, scoped_objects):
        """Campaigns are created by PV05 (no update endpoint: the page has none either)."""
        response = api_as("pv05").post(self.url, self.create_payload(None), format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["root_unit_name"] == "Tỉnh Khánh Hòa"
        assert body["criteria"], "the active criteria set is copied into the campaign"
        entry = LogEntry.objects.get_for_object(Campaign.objects.get(pk=body["id"])).get(action=LogEntry.Action.CREATE)
        assert entry.actor == users["pv05"]

    def test_invalid_data_is_a_400_with_field_messages(self, api_as, scoped_objects):
        payload = {**self.create_payload(None), "approval_deadline": "2025-11-01"}
        response = api_as("pv05").post(self.url, payload, format="json")
        assert response.status_code == 400
        assert response.json()["errors"]["approval_deadline"]

    def test_malformed_json_and_wrong_types_are_400(self, api_as, scoped_objects):
        client = api_as("pv05")
        assert client.post(self.url, "{", content_type="application/json").status_code == 400
        assert client.post(self.url, {**self.create_payload(None), "year": "năm nay"}, format="json").status_code == 400

    def test_other_jurisdiction_object_is_404(self, api_as, scoped_objects):
        _, other = scoped_objects
        assert api_as("commune").get(f"{self.url}{other.pk}/").status_code == 404

    def test_delete_is_not_offered(self, api_as, scoped_objects):
        own, _ = scoped_objects
        assert api_as("pv05").delete(f"{self.url}{own.pk}/").status_code == 405
        assert api_as("pv05").patch(f"{self.url}{own.pk}/", {}, format="json").status_code == 405


class TestAssessmentsEndpoint(ApiScopedChecks):
    url = "/api/v1/assessments/"
    supports_put = False
    max_list_queries = 9

    @pytest.fixture
    def scoped_objects(self, users, campaign, scheme, other_scheme):
        own = services.assessment_start(user=users["pv05"], campaign=campaign, scheme=scheme)
        other = services.assessment_start(user=users["pv05"], campaign=campaign, scheme=other_scheme)
        return own, other

    def create_payload(self, own):
        from tuquan.schemes.services import scheme_create

        pv05 = own.created_by
        fresh = scheme_create(
            user=pv05,
            data={
                "kind": own.scheme.kind,
                "name": "Tổ mới",
                "commune": own.scheme.commune,
                "founded_on": date(2021, 1, 1),
            },
        )
        return {"campaign": own.campaign_id, "scheme": fresh.pk}

    def update_payload(self, own):
        return {"version": own.version, "scores": _scores(own.campaign), "general_note": "Hoạt động đều."}

    def invalid_payload(self, own):
        return {"campaign": own.campaign_id, "scheme": 999999}, "scheme"

    def test_the_workflow_follows_the_pages_rules(self, api_as, scoped_objects):
        own, _ = scoped_objects
        commune, pv05 = api_as("commune"), api_as("pv05")
        url = f"{self.url}{own.pk}/"

        early = commune.post(f"{url}submit/", {"version": own.version}, format="json")
        assert early.status_code == 400, "an assessment without scores cannot be submitted"
        assert "tiêu chí" in early.json()["errors"]["non_field_errors"][0]

        draft = commune.patch(url, self.update_payload(own), format="json").json()
        assert Decimal(draft["total"]) == Decimal("90")
        submitted = commune.post(f"{url}submit/", {"version": draft["version"]}, format="json")
        assert submitted.status_code == 200, submitted.content
        assert submitted.json()["state"] == State.SUBMITTED
        version = submitted.json()["version"]

        assert commune.post(f"{url}approve/", {"version": version}, format="json").status_code == 403
        assert pv05.post(f"{url}return/", {"version": version, "comment": ""}, format="json").status_code == 400
        stale = pv05.post(f"{url}approve/", {"version": version - 1}, format="json")
        assert stale.status_code == 409
        approved = pv05.post(f"{url}approve/", {"version": version}, format="json")
        assert approved.status_code == 200, approved.content
        assert approved.json()["state"] == State.APPROVED
        assert approved.json()["final_rating"] == approved.json()["suggested_rating"]
        again = pv05.post(f"{url}approve/", {"version": approved.json()["version"]}, format="json")
        assert again.status_code == 400

    def test_pv05_returns_with_a_comment_and_the_commune_edits_again(self, api_as, users, scoped_objects):
        own, _ = scoped_objects
        commune, pv05 = api_as("commune"), api_as("pv05")
        url = f"{self.url}{own.pk}/"
        draft = commune.patch(url, self.update_payload(own), format="json").json()
        version = commune.post(f"{url}submit/", {"version": draft["version"]}, format="json").json()["version"]
        returned = pv05.post(f"{url}return/", {"version": version, "comment": "Thiếu minh chứng."}, format="json")
        assert returned.status_code == 200
        assert returned.json()["state"] == State.RETURNED
        entry = LogEntry.objects.get_for_object(own).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
        assert entry.actor == users["pv05"]
        edited = commune.patch(
            url, {"version": returned.json()["version"], "general_note": "Đã bổ sung."}, format="json"
        )
        assert edited.status_code == 200
        assert edited.json()["state"] == State.DRAFT

    def test_out_of_range_score_is_a_field_error(self, api_as, scoped_objects):
        own, _ = scoped_objects
        criterion = own.campaign.criteria.first()
        payload = {"version": own.version, "scores": [{"criterion": criterion.pk, "score": "999"}]}
        response = api_as("commune").patch(f"{self.url}{own.pk}/", payload, format="json")
        assert response.status_code == 400
        assert response.json()["errors"][f"score_{criterion.pk}"]

    def test_stale_draft_save_is_409(self, api_as, scoped_objects):
        own, _ = scoped_objects
        client = api_as("commune")
        assert client.patch(f"{self.url}{own.pk}/", self.update_payload(own), format="json").status_code == 200
        assert client.patch(f"{self.url}{own.pk}/", self.update_payload(own), format="json").status_code == 409


class TestEliminationsEndpoint(ApiScopedChecks):
    url = "/api/v1/eliminations/"
    writable = False  # written by PV05 only: see the tests below

    @pytest.fixture
    def scoped_objects(self, users, commune, other_commune, scheme, other_scheme):
        pv05 = users["pv05"]
        decision = {"decision_date": date(2026, 12, 20), "issuer": "Công an tỉnh Khánh Hòa", "reason": "Yếu."}
        own = services.schemes_eliminate(
            user=pv05, schemes=[scheme], decision_number="01/QĐ", campaign=_campaign(pv05, commune), **decision
        )
        other = services.schemes_eliminate(
            user=pv05,
            schemes=[other_scheme],
            decision_number="02/QĐ",
            campaign=_campaign(pv05, other_commune),
            **decision,
        )
        return own, other

    def test_pv05_eliminates_by_decision_and_it_is_audited(self, api_as, users, make_scheme):
        target = make_scheme(name="Tổ tuần tra ngừng hoạt động")
        payload = {
            "schemes": [target.pk],
            "decision_number": "15/QĐ-CAT",
            "decision_date": "2026-12-20",
            "issuer": "Công an tỉnh Khánh Hòa",
            "reason": "Không còn hoạt động.",
        }
        assert api_as("commune").post(self.url, payload, format="json").status_code == 403
        response = api_as("pv05").post(self.url, payload, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["schemes"] == [target.pk]
        target.refresh_from_db()
        assert target.status == Status.ELIMINATED
        elimination = Elimination.objects.get(pk=response.json()["id"])
        entry = LogEntry.objects.get_for_object(elimination).get(action=LogEntry.Action.CREATE)
        assert entry.actor == users["pv05"]
        again = api_as("pv05").post(self.url, payload, format="json")
        assert again.status_code == 400
        assert again.json()["errors"]["schemes"]
