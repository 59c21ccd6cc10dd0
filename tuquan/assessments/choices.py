from django.db import models

# The classes live with the scheme that keeps its latest one (layers: schemes is below assessments);
# ``from tuquan.assessments.choices import Rating`` stays the way the assessments speak of them.
from tuquan.schemes.choices import Rating

# Best first: a hard rule caps a rating at one of these, never raises it.
RATING_RANK = {Rating.GOOD: 4, Rating.FAIR: 3, Rating.AVERAGE: 2, Rating.WEAK: 1}


class State(models.TextChoices):
    """Workflow state of one assessment."""

    DRAFT = "draft", "Đang chấm (nháp)"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


class Progress(models.TextChoices):
    """A scheme's place in a campaign, including "no assessment yet"."""

    NOT_STARTED = "not_started", "Chưa chấm"
    DRAFT = State.DRAFT.value, State.DRAFT.label
    SUBMITTED = State.SUBMITTED.value, State.SUBMITTED.label
    APPROVED = State.APPROVED.value, State.APPROVED.label
    RETURNED = State.RETURNED.value, State.RETURNED.label


class Recommendation(models.TextChoices):
    MAINTAIN = "duy_tri", "Duy trì"
    CONSOLIDATE = "cung_co", "Củng cố"
    REPLICATE = "nhan_rong", "Nhân rộng"
    COMMEND = "khen_thuong", "Đề nghị khen thưởng"
    ELIMINATE = "thanh_loai", "Thanh loại"


class HardRule(models.TextChoices):
    """Rules a campaign may switch on (stored as data in ``Campaign.hard_rules``)."""

    NO_ACTIVITY_REPORT = "no_activity_report", "Không có báo cáo kết quả hoạt động trong kỳ"
