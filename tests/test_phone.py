"""Phone-number normalisation: every way a number reaches the desk, one key."""
from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dispatch.phone import (
    MAX_RAW_CHARS,
    PhoneNumber,
    format_for_display,
    mask_number,
    normalise_number,
)

DENPASAR_LINE = "+62361223333"
TELKOMSEL_MOBILE = "+628123456789"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0361223333", DENPASAR_LINE),
        ("0361-223333", DENPASAR_LINE),
        ("(0361) 223333", DENPASAR_LINE),
        ("0361 223 333", DENPASAR_LINE),
        ("0361.223333", DENPASAR_LINE),
        ("62361223333", DENPASAR_LINE),
        ("+62361223333", DENPASAR_LINE),
        ("+62 (0) 361 223333", DENPASAR_LINE),
        ("tel:+62361223333", DENPASAR_LINE),
        ("TEL:0361223333;phone-context=+62", DENPASAR_LINE),
        ("08123456789", TELKOMSEL_MOBILE),
        ("628123456789", TELKOMSEL_MOBILE),
        ("+62 812-3456-789", TELKOMSEL_MOBILE),
        ("+62\u00a0812\u20133456\u2013789", TELKOMSEL_MOBILE),
        ("sip:08123456789@sbc.example.net", TELKOMSEL_MOBILE),
        ("sips:+628123456789@sbc.example.net;user=phone", TELKOMSEL_MOBILE),
        ("0812%2D3456%2D789", TELKOMSEL_MOBILE),
        ("  08123456789  ", TELKOMSEL_MOBILE),
        ("\u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", TELKOMSEL_MOBILE),
        ("０８１２３４５６７８９", TELKOMSEL_MOBILE),
        ("00442079460958", "+442079460958"),
        ("001442079460958", "+442079460958"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_accepted_forms_normalise_to_e164(raw, e164):
    number = normalise_number(raw)
    assert number.e164 == e164
    assert number.withheld is False
    assert number.raw == raw
    assert number.short_code is None


def test_leading_62_is_the_country_code_not_an_area_code():
    # libphonenumber alone reads this as the national number (0623) 61223333.
    assert normalise_number("62361223333").e164 == DENPASAR_LINE


def test_display_is_national_for_indonesian_numbers():
    assert normalise_number("62361223333").display == "(0361) 223333"
    assert normalise_number("+628123456789").display == "0812-3456-789"


def test_display_is_international_for_foreign_numbers():
    assert normalise_number("+442079460958").display == "+44 20 7946 0958"


@pytest.mark.parametrize("code", ["110", "112", "113", "115", "118", "119", "14045"])
def test_short_codes_keep_their_digits_without_e164(code):
    number = normalise_number(code)
    assert number == PhoneNumber(raw=code, e164=None, withheld=False, short_code=code)
    assert number.display == code
    assert number.is_dialable


def test_short_code_with_separators_keeps_clean_digits():
    assert normalise_number(" 1-1-2 ").short_code == "112"


@pytest.mark.parametrize(
    "raw",
    ["anonymous", "Anonymous", "ANONYMOUS", "restricted", "unknown", "unavailable",
     "private", "withheld", "", "   ", None, "sip:anonymous@anonymous.invalid",
     "tel:restricted"],
)
def test_withheld_markers(raw):
    number = normalise_number(raw)
    assert number.withheld is True
    assert number.e164 is None
    assert number.display is None
    assert not number.is_dialable


@pytest.mark.parametrize(
    "raw",
    ["abc", "+", "++62361223333", "1" * 40, "0361 223333 ext 2", "62", "0361",
     "*123#", "08123456789abc", "+62 361 22", "٣", "²³⁴"],
)
def test_garbage_gives_no_number_and_is_not_withheld(raw):
    number = normalise_number(raw)
    assert number.e164 is None
    assert number.withheld is False
    assert number.display is None
    assert number.raw == raw


def test_raw_is_bounded_and_an_overlong_text_is_not_parsed():
    overlong = "0361223333" + " " * 200
    number = normalise_number(overlong)
    assert len(number.raw) == MAX_RAW_CHARS
    assert number.e164 is None


def test_raw_loses_control_characters_that_databases_reject():
    number = normalise_number("0361\x00223333\u200b")
    assert number.raw == "0361223333"
    assert number.e164 == DENPASAR_LINE
    assert normalise_number("08123456789\r\n").raw == "08123456789"
    assert normalise_number("\ud800abc").raw == "\ufffdabc"


def test_bytes_are_decoded_and_other_types_are_not_numbers():
    assert normalise_number(b"08123456789").e164 == TELKOMSEL_MOBILE
    assert normalise_number(b"\xff\xfe").e164 is None
    not_text: object = 361223333
    assert normalise_number(not_text) == PhoneNumber("", None, False, None)  # type: ignore


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (DENPASAR_LINE, "(0361) 223333"),
        (TELKOMSEL_MOBILE, "0812-3456-789"),
        ("+442079460958", "+44 20 7946 0958"),
        (None, None),
        ("", None),
        ("0361223333", None),  # not E.164
        ("+62123", None),
        ("+abc", None),
        ("+" + "9" * 40, None),
    ],
)
def test_format_for_display(value, shown):
    assert format_for_display(value) == shown


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (TELKOMSEL_MOBILE, "+62*******789"),
        ("0812-3456-789", "+62*******789"),
        (DENPASAR_LINE, "+62******333"),
        ("+442079460958", "+44*******958"),
        ("1" * 40, "*" * 37 + "111"),
        ("223344", "******"),  # too short to show any digit
        ("112", "***"),
        ("abc", "***"),
        (None, "withheld"),
        ("anonymous", "withheld"),
    ],
)
def test_mask_number(value, masked):
    assert mask_number(value) == masked


# ---------------------------------------------------------------- properties

_INDONESIAN_PREFIXES = [
    "361", "21", "22", "24", "31", "274", "370", "411", "561", "623",
    "811", "812", "813", "821", "822", "838", "852", "857", "878", "881", "896",
]


@st.composite
def indonesian_numbers(draw) -> str:
    """A national significant number libphonenumber accepts as valid."""
    prefix = draw(st.sampled_from(_INDONESIAN_PREFIXES))
    tail = draw(st.text(alphabet="0123456789", min_size=5, max_size=9))
    nsn = prefix + tail
    assume(phonenumbers.is_valid_number(phonenumbers.parse("+62" + nsn)))
    return nsn


@given(st.text(max_size=300))
def test_normalise_number_never_raises_on_any_text(text):
    number = normalise_number(text)
    assert len(number.raw) <= MAX_RAW_CHARS
    assert not (number.withheld and number.e164)


@given(st.text(alphabet="0123456789+-() .\u00a0", max_size=40))
def test_normalise_number_never_raises_on_number_like_text(text):
    number = normalise_number(text)
    if number.e164 is not None:
        assert phonenumbers.is_valid_number(phonenumbers.parse(number.e164))


@given(indonesian_numbers())
def test_local_forms_of_one_number_share_one_e164(nsn):
    expected = "+62" + nsn
    parsed = phonenumbers.parse(expected)
    forms = [
        "0" + nsn,
        "62" + nsn,
        "+62" + nsn,
        "tel:+62" + nsn,
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    ]
    for form in forms:
        assert normalise_number(form).e164 == expected, form
    assert format_for_display(expected) == forms[4]


def _assert_reveals_at_most_three_trailing_digits(value: str | None, masked: str) -> None:
    if masked in ("withheld", "***"):
        return
    assert set(masked) <= set("+*0123456789")
    shown = masked
    if masked.startswith("+"):
        number = normalise_number(value)
        country_code = str(phonenumbers.parse(number.e164).country_code)
        assert masked.startswith("+" + country_code)
        shown = masked[1 + len(country_code):]
    visible = [ch for ch in shown if ch.isdigit()]
    assert len(visible) <= 3
    assert "*" in shown
    if visible:
        assert shown.endswith("".join(visible))
        input_digits = [ch for ch in (normalise_number(value).e164 or value or "") if ch.isdigit()]
        assert "".join(input_digits).endswith("".join(visible))


@given(st.one_of(st.none(), st.text(max_size=200), st.text(alphabet="0123456789+- ", max_size=30)))
def test_mask_number_never_reveals_more_than_three_trailing_digits(value):
    _assert_reveals_at_most_three_trailing_digits(value, mask_number(value))


@given(indonesian_numbers(), st.sampled_from(["0", "62", "+62", "tel:+62"]))
def test_mask_number_hides_every_indonesian_number(nsn, prefix):
    masked = mask_number(prefix + nsn)
    assert masked.startswith("+62*")
    assert masked.endswith(nsn[-3:])
    assert masked.count("*") == len(nsn) - 3
    _assert_reveals_at_most_three_trailing_digits(prefix + nsn, masked)
