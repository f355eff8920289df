"""Caller identity from raw INVITE texts, as pjsua2's wholeMsg delivers them."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.phone import NO_NUMBER, WITHHELD_NUMBER
from dispatch.sip_identity import (
    FROM,
    MAX_DISPLAY_NAME_CHARS,
    MAX_HEADER_CHARS,
    PAI,
    RPID,
    header_values,
    parse_call_id,
    parse_called_number,
    parse_caller,
)

MOBILE = "+628123456789"
OTHER_MOBILE = "+628119876543"
DENPASAR_LINE = "+62361223333"
SDP = "v=0\r\no=- 1 1 IN IP4 10.20.0.7\r\ns=-\r\nc=IN IP4 10.20.0.7\r\nt=0 0\r\n"


def build_invite(
    *headers: str,
    request_uri: str = "sip:0361223333@127.0.0.1",
    to: str = "<sip:0361223333@127.0.0.1>",
    call_id: str = "5f2c1e0a-77b3@10.20.0.7",
) -> str:
    """A complete INVITE as a SIP trunk sends it, CRLF line endings."""
    lines = [
        f"INVITE {request_uri} SIP/2.0",
        "Via: SIP/2.0/UDP 10.20.0.7:5060;branch=z9hG4bK-524287-1;rport",
        "Max-Forwards: 69",
        f"To: {to}",
        *headers,
        f"Call-ID: {call_id}",
        "CSeq: 1 INVITE",
        "Contact: <sip:gw@10.20.0.7:5060>",
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
        "Content-Type: application/sdp",
        f"Content-Length: {len(SDP)}",
    ]
    return "\r\n".join(lines) + "\r\n\r\n" + SDP


def caller_of(*headers: str):
    return parse_caller(build_invite(*headers))


# ------------------------------------------------------------- From forms

def test_quoted_display_name_and_sip_uri():
    caller = caller_of('From: "Budi" <sip:08123456789@10.20.0.7>;tag=a73kszlfl')
    assert caller.number.e164 == MOBILE
    assert caller.display_name == "Budi"
    assert caller.source == FROM
    assert caller.privacy is False
    assert caller.raw_headers == {FROM: '"Budi" <sip:08123456789@10.20.0.7>;tag=a73kszlfl'}


def test_unquoted_display_name():
    caller = caller_of("From: Budi Santoso <sip:+628123456789@10.20.0.7>;tag=1")
    assert (caller.display_name, caller.number.e164) == ("Budi Santoso", MOBILE)


def test_bare_addr_spec_with_tag():
    caller = caller_of("From: sip:08123456789@10.20.0.7;tag=x")
    assert caller.number.e164 == MOBILE
    assert caller.display_name is None


def test_compact_from_header():
    caller = caller_of('f: "Ayu" <sip:08123456789@10.20.0.7>;tag=1')
    assert (caller.source, caller.display_name, caller.number.e164) == (FROM, "Ayu", MOBILE)


def test_header_names_are_case_insensitive():
    caller = caller_of(
        "FROM: <sip:08123456789@h>;tag=1", "p-asserted-identity: <tel:+628119876543>"
    )
    assert (caller.source, caller.number.e164) == (PAI, OTHER_MOBILE)


@pytest.mark.parametrize(
    "from_value",
    [
        "<tel:+628123456789>;tag=1",
        "<sips:08123456789@secure.example.net>;tag=1",
        "<sip:+62-812-3456-789@gw;user=phone>;tag=1",
        "<sip:08123456789:secret@gw>;tag=1",
    ],
)
def test_uri_schemes_and_user_forms(from_value):
    assert caller_of(f"From: {from_value}").number.e164 == MOBILE


def test_tel_uri_with_phone_context():
    caller = caller_of("From: tel:0361223333;phone-context=+62;tag=1")
    assert caller.number.e164 == DENPASAR_LINE


def test_escaped_quotes_in_display_name():
    caller = caller_of(r'From: "A \"B\" C" <sip:08123456789@gw>;tag=1')
    assert caller.display_name == 'A "B" C'


def test_display_name_is_cleaned():
    caller = caller_of('From: "  Made\t\x07 Wirawan\u202e  " <sip:08123456789@gw>;tag=1')
    assert caller.display_name == "Made Wirawan"


def test_missing_user_part_is_no_number_and_not_withheld():
    caller = caller_of("From: <sip:gw.example.net>;tag=1")
    assert caller.number == NO_NUMBER
    assert caller.number.withheld is False
    assert caller.privacy is False
    assert caller.source == FROM


def test_anonymous_caller_is_withheld():
    caller = caller_of('From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1')
    assert caller.number.withheld is True
    assert caller.number.e164 is None
    assert caller.privacy is True
    assert caller.display_name is None


def test_anonymous_host_alone_is_withheld():
    assert caller_of("From: <sip:caller@anonymous.invalid>;tag=1").privacy is True


def test_two_kilobyte_display_name_is_bounded():
    caller = caller_of('From: "' + "Ketut " * 350 + '" <sip:08123456789@gw>;tag=1')
    assert len(caller.display_name) <= MAX_DISPLAY_NAME_CHARS
    assert caller.display_name.startswith("Ketut Ketut")
    assert caller.number.e164 == MOBILE
    assert len(caller.raw_headers[FROM]) <= MAX_HEADER_CHARS


def test_percent_escapes_and_user_parameters():
    caller = caller_of("From: <sip:0812%2D3456%2D789;phone-context=+62@gw;user=phone>;tag=1")
    assert caller.number.e164 == MOBILE
    assert caller.number.raw == "0812-3456-789"


def test_unbracketed_user_parameters_are_tolerated():
    caller = caller_of("From: sip:0812%2D3456%2D789;phone-context=+62@gw;tag=1")
    assert caller.number.e164 == MOBILE


def test_short_code_caller():
    caller = caller_of("From: <sip:112@gw>;tag=1")
    assert caller.number.short_code == "112"
    assert caller.number.e164 is None


@pytest.mark.parametrize(
    ("from_value", "name", "e164"),
    [
        ('"Budi <sip:08123456789@gw>;tag=1', "Budi", MOBILE),  # quote never closed
        ("Budi <sip:08123456789@gw;tag=1", "Budi", MOBILE),  # angle never closed
        ('<<<>>>"""', None, None),
        (";tag=1", None, None),
        ("<>", None, None),
        ("<sip:@gw>", None, None),
        ("<mailto:budi@example.net>", None, None),
        ('"Budi"', "Budi", None),
        ("", None, None),
    ],
)
def test_malformed_from_gives_what_it_can(from_value, name, e164):
    caller = caller_of(f"From: {from_value}")
    assert caller.display_name == name
    assert caller.number.e164 == e164
    assert caller.number.withheld is False


def test_folded_from_header():
    caller = caller_of('From: "Budi"\r\n   <sip:08123456789@gw>\r\n\t;tag=1')
    assert (caller.display_name, caller.number.e164) == ("Budi", MOBILE)
    assert caller.raw_headers[FROM] == '"Budi" <sip:08123456789@gw> ;tag=1'


def test_no_identity_header_at_all():
    caller = parse_caller(build_invite())
    assert (caller.number, caller.source, caller.display_name) == (NO_NUMBER, None, None)
    assert dict(caller.raw_headers) == {}


# ------------------------------------------------------ trust and privacy

def test_p_asserted_identity_wins_over_from_and_from_keeps_the_name():
    caller = caller_of(
        'From: "Budi" <sip:08123456789@gw>;tag=1',
        "P-Asserted-Identity: <tel:+628119876543>",
    )
    assert (caller.source, caller.number.e164, caller.display_name) == (PAI, OTHER_MOBILE, "Budi")
    assert set(caller.raw_headers) == {PAI, FROM}


def test_tel_pai_is_preferred_among_several():
    caller = caller_of(
        "From: <sip:08123456789@gw>;tag=1",
        "P-Asserted-Identity: <sip:+62361223333@trunk.example.net;user=phone>",
        "P-Asserted-Identity: <tel:+628119876543>",
    )
    assert caller.number.e164 == OTHER_MOBILE


def test_first_numeric_sip_pai_is_used_when_there_is_no_tel():
    caller = caller_of(
        "From: <sip:08123456789@gw>;tag=1",
        'P-Asserted-Identity: "Gateway" <sip:gateway@trunk>, <sip:0361223333@trunk>',
        "P-Asserted-Identity: <sip:08119876543@trunk>",
    )
    assert (caller.source, caller.number.e164) == (PAI, DENPASAR_LINE)


def test_pai_without_any_number_defers_to_from():
    caller = caller_of(
        "From: <sip:08123456789@gw>;tag=1", "P-Asserted-Identity: <sip:gateway@trunk>"
    )
    assert (caller.source, caller.number.e164) == (FROM, MOBILE)


def test_remote_party_id_wins_over_from():
    caller = caller_of(
        'From: "Budi" <sip:08123456789@gw>;tag=1',
        'Remote-Party-ID: "Ayu" <sip:0361223333@trunk>;party=calling;screen=yes',
    )
    assert (caller.source, caller.number.e164, caller.display_name) == (RPID, DENPASAR_LINE, "Ayu")


def test_remote_party_id_of_the_called_party_is_ignored():
    caller = caller_of(
        "From: <sip:08123456789@gw>;tag=1",
        "Remote-Party-ID: <sip:0361223333@trunk>;party=called",
    )
    assert (caller.source, caller.number.e164) == (FROM, MOBILE)


@pytest.mark.parametrize("privacy", ["full", "uri"])
def test_remote_party_id_privacy_hides_the_number(privacy):
    caller = caller_of(
        'From: "Budi" <sip:08123456789@gw>;tag=1',
        f"Remote-Party-ID: <sip:0361223333@trunk>;party=calling;privacy={privacy}",
    )
    assert caller.privacy is True
    assert caller.number.withheld is True
    assert caller.display_name is None


def test_remote_party_id_name_privacy_hides_only_the_name():
    caller = caller_of(
        'From: "Budi" <sip:08123456789@gw>;tag=1',
        'Remote-Party-ID: "Ayu" <sip:0361223333@trunk>;privacy=name',
    )
    assert caller.number.e164 == DENPASAR_LINE
    assert (caller.display_name, caller.privacy) == (None, False)


@pytest.mark.parametrize("privacy", ["id", "header", "header;id", "ID; critical", "user, id"])
def test_privacy_header_withholds_an_asserted_number(privacy):
    caller = caller_of(
        'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
        'P-Asserted-Identity: "Budi" <tel:+628123456789>',
        f"Privacy: {privacy}",
    )
    assert caller.privacy is True
    assert caller.number.withheld is True
    assert caller.number.e164 is None
    assert caller.number.raw == ""
    assert caller.display_name is None
    assert caller.source == PAI


@pytest.mark.parametrize("privacy", ["none", "user", "session"])
def test_privacy_values_that_do_not_hide_the_number(privacy):
    caller = caller_of("From: <sip:08123456789@gw>;tag=1", f"Privacy: {privacy}")
    assert (caller.privacy, caller.number.e164) == (False, MOBILE)


def test_many_identities_in_one_header_are_cut_off_but_still_parsed():
    flood = ", ".join(["<sip:gateway@trunk>"] * 600)  # ~12 KB, inside the read limit
    caller = caller_of(f"P-Asserted-Identity: {flood}", "From: <sip:08123456789@gw>;tag=1")
    assert (caller.source, caller.number.e164) == (FROM, MOBILE)


def test_only_the_first_16_kb_are_read():
    padding = "X-Padding: " + "a" * (17 * 1024)
    caller = caller_of(padding, "From: <sip:08123456789@gw>;tag=1")
    assert caller.source is None


# ---------------------------- asserted identity over an anonymous or odd From
#
# RFC 3325: the network asserts the caller in P-Asserted-Identity (or the
# older Remote-Party-ID) whatever the phone put in From. A privacy request
# still hides the number on the plain identity; the asserted number is kept
# in `asserted_number`, and `for_emergency_line()` puts it in `number`.

ASSERTED_MOBILE = "+6281234567890"  # 0812-3456-7890
ASSERTED_LANDLINE = "+62361223344"  # (0361) 223344, Denpasar
ANONYMOUS_FROMS = [
    '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
    "<sip:anonymous@anonymous.invalid>;tag=1",
    '"Anonymous" <sip:restricted@gw.telkom.example>;tag=1',  # a withheld marker
    "<sip:unknown@pbx.local>;tag=1",
    "<tel:anonymous>;tag=1",
]
NON_NUMERIC_FROMS = [
    "<sip:alice@pbx.local>;tag=1",
    '"Desk Trunk" <sip:desk@10.0.0.1:5060>;tag=1',
    "sip:desk@10.0.0.1;tag=1",
    '"Budi Santoso";tag=1',  # a display name only
]
ASSERTED_FORMS = {
    "tel": ("P-Asserted-Identity: <tel:+6281234567890>", ASSERTED_MOBILE),
    "sip national": ("P-Asserted-Identity: <sip:081234567890@carrier.net>", ASSERTED_MOBILE),
    "sip user=phone": ("P-Asserted-Identity: <sip:+6281234567890@ims.telkomsel.example;user=phone>",
                       ASSERTED_MOBILE),
    "sip landline": ('P-Asserted-Identity: "Warung Made" <sip:0361223344@carrier.net;user=phone>',
                     ASSERTED_LANDLINE),
}


def _assert_withheld_but_asserted(caller, e164: str, source: str = PAI) -> None:
    assert caller.privacy is True
    assert caller.number == WITHHELD_NUMBER
    assert caller.display_name is None
    assert caller.source == source
    assert caller.asserted_number is not None
    assert caller.asserted_number.e164 == e164
    emergency = caller.for_emergency_line()
    assert emergency.number.e164 == e164
    assert emergency.number.withheld is False
    assert emergency.privacy is True  # stored and shown, marked private
    assert emergency.display_name is None  # the name stays hidden
    assert (emergency.source, emergency.raw_headers) == (caller.source, caller.raw_headers)
    assert emergency.asserted_number == caller.asserted_number


@pytest.mark.parametrize("from_value", ANONYMOUS_FROMS)
@pytest.mark.parametrize("form", ASSERTED_FORMS, ids=ASSERTED_FORMS)
def test_anonymous_from_is_a_privacy_request_but_the_asserted_number_is_kept(from_value, form):
    pai, e164 = ASSERTED_FORMS[form]
    _assert_withheld_but_asserted(caller_of(f"From: {from_value}", pai), e164)


@pytest.mark.parametrize("from_value", ANONYMOUS_FROMS + NON_NUMERIC_FROMS)
@pytest.mark.parametrize("form", ASSERTED_FORMS, ids=ASSERTED_FORMS)
@pytest.mark.parametrize("privacy", ["id", "header"])
def test_privacy_header_hides_the_asserted_number_only_from_the_plain_identity(
        from_value, form, privacy):
    pai, e164 = ASSERTED_FORMS[form]
    caller = caller_of(f"From: {from_value}", pai, f"Privacy: {privacy}")
    _assert_withheld_but_asserted(caller, e164)


@pytest.mark.parametrize("from_value", NON_NUMERIC_FROMS)
@pytest.mark.parametrize("form", ASSERTED_FORMS, ids=ASSERTED_FORMS)
def test_asserted_number_wins_over_a_non_numeric_from(from_value, form):
    pai, e164 = ASSERTED_FORMS[form]
    caller = caller_of(f"From: {from_value}", pai)
    assert (caller.source, caller.number.e164, caller.privacy) == (PAI, e164, False)
    assert caller.asserted_number == caller.number
    assert caller.for_emergency_line() == caller  # nothing was hidden


def test_asserted_number_wins_over_a_different_numeric_from():
    caller = caller_of('From: "Budi" <sip:0361223333@pbx.local>;tag=1',
                       "P-Asserted-Identity: <tel:+6281234567890>")
    assert (caller.source, caller.number.e164, caller.display_name) == (
        PAI, ASSERTED_MOBILE, "Budi")
    assert caller.asserted_number.e164 == ASSERTED_MOBILE
    assert caller.for_emergency_line() == caller


def test_non_dialable_asserted_identity_leaves_the_from_number_and_asserts_nothing():
    caller = caller_of('From: "Budi" <sip:081234567890@pbx.local>;tag=1',
                       'P-Asserted-Identity: "Gateway" <sip:gateway@carrier.net>')
    assert (caller.source, caller.number.e164, caller.privacy) == (FROM, ASSERTED_MOBILE, False)
    assert caller.asserted_number is None
    assert caller.for_emergency_line() == caller


def test_privacy_over_a_from_number_alone_stays_withheld_on_the_emergency_line():
    # Only the phone's own claim, no network assertion: nothing to reveal.
    for headers in (
        ('From: "Budi" <sip:081234567890@pbx.local>;tag=1', "Privacy: id"),
        ('From: "Budi" <sip:081234567890@pbx.local>;tag=1',
         "P-Asserted-Identity: <sip:gateway@carrier.net>", "Privacy: id"),
        ('From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',),
    ):
        caller = caller_of(*headers)
        assert (caller.number, caller.privacy, caller.asserted_number) == (
            WITHHELD_NUMBER, True, None)
        assert caller.for_emergency_line() == caller


@pytest.mark.parametrize("from_value", [ANONYMOUS_FROMS[0], NON_NUMERIC_FROMS[0],
                                        '"Budi" <sip:081298765432@pbx.local>;tag=1'])
@pytest.mark.parametrize("privacy", ["full", "uri"])
def test_remote_party_id_privacy_keeps_the_asserted_number(from_value, privacy):
    caller = caller_of(
        f"From: {from_value}",
        f'Remote-Party-ID: "Ayu" <sip:0361223344@carrier.net>;party=calling;privacy={privacy}',
    )
    _assert_withheld_but_asserted(caller, ASSERTED_LANDLINE, source=RPID)


def test_remote_party_id_over_an_anonymous_from():
    caller = caller_of('From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
                       "Remote-Party-ID: <tel:+6281234567890>;party=calling;screen=yes")
    _assert_withheld_but_asserted(caller, ASSERTED_MOBILE, source=RPID)


def test_remote_party_id_of_the_called_party_is_not_an_asserted_caller():
    caller = caller_of("From: <sip:anonymous@anonymous.invalid>;tag=1",
                       "Remote-Party-ID: <sip:0361223333@carrier.net>;party=called")
    assert caller.asserted_number is None
    assert caller.for_emergency_line().number == WITHHELD_NUMBER


def test_asserted_number_is_kept_out_of_the_identity_repr():
    caller = caller_of('From: <sip:anonymous@anonymous.invalid>;tag=1',
                       "P-Asserted-Identity: <tel:+6281234567890>", "Privacy: id")
    assert caller.asserted_number.e164 == ASSERTED_MOBILE
    assert "asserted_number" not in repr(caller)


# ----------------------------------------------------- encodings and types

def test_invalid_utf8_bytes_become_replacement_characters():
    message = build_invite('From: "Bud\xffi" <sip:08123456789@gw>;tag=1')
    raw = message.encode("latin-1")
    caller = parse_caller(raw)
    assert caller.display_name == "Bud\ufffdi"
    assert caller.number.e164 == MOBILE


def test_undecodable_bytes_escaped_in_a_str_become_replacement_characters():
    # What a binding that decodes with surrogateescape hands over.
    message = build_invite('From: "Kom\xe9ng" <sip:08123456789@gw>;tag=1').encode("latin-1")
    caller = parse_caller(message.decode("utf-8", "surrogateescape"))
    assert caller.display_name == "Kom\ufffdng"
    assert caller.number.e164 == MOBILE


def test_escaped_valid_utf8_is_recovered():
    message = build_invite('From: "Ni Luh Ayu ✓" <sip:08123456789@gw>;tag=1').encode()
    caller = parse_caller(message.decode("ascii", "surrogateescape"))
    assert caller.display_name == "Ni Luh Ayu ✓"


def test_lone_surrogates_become_replacement_characters():
    caller = parse_caller(build_invite('From: "I\ud800 Made\udfff" <sip:08123456789@gw>;tag=1'))
    assert caller.display_name == "I\ufffd Made\ufffd"


def test_utf8_display_name_survives():
    message = build_invite('From: "Ni Luh Ayu ✓" <sip:08123456789@gw>;tag=1')
    caller = parse_caller(message.encode())
    assert caller.display_name == "Ni Luh Ayu ✓"


@pytest.mark.parametrize("message", [None, 42, "", b"", "\r\n\r\n", "INVITE", bytearray(b"f: x")])
def test_non_messages_give_an_empty_identity(message):
    caller = parse_caller(message)
    assert caller.number.e164 is None
    assert caller.privacy is False


# -------------------------------------------------------- called line, ids

def test_called_number_from_request_uri():
    assert parse_called_number(build_invite()).e164 == DENPASAR_LINE


def test_called_number_falls_back_to_to_behind_a_registrar():
    message = build_invite(request_uri="sip:desk1@10.20.0.5:5062", to="<sip:0361223333@trunk>")
    assert parse_called_number(message).e164 == DENPASAR_LINE


def test_called_short_code_112():
    message = build_invite(request_uri="sip:112@10.20.0.5", to="<sip:112@10.20.0.5>")
    assert parse_called_number(message).short_code == "112"


def test_called_tel_request_uri():
    message = build_invite(request_uri="tel:+62361223333", to="<sip:desk1@10.20.0.5>")
    assert parse_called_number(message).e164 == DENPASAR_LINE


def test_called_number_without_request_line_uses_to():
    message = "t: <sip:0361223333@10.20.0.5>\r\nf: <sip:08123456789@gw>\r\n\r\n"
    assert parse_called_number(message).e164 == DENPASAR_LINE


def test_called_number_when_neither_is_a_number():
    message = build_invite(request_uri="sip:desk1@10.20.0.5", to="<sip:10.20.0.5>")
    called = parse_called_number(message)
    assert called.raw == "desk1"
    assert called.e164 is None
    assert parse_called_number(b"") == NO_NUMBER


def test_call_id():
    assert parse_call_id(build_invite()) == "5f2c1e0a-77b3@10.20.0.7"
    assert parse_call_id(b"OPTIONS sip:x SIP/2.0\r\ni: abc@host\r\n\r\n") == "abc@host"
    assert parse_call_id("INVITE sip:x SIP/2.0\r\nFrom: <sip:a@b>\r\n\r\n") is None
    assert parse_call_id("i:   \r\n") is None


def test_header_values_understands_compact_forms_and_order():
    message = (
        "INVITE sip:0361223333@desk SIP/2.0\r\n"
        "m: <sip:gw@10.20.0.7>\r\n"
        "Contact: <sip:gw2@10.20.0.8>\r\n"
        "t: <sip:0361223333@desk>\r\n"
        "i: abc\r\n"
        "\r\n"
        "m=audio 4000 RTP/AVP 0\r\n"
    )
    assert header_values(message, "Contact") == ["<sip:gw@10.20.0.7>", "<sip:gw2@10.20.0.8>"]
    assert header_values(message, "m") == header_values(message, "Contact")
    assert header_values(message, "To") == ["<sip:0361223333@desk>"]
    assert header_values(message, "call-id") == ["abc"]
    assert header_values(message, "From") == []


def test_header_values_stops_at_the_body_and_skips_leading_keepalives():
    message = "\r\n\r\nINVITE sip:a@b SIP/2.0\r\nSubject: one\r\n\r\nSubject: body\r\n"
    assert header_values(message, "s") == ["one"]


def test_header_values_joins_folded_lines():
    message = "INVITE sip:a@b SIP/2.0\r\nSubject: rumah\r\n  terbakar\r\n\tdi Renon\r\n\r\n"
    assert header_values(message, "Subject") == ["rumah terbakar di Renon"]


# -------------------------------------------------------------- properties

def _assert_clean_display_name(name: str | None) -> None:
    if name is None:
        return
    assert 0 < len(name) <= MAX_DISPLAY_NAME_CHARS
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in name)
    assert name == name.strip()
    assert "  " not in name


def _assert_emergency_view_is_consistent(caller) -> None:
    asserted = caller.asserted_number
    assert asserted is None or (asserted.is_dialable and not asserted.withheld)
    if not caller.privacy and asserted is not None:
        assert caller.number == asserted
    emergency = caller.for_emergency_line()
    assert (emergency.privacy, emergency.display_name, emergency.source) == (
        caller.privacy, caller.display_name, caller.source)
    expected = asserted if caller.privacy and asserted is not None else caller.number
    assert emergency.number == expected


@given(st.one_of(st.binary(max_size=4096), st.text(max_size=4096)))
def test_parse_caller_never_raises_on_anything(message):
    caller = parse_caller(message)
    _assert_clean_display_name(caller.display_name)
    assert all(len(value) <= MAX_HEADER_CHARS for value in caller.raw_headers.values())
    _assert_emergency_view_is_consistent(caller)
    parse_called_number(message)
    parse_call_id(message)


@given(
    name=st.text(max_size=3000),
    user=st.text(max_size=40),
    header=st.sampled_from(["From", "f", "P-Asserted-Identity", "Remote-Party-ID"]),
)
def test_parse_caller_never_raises_on_hostile_identity_headers(name, user, header):
    message = build_invite(f'{header}: "{name}" <sip:{user}@gw>;tag=1')
    caller = parse_caller(message)
    _assert_clean_display_name(caller.display_name)
    _assert_emergency_view_is_consistent(caller)
    caller = parse_caller(message.encode("utf-8", "surrogatepass"))
    _assert_clean_display_name(caller.display_name)
    _assert_emergency_view_is_consistent(caller)


# Surrogates are left out here: they become U+FFFD (see the example tests).
@given(name=st.text(
    alphabet=st.characters(blacklist_characters='"\\\r\n', blacklist_categories=("Cs",)),
    max_size=200,
))
def test_display_name_is_the_quoted_name_cleaned(name):
    caller = caller_of(f'From: "{name}" <sip:08123456789@gw>;tag=1')
    expected = " ".join(
        "".join(ch for ch in word if unicodedata.category(ch) not in ("Cc", "Cf"))
        for word in name.split()
    )
    expected = " ".join(expected.split())[:MAX_DISPLAY_NAME_CHARS].rstrip() or None
    assert caller.display_name == expected


@given(text=st.one_of(st.text(max_size=300),
                      st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126),
                              max_size=300)),
       limit=st.integers(min_value=1, max_value=80))
def test_the_ascii_shortcut_of_clean_agrees_with_the_general_rule(text, limit):
    # _clean takes a shortcut for printable ASCII (nearly every header); the
    # general character-by-character rule must give the same text.
    from dispatch.sip_identity import _clean, _clean_any
    assert _clean(text, limit) == _clean_any(text[:limit * 4], limit)


@given(st.lists(st.sampled_from([
    "From: <sip:081234567890@gw>;tag=1", "f: \"Made\" <sip:0361223344@gw>",
    "P-Asserted-Identity: <tel:+628123456789>", "Privacy: id", "privacy: none",
    "Remote-Party-ID: <sip:0812@gw>;party=calling", "Via: SIP/2.0/UDP gw",
    "  folded continuation", "\tfolded with a tab", "To: <sip:0361223333@desk>",
    "Broken header without colon", "X-Other: value"]), max_size=12))
def test_one_pass_over_the_headers_finds_what_a_pass_per_header_finds(lines):
    message = "INVITE sip:0361223333@desk SIP/2.0\r\n" + "\r\n".join(lines) + "\r\n\r\nv=0\r\n"
    from dispatch.sip_identity import _headers
    wanted = frozenset({"from", "p-asserted-identity", "remote-party-id", "privacy", "to"})
    found = _headers(message, wanted)
    for name in wanted:
        assert found[name] == _one_header_at_a_time(message, name)


def _one_header_at_a_time(message: str, wanted: str) -> list[str]:
    # The per-header scan the desk used before one pass collected them all.
    compact = {"f": "from", "t": "to"}
    values: list[str] = []
    current: list[str] | None = None
    started = False
    for line in message.split("\n"):
        line = line.rstrip("\r")
        if not line:
            if started:
                break
            continue
        started = True
        if line[0] in " \t":
            if current is not None:
                current.append(line.strip())
            continue
        if current is not None:
            values.append(" ".join(part for part in current if part))
        name, colon, value = line.partition(":")
        token = bool(name.strip()) and all(
            ch.isascii() and (ch.isalnum() or ch in "-.!%*_+`'~") for ch in name.strip())
        canonical = compact.get(name.strip().lower(), name.strip().lower())
        current = [value.strip()] if colon and token and canonical == wanted else None
    if current is not None:
        values.append(" ".join(part for part in current if part))
    return values
