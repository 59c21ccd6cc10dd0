"""Vietnamese names and places the demo generator draws from (fictional people, plausible places).

Every list is a tuple so that a seeded ``random.Random`` picks the same item on every run.
"""

SURNAMES = (
    # Weighted roughly as in the population: Nguyễn first, then Trần, Lê, Phạm ...
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 6),
    ("Hoàng", 4),
    ("Võ", 6),
    ("Phan", 4),
    ("Vũ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 2),
    ("Mai", 1),
    ("Lương", 1),
    ("Châu", 1),
    ("Tô", 1),
    ("Cao", 1),
)

MALE_MIDDLE = ("Văn", "Văn", "Văn", "Minh", "Quốc", "Đức", "Hữu", "Ngọc", "Thanh", "Xuân", "Công", "Đình", "Trọng")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng", "Phương", "Diệu")

MALE_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Định", "Hải", "Hào", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh",
    "Khoa", "Lâm", "Lộc", "Long", "Lực", "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc", "Phước",
    "Quang", "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thiện", "Thịnh", "Toàn", "Trí", "Trung",
    "Tuấn", "Tùng", "Vinh", "Vũ", "Hưng", "Kiên", "Lợi", "Tín", "Bảo", "Châu", "Đông",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Cúc", "Dung", "Diệp", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ",
    "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phượng",
    "Quyên", "Sương", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Xuân", "Yến",
)  # fmt: skip

# Raglai and Cơ Ho family names of the mountain districts (Khánh Sơn, Khánh Vĩnh, Bác Ái).
ETHNIC_SURNAMES = ("Mấu", "Cao", "Bo Bo", "Pi Năng", "Tà Ló", "Katơr", "Chamaléa", "Mang", "Ha", "Pinăng")

# Thôn (villages) and tổ dân phố (urban wards' residential groups).
VILLAGE_NAMES = (
    "Phú Nhơn", "Đông Bắc", "Tân Phú", "Hòa Bình", "Xuân Sơn", "Phước Lương", "Tây Nam", "Lương Hòa",
    "Mỹ Thạnh", "Phú Hữu", "Bình Tây", "Vĩnh Điềm", "Hòa Tân", "Trường Thạnh", "Đồng Nhơn", "Quảng Đức",
    "Tân Khánh", "Phú Bình", "An Ninh", "Thủy Triều", "Văn Đăng", "Suối Lau", "Đất Sét", "Hội Xương",
    "Bắc Thạnh", "Nam Thạnh", "Phước Thượng", "Ninh Ích", "Xuân Hòa", "Lạc Bình", "Trung Hòa", "Tân Hưng",
)  # fmt: skip
MOUNTAIN_VILLAGE_NAMES = (
    "Ko Róa", "Tà Gụ", "Xà Bói", "Hòn Dung", "Dốc Gạo", "Suối Thơm", "Đá Bàn", "Ba Dùi", "Chà Liên",
    "Cam Khánh", "Tà Lương", "Suối Cá", "A Xay", "Ka Tơ", "Liên Hòa", "Đồng Dưới", "Đồng Trăng", "Tha Mang",
)  # fmt: skip
STREET_NAMES = (
    "Trần Phú", "Lê Thánh Tôn", "Nguyễn Thiện Thuật", "Hùng Vương", "Yersin", "Lê Hồng Phong",
    "Lý Tự Trọng", "Phạm Văn Đồng", "Nguyễn Trãi", "Thống Nhất", "Hoàng Văn Thụ", "Võ Thị Sáu",
)  # fmt: skip

PARISHES = (
    "Phú Nhơn", "Chợ Mới", "Hà Dừa", "Vĩnh Phước", "Phước Hải", "Hòa Tân", "Mỹ Thanh", "Thuận Lợi",
    "Tân Xuân", "Cây Vông", "Hòa Thuận", "Vạn Giã", "Bình Cang", "Xuân Ninh", "Đồng Dưa", "Ba Ngòi",
)  # fmt: skip
PAGODAS = (
    "Hưng Long", "Long Sơn", "Phước Điền", "Linh Sơn", "Thiên Bửu", "Hải Đức", "Kim Sơn", "Bửu Phong",
    "Thanh Lương", "Phổ Quang", "Tịnh Độ", "Linh Quang", "Viên Quang", "Vĩnh Khánh",
)  # fmt: skip

# Agencies, enterprises and schools by pre-2025 district: (name, host organisation).
AGENCIES = {
    "568": (
        ("Công ty TNHH Hải sản Nha Trang Xanh", "doanh_nghiep"),
        ("Công ty Cổ phần Cảng Nha Trang", "doanh_nghiep"),
        ("Công ty Cổ phần Du lịch Vịnh Xanh", "doanh_nghiep"),
        ("Ban Quản lý chợ Đầm", "co_quan"),
        ("Bến xe phía Nam Nha Trang", "doanh_nghiep"),
        ("Trường THPT Lý Tự Trọng", "nha_truong"),
        ("Trường THPT Nguyễn Văn Trỗi", "nha_truong"),
        ("Trường Đại học Nha Trang", "nha_truong"),
        ("Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang", "nha_truong"),
        ("Trường THCS Âu Cơ", "nha_truong"),
    ),
    "569": (
        ("Cảng Cam Ranh", "doanh_nghiep"),
        ("Công ty TNHH Đóng tàu Ba Ngòi", "doanh_nghiep"),
        ("Bệnh viện Đa khoa khu vực Cam Ranh", "co_quan"),
        ("Trường THPT Trần Hưng Đạo", "nha_truong"),
        ("Trường THPT Phan Bội Châu", "nha_truong"),
    ),
    "572": (
        ("Công ty Cổ phần Đường Ninh Hòa", "doanh_nghiep"),
        ("Trường THPT Trần Cao Vân", "nha_truong"),
        ("Trường THPT Nguyễn Chí Thanh", "nha_truong"),
    ),
}
