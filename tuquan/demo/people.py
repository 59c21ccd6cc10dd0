"""Fictional people for the demo: Vietnamese full names, birth years, phone numbers, national IDs."""

import random
from dataclasses import dataclass

from tuquan.demo import names

_SURNAMES = [name for name, _ in names.SURNAMES]
_SURNAME_WEIGHTS = [weight for _, weight in names.SURNAMES]


@dataclass(frozen=True)
class Person:
    full_name: str
    is_female: bool
    birth_year: int
    phone: str
    national_id: str


class PersonFactory:
    """Draws people from a seeded generator; phones and national IDs never repeat within one run."""

    def __init__(self, rng: random.Random, province_id_code: str = "056") -> None:
        self.rng = rng
        self.province_id_code = province_id_code
        self._phones: set[str] = set()
        self._ids: set[str] = set()

    def full_name(self, *, female: bool, ethnic: bool = False, ethnic_share: float = 0.7) -> str:
        """A full name; in an ethnic-minority area ``ethnic_share`` of them carry a Raglai or Cơ Ho family name."""
        rng = self.rng
        if ethnic and rng.random() < ethnic_share:
            surname = rng.choice(names.ETHNIC_SURNAMES)
        else:
            surname = rng.choices(_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
        middle = rng.choice(names.FEMALE_MIDDLE if female else names.MALE_MIDDLE)
        given = rng.choice(names.FEMALE_GIVEN if female else names.MALE_GIVEN)
        return f"{surname} {middle} {given}"

    def phone(self) -> str:
        while True:
            number = f"09{self.rng.randrange(10**8):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def national_id(self, *, birth_year: int, female: bool) -> str:
        """12 digits as issued since 2016: place of birth, sex and century, year, then a serial."""
        place = (
            self.province_id_code
            if self.rng.random() < 0.85
            else f"{self.rng.choice((1, 38, 40, 46, 48, 52, 54, 58, 62, 66, 79)):03d}"
        )
        century_sex = (0 if birth_year < 2000 else 2) + (1 if female else 0)
        while True:
            number = f"{place}{century_sex}{birth_year % 100:02d}{self.rng.randrange(10**6):06d}"
            if number not in self._ids:
                self._ids.add(number)
                return number

    def person(
        self, *, youngest: int = 1960, oldest_age: int = 70, ethnic: bool = False, female=None, year: int = 2022
    ):
        rng = self.rng
        is_female = rng.random() < 0.3 if female is None else female
        # At least 18 in ``year`` (when they joined), at most ``oldest_age``.
        latest = min(youngest, year - 18)
        birth_year = rng.randint(min(max(year - oldest_age, 1935), latest), latest)
        return Person(
            full_name=self.full_name(female=is_female, ethnic=ethnic),
            is_female=is_female,
            birth_year=birth_year,
            phone=self.phone(),
            national_id=self.national_id(birth_year=birth_year, female=is_female),
        )
