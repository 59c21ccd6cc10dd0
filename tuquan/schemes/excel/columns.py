"""The columns of the scheme registry's Excel files: one list for the export, the template and the import.

A column has a Vietnamese header (what officers see), a key (what the code uses), a type
(how a cell is read and written), a width and the synonyms officers write in their own files.
Header matching ignores case, diacritics, spacing, punctuation and ``(*)`` marks.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from tuquan.core.text import fold


class CellType(StrEnum):
    TEXT = "text"
    DATE = "date"
    INT = "int"
    BOOL = "bool"
    PHONE = "phone"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 18
    type: CellType = CellType.TEXT
    importable: bool = True
    required: bool = False
    synonyms: tuple[str, ...] = ()


# The scheme sheet: the export, the template and the import share it. Columns that are not
# ``importable`` belong to the system (status, rating, field of the kind) and are ignored on import.
SCHEME_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã mô hình", 16, synonyms=("mã", "mã số", "mã mô hình, tổ chức")),
    Column(
        "name",
        "Tên mô hình, tổ chức",
        40,
        required=True,
        synonyms=("tên tổ chức", "tên", "tên gọi", "tên mô hình tổ chức tự quản", "tên tổ chức tự quản"),
    ),
    Column(
        "kind",
        "Loại mô hình",
        28,
        required=True,
        synonyms=("mô hình", "tên mô hình", "loại", "loại hình", "tên loại mô hình"),
    ),
    Column("field", "Lĩnh vực", 20, importable=False, synonyms=("lĩnh vực, địa bàn",)),
    Column(
        "commune",
        "Xã/phường/đặc khu",
        26,
        synonyms=(
            "xã, phường, đặc khu",
            "xã phường",
            "xã/phường",
            "đơn vị",
            "đơn vị hành chính",
            "địa bàn",
            "xã/phường/đặc khu hiện nay",
            "đơn vị cấp xã",
            "công an xã/phường",
        ),
    ),
    Column(
        "legacy_commune",
        "Xã/phường/thị trấn cũ (trước 01/7/2025)",
        26,
        synonyms=("xã cũ", "xã/phường/thị trấn cũ", "xã, phường, thị trấn cũ", "đơn vị cũ", "xã/phường/thị trấn"),
    ),
    Column(
        "legacy_district",
        "Huyện/thị xã/thành phố cũ",
        24,
        synonyms=("huyện", "huyện cũ", "quận/huyện", "huyện/thị xã/thành phố", "huyện, thị xã, thành phố", "cấp huyện"),
    ),
    Column("area", "Thôn, tổ dân phố", 22, synonyms=("thôn/tổ dân phố", "thôn", "tổ dân phố", "thôn, khu phố")),
    Column(
        "founding_decision_number",
        "Số quyết định thành lập",
        20,
        synonyms=("số quyết định", "số qđ", "quyết định thành lập", "số qđ thành lập"),
    ),
    Column(
        "founding_decision_date",
        "Ngày quyết định",
        14,
        CellType.DATE,
        synonyms=("ngày quyết định thành lập", "ngày qđ", "ngày ký quyết định"),
    ),
    Column(
        "founding_decision_issuer",
        "Cơ quan ban hành quyết định",
        26,
        synonyms=("cơ quan ban hành", "cơ quan ra quyết định", "nơi ban hành"),
    ),
    Column(
        "founded_on",
        "Ngày thành lập",
        14,
        CellType.DATE,
        required=True,
        synonyms=("ngày ra mắt", "thời gian thành lập", "ngày thành lập mô hình", "ngày tl", "ngày thành lập/ra mắt"),
    ),
    Column("host", "Tổ chức nòng cốt", 24, synonyms=("lực lượng nòng cốt", "cơ quan nòng cốt", "tổ chức chủ trì")),
    Column("co_hosts", "Tổ chức phối hợp", 26, synonyms=("lực lượng phối hợp", "cơ quan phối hợp")),
    Column(
        "host_detail",
        "Tên tổ chức nòng cốt cụ thể",
        28,
        synonyms=("tên tổ chức nòng cốt", "giáo xứ, chùa, doanh nghiệp, nhà trường"),
    ),
    Column(
        "leader_name",
        "Người phụ trách",
        24,
        synonyms=("trưởng mô hình", "người phụ trách (trưởng mô hình)", "họ tên người phụ trách", "chủ nhiệm"),
    ),
    Column(
        "leader_phone",
        "Điện thoại người phụ trách",
        16,
        CellType.PHONE,
        synonyms=("số điện thoại", "điện thoại", "sđt", "số điện thoại người phụ trách", "điện thoại liên hệ"),
    ),
    Column("rules", "Quy chế hoạt động", 30, synonyms=("quy chế",)),
    Column("facebook_url", "Trang Facebook", 30, synonyms=("facebook", "fanpage")),
    Column("zalo_group", "Nhóm Zalo", 24, synonyms=("zalo",)),
    Column("camera_count", "Số camera", 10, CellType.INT, synonyms=("camera", "số lượng camera", "số camera an ninh")),
    Column("focus_religion", "Trọng điểm tôn giáo", 12, CellType.BOOL, synonyms=("tôn giáo",)),
    Column("focus_ethnic", "Trọng điểm dân tộc thiểu số", 12, CellType.BOOL, synonyms=("dân tộc thiểu số", "dtts")),
    Column("focus_enterprise", "Doanh nghiệp trọng điểm", 12, CellType.BOOL, synonyms=("doanh nghiệp",)),
    Column(
        "replicated_from",
        "Nhân rộng từ (mã mô hình)",
        18,
        synonyms=("nhân rộng từ", "mô hình gốc", "mã mô hình gốc"),
    ),
    Column("status", "Tình trạng", 18, importable=False, synonyms=("trạng thái",)),
    Column("ended_on", "Ngày chấm dứt", 14, CellType.DATE, importable=False),
    Column("latest_rating", "Xếp loại gần nhất", 18, importable=False, synonyms=("xếp loại", "phân loại")),
    Column("latest_rating_year", "Năm xếp loại", 10, CellType.INT, importable=False),
)

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("scheme_code", "Mã mô hình", 16),
    Column("scheme_name", "Tên mô hình, tổ chức", 36),
    Column("commune", "Xã/phường/đặc khu", 24),
    Column("name", "Tên tổ", 28),
    Column("area", "Địa bàn hoạt động", 24),
    Column("founded_on", "Ngày thành lập", 14, CellType.DATE),
    Column("is_active", "Đang hoạt động", 12, CellType.BOOL),
    Column("member_count", "Số thành viên", 12, CellType.INT),
)

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("scheme_code", "Mã mô hình", 16),
    Column("scheme_name", "Tên mô hình, tổ chức", 36),
    Column("commune", "Xã/phường/đặc khu", 24),
    Column("team", "Tổ", 22),
    Column("full_name", "Họ và tên", 26),
    Column("birth_year", "Năm sinh", 10, CellType.INT),
    Column("role", "Chức danh trong tổ", 16),
    Column("phone", "Số điện thoại", 16),
    Column("national_id", "Số định danh cá nhân (CCCD)", 18),
    Column("address", "Nơi cư trú", 30),
    Column("joined_on", "Ngày tham gia", 14, CellType.DATE),
    Column("left_on", "Ngày rời", 14, CellType.DATE),
)

ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column("scheme_code", "Mã mô hình", 16),
    Column("scheme_name", "Tên mô hình, tổ chức", 36),
    Column("commune", "Xã/phường/đặc khu", 24),
    Column("period_start", "Từ ngày", 14, CellType.DATE),
    Column("period_end", "Đến ngày", 14, CellType.DATE),
    Column("patrols", "Số buổi tuần tra", 12, CellType.INT),
    Column("meetings", "Số buổi họp, sinh hoạt", 12, CellType.INT),
    Column("propaganda_sessions", "Số buổi tuyên truyền", 12, CellType.INT),
    Column("propaganda_attendance", "Số lượt người dự tuyên truyền", 14, CellType.INT),
    Column("tips_to_police", "Số tin báo cho Công an", 12, CellType.INT),
    Column("cases_detected", "Số vụ việc phát hiện", 12, CellType.INT),
    Column("cases_handed_over", "Số vụ việc, đối tượng bàn giao", 14, CellType.INT),
    Column("disputes_mediated", "Số vụ hòa giải thành", 12, CellType.INT),
    Column("incidents", "Số vụ việc về ANTT xảy ra", 12, CellType.INT),
    Column("notes", "Ghi chú", 30),
)

COLUMN_BY_KEY = {column.key: column for column in SCHEME_COLUMNS}

SCHEME_SHEET_TITLE = "Mô hình"
SHEETS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "schemes": (SCHEME_SHEET_TITLE, SCHEME_COLUMNS),
    "teams": ("Tổ", TEAM_COLUMNS),
    "members": ("Thành viên", MEMBER_COLUMNS),
    "activity": ("Kết quả hoạt động", ACTIVITY_COLUMNS),
}
SHEET_LABELS = {
    "schemes": "Danh sách mô hình",
    "teams": "Các tổ",
    "members": "Thành viên",
    "activity": "Kết quả hoạt động",
}

# Headers officers add that carry nothing to import.
IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "ghi chu", ""})

# The «STT» (row number) column every officer's sheet has. On the schemes sheet it names the row, so
# that a row of the teams, members or activity sheets can refer to a scheme of the same file that has
# no code yet by «STT mô hình» (the template has both; the export has neither: its rows have codes).
STT_HEADER = "STT"
STT_KEYS = frozenset({"stt", "tt", "so tt", "so thu tu"})
SCHEME_ROW_COLUMN = Column(
    "scheme_row",
    "STT mô hình",
    10,
    synonyms=("stt trang mô hình", "stt của mô hình", "số tt mô hình", "tt mô hình", "stt mh"),
)


def header_key(text) -> str:
    """'Ngày  THÀNH LẬP (*)' → 'ngay thanh lap': folded, no marks, punctuation as spaces."""
    folded = fold(str(text or ""))
    folded = folded.replace("(*)", " ").replace("*", " ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def _without_brackets(text: str) -> str:
    return re.sub(r"\([^)]*\)", " ", str(text or ""))


def _build_header_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    # Canonical headers first so that a synonym never shadows another column's own header.
    for column in SCHEME_COLUMNS:
        index.setdefault(header_key(column.header), column)
        index.setdefault(header_key(_without_brackets(column.header)), column)
    for column in SCHEME_COLUMNS:
        for synonym in (column.key, *column.synonyms):
            index.setdefault(header_key(synonym), column)
    return index


HEADER_INDEX = _build_header_index()


OLD_WORDS = ("cu", "truoc", "2025")
DISTRICT_WORDS = ("huyen", "quan", "tp", "thanh pho", "thi xa", "tx")
COMMUNE_WORDS = ("xa", "phuong", "thi tran", "tt")


def _guess_old_unit(key: str) -> Column | None:
    """'Huyện/TP cũ', 'Xã, phường (trước sáp nhập)' → the old district / old commune column."""
    padded = f" {key} "
    if not any(f" {word} " in padded for word in OLD_WORDS):
        return None
    if any(f" {word} " in padded for word in DISTRICT_WORDS):
        return COLUMN_BY_KEY["legacy_district"]
    if any(f" {word} " in padded for word in COMMUNE_WORDS):
        return COLUMN_BY_KEY["legacy_commune"]
    return None


def match_header(text) -> Column | None:
    """The scheme column a header cell means, or None."""
    key = header_key(text)
    if not key:
        return None
    return HEADER_INDEX.get(key) or _guess_old_unit(key) or HEADER_INDEX.get(header_key(_without_brackets(text)))
