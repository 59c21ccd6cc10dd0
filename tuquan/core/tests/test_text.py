import unicodedata

from tuquan.core.text import fold, nfc, vi_sorted


def test_fold_ignores_case_diacritics_and_d_stroke():
    assert fold("Tiếng kẻng AN NINH") == "tieng keng an ninh"
    assert fold("Đội Thanh niên xung kích") == "doi thanh nien xung kich"
    assert fold("  Khánh   Hòa ") == "khanh hoa"


def test_fold_treats_nfd_and_nfc_alike():
    composed = "Khánh Hòa"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "khanh hoa"
    assert nfc(decomposed) == composed


def test_vietnamese_alphabet_order():
    names = ["Đông", "Dương", "Ăn", "An", "Âu", "Bình", "Ê", "Em", "Ơn", "Ông", "Ôn", "Uyên", "Ưng"]
    assert vi_sorted(names) == ["An", "Ăn", "Âu", "Bình", "Dương", "Đông", "Em", "Ê", "Ôn", "Ông", "Ơn", "Uyên", "Ưng"]


def test_sort_ignores_normalisation_form():
    nfd = unicodedata.normalize("NFD", "Đông Hải")
    assert vi_sorted([nfd, "Dương Đông"]) == ["Dương Đông", nfd]
