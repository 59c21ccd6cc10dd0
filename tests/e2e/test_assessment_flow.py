"""A commune officer self-assesses a scheme and submits; PV05 approves; the class shows on the campaign page."""

from datetime import date

import pytest

from tuquan.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def campaign_with_scheme(demo_users):
    from tuquan.assessments.services import campaign_create
    from tuquan.places.models import AdminUnit
    from tuquan.schemes.models import ActivityReport, SchemeKind
    from tuquan.schemes.services import scheme_create

    pv05 = demo_users["pv05"]
    commune = AdminUnit.objects.get(era="current", level="commune", code="22333")
    scheme = scheme_create(
        user=pv05,
        data={
            "kind": SchemeKind.objects.get(name="Tiếng kẻng an ninh"),
            "name": "Tiếng kẻng an ninh tổ dân phố Xương Huân 2",
            "commune": commune,
            "founded_on": date(2021, 5, 10),
        },
    )
    ActivityReport.objects.create(
        scheme=scheme, period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), patrols=24, meetings=6
    )
    campaign = campaign_create(
        user=pv05,
        data={
            "year": 2026,
            "name": "Kiểm tra, phân loại mô hình năm 2026 (thử)",
            "root_unit": pv05.jurisdiction,
            "self_assessment_deadline": date(2099, 1, 1),
            "approval_deadline": date(2099, 2, 1),
        },
    )
    return campaign, scheme


def test_commune_self_assesses_pv05_approves_and_the_result_shows(
    page, phone_page, live_server, login, campaign_with_scheme
):
    campaign, scheme = campaign_with_scheme
    campaign_url = f"{live_server.url}{campaign.get_absolute_url()}"

    # The commune officer opens the campaign, starts the scheme's assessment and scores it.
    login(page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    page.goto(campaign_url)
    page.locator(f"tr[data-scheme='{scheme.code}'] button", has_text="Chấm điểm").click()
    page.wait_for_load_state()
    inputs = page.locator("input[data-score]")
    assert inputs.count() == campaign.criteria.count()
    for i, criterion in enumerate(campaign.criteria.all()):
        inputs.nth(i).fill(str(int(criterion.max_points * 9 / 10)))
    # the total and suggested class follow the typing, before any save
    assert page.locator("[data-testid=live-total]").inner_text() == "89"
    assert page.locator("[data-testid=live-class]").inner_text() == "Tốt"
    page.select_option("#id_recommendation", "duy_tri")
    page.click("[data-testid=submit]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=assessment-state]").inner_text() == "Đã gửi, chờ duyệt"
    assert not page.console_errors

    # PV05 (on a phone) reviews and approves.
    login(phone_page, live_server, "pv05", DEMO_PASSWORD)
    phone_page.goto(page.url)
    assert phone_page.locator("[data-testid=live-total]").inner_text() == "89"
    phone_page.click("[data-testid=approve]")
    phone_page.wait_for_load_state()
    assert phone_page.locator("[data-testid=assessment-state]").inner_text() == "Đã duyệt"

    # The result is on the campaign page.
    phone_page.goto(campaign_url)
    row = phone_page.locator(f"tr[data-scheme='{scheme.code}']")
    assert row.locator("[data-testid=final-rating]").inner_text() == "Tốt"
    assert phone_page.locator("[data-testid=campaign-summary] [data-rating=tot]").inner_text() == "1"
    assert not phone_page.console_errors
