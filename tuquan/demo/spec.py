"""What a demo province looks like: how many schemes where, how they were rated, how it grows.

``KHANH_HOA`` reproduces the article of 05/07/2022 (seed/article-khanh-hoa-2022.txt): 322 schemes
at the 2022 inspection, by pre-2025 district, and their classes. A national generator builds other
``ProvinceSpec`` values (or scales this one) and hands them to ``generate_demo``.
"""

from dataclasses import dataclass, replace

from tuquan.assessments.choices import Rating

# Place profiles: which kinds of scheme fit a district (see ``generator.KIND_WEIGHTS``).
CITY = "city"
TOWN = "town"
RURAL = "rural"
MOUNTAIN = "mountain"


@dataclass(frozen=True)
class DistrictQuota:
    """A pre-2025 district: its schemes at the base inspection (agency schemes not included)."""

    code: str
    schemes: int
    profile: str
    must_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProvinceSpec:
    current_code: str
    legacy_code: str
    abbreviation: str
    districts: tuple[DistrictQuota, ...]
    # Agencies, enterprises and schools: (pre-2025 district they sit in, how many).
    agencies: tuple[tuple[str, int], ...]
    base_year: int
    # Final classes of the base year's campaign (Rating value → count); they add up to every scheme.
    base_ratings: dict[str, int]
    # New schemes founded each later year in the province's own (pre-2025) territory.
    new_per_year: dict[int, int]
    # Provinces merged into this one on 01/07/2025: (legacy code, profile by district code, schemes from 2025).
    merged: tuple[tuple[str, dict[str, str], int], ...] = ()
    last_year: int = 2026
    earliest_founding_year: int = 2005
    campaign_issuer: str = "Công an tỉnh"

    @property
    def base_total(self) -> int:
        return sum(d.schemes for d in self.districts) + sum(n for _, n in self.agencies)

    def scaled(self, scale: float) -> "ProvinceSpec":
        """The same province with every count multiplied by ``scale`` (classes kept in proportion)."""
        if scale == 1:
            return self

        def times(n: int) -> int:
            return max(0, round(n * scale))

        districts = tuple(replace(d, schemes=max(1, times(d.schemes))) for d in self.districts)
        agencies = tuple((code, times(n)) for code, n in self.agencies)
        total = sum(d.schemes for d in districts) + sum(n for _, n in agencies)
        ratings = apportion(self.base_ratings, total)
        return replace(
            self,
            districts=districts,
            agencies=agencies,
            base_ratings=ratings,
            new_per_year={year: times(n) for year, n in self.new_per_year.items()},
            merged=tuple((code, profiles, times(n)) for code, profiles, n in self.merged),
        )


def apportion(weights: dict[str, int], total: int) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, stable order)."""
    whole = sum(weights.values()) or 1
    exact = {key: total * value / whole for key, value in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    left = total - sum(result.values())
    for key in sorted(exact, key=lambda k: (result[k] - exact[k], list(weights).index(k)))[:left]:
        result[key] += 1
    return result


KHANH_HOA = ProvinceSpec(
    current_code="56",
    legacy_code="56",
    abbreviation="KH",
    districts=(
        DistrictQuota(
            "568",
            87,
            CITY,
            must_kinds=(
                "Phật tử chùa Hưng Long tự quản về ANTT",
                "Xóm đạo bình yên",
                "Giáo họ tự quản về ANTT",
                "Camera an ninh",
                "Trang Facebook ANTT",
                "Nhóm Zalo ANTT",
            ),
        ),  # Thành phố Nha Trang
        DistrictQuota("569", 39, CITY, must_kinds=("Camera an ninh", "Xóm đạo bình yên")),  # Thành phố Cam Ranh
        DistrictQuota("572", 70, TOWN, must_kinds=("Xóm đạo bình yên", "Giáo họ tự quản về ANTT")),  # TX Ninh Hòa
        DistrictQuota("574", 37, RURAL),  # Huyện Diên Khánh
        DistrictQuota("570", 23, RURAL),  # Huyện Cam Lâm
        DistrictQuota("571", 33, RURAL, must_kinds=("Xóm đạo bình yên",)),  # Huyện Vạn Ninh
        DistrictQuota("575", 12, MOUNTAIN, must_kinds=("Tổ gương sáng",) * 3),  # Huyện Khánh Sơn
        DistrictQuota(
            "573", 8, MOUNTAIN, must_kinds=("Đội tự quản về ANTT xã Khánh Thành", "Tổ gương sáng", "Tổ gương sáng")
        ),  # Huyện Khánh Vĩnh
        # Huyện Trường Sa (576): no scheme.
    ),
    agencies=(("568", 8), ("569", 3), ("572", 2)),
    base_year=2022,
    base_ratings={
        Rating.GOOD.value: 86,
        Rating.FAIR.value: 168,
        Rating.AVERAGE.value: 42,
        Rating.WEAK.value: 7,
        Rating.NEW.value: 19,
    },
    new_per_year={2023: 22, 2024: 26, 2025: 28, 2026: 18},
    merged=(
        (
            "58",  # Ninh Thuận, part of Khánh Hòa since 01/7/2025
            {"582": CITY, "584": MOUNTAIN, "585": MOUNTAIN, "586": RURAL, "587": RURAL, "588": RURAL, "589": RURAL},
            24,
        ),
    ),
    campaign_issuer="Công an tỉnh Khánh Hòa",
)
