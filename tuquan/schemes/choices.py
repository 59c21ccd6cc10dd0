from django.db import models


class Field(models.TextChoices):
    """Field (lĩnh vực, địa bàn) a kind of scheme belongs to."""

    RURAL = "nong_thon", "Nông thôn"
    URBAN = "do_thi", "Đô thị"
    RELIGION = "ton_giao", "Tôn giáo"
    ETHNIC = "dan_toc", "Dân tộc thiểu số"
    MASS_ORG = "doan_the", "Đoàn thể"
    AGENCY = "co_quan", "Cơ quan – doanh nghiệp – nhà trường"
    TECHNOLOGY = "cong_nghe", "Ứng dụng công nghệ"


class HostOrganisation(models.TextChoices):
    """Organisation that hosts (nòng cốt) a scheme."""

    POLICE = "cong_an", "Công an xã/phường"
    FATHERLAND_FRONT = "mttq", "Mặt trận Tổ quốc"
    VETERANS = "cuu_chien_binh", "Hội Cựu chiến binh"
    FARMERS = "nong_dan", "Hội Nông dân"
    WOMEN = "phu_nu", "Hội Liên hiệp Phụ nữ"
    YOUTH = "doan_thanh_nien", "Đoàn Thanh niên"
    VILLAGE = "thon_to", "Thôn, tổ dân phố"
    PARISH = "giao_xu", "Giáo xứ, giáo họ"
    PAGODA = "chua", "Chùa, cơ sở Phật giáo"
    ELDERS = "gia_lang", "Già làng, người có uy tín"
    ENTERPRISE = "doanh_nghiep", "Doanh nghiệp"
    SCHOOL = "nha_truong", "Nhà trường"
    AGENCY = "co_quan", "Cơ quan"
    OTHER = "khac", "Khác"


class Status(models.TextChoices):
    ACTIVE = "active", "Đang hoạt động"
    ELIMINATED = "eliminated", "Đã thanh loại"
    MERGED = "merged", "Đã sáp nhập"
    VOIDED = "voided", "Đã hủy (nhập nhầm)"


class MemberRole(models.TextChoices):
    LEADER = "to_truong", "Tổ trưởng"
    DEPUTY = "to_pho", "Tổ phó"
    MEMBER = "thanh_vien", "Thành viên"


class Rating(models.TextChoices):
    """Classes of the yearly classification (phân loại).

    Here, below the assessments that give them, because a scheme keeps its latest class
    (``Scheme.latest_rating``); ``tuquan.assessments.choices`` re-exports it.
    """

    GOOD = "tot", "Tốt"
    FAIR = "kha", "Khá"
    AVERAGE = "trung_binh", "Trung bình"
    WEAK = "yeu", "Yếu (cần thanh loại)"
    NEW = "chua_danh_gia", "Chưa đánh giá, phân loại (mới thành lập)"
