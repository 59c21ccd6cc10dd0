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


def test_fold_of_latin_text_equals_the_general_unicode_fold():
    import random
    import unicodedata

    from tuquan.core.text import _fold_unicode

    latin = [chr(c) for c in (*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))]
    for character in latin:
        assert fold(character) == _fold_unicode(character), hex(ord(character))
    generator = random.Random(8)
    for _ in range(2000):
        text = "".join(generator.choice(latin + [" ", "  ", "\t"]) for _ in range(generator.randint(0, 30)))
        for form in ("NFC", "NFD"):
            sample = unicodedata.normalize(form, text)
            assert fold(sample) == _fold_unicode(sample), repr(sample)
    for other in ("ΟΔΟΣ Σ", "Улица", "中文 Tiếng", "İstanbul Đà", "x\u200bY", "Ｔｉếｎｇ"):  # the general way
        assert fold(other) == _fold_unicode(other)
    assert fold(None) == fold("") == ""
