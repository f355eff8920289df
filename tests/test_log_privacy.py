"""Callers' numbers and names never reach the log unless asked for:
the scrubber's rules, the formatter on real loggers and tracebacks, a real
SQLAlchemy error, and `safedesk -v -v` end to end."""
from __future__ import annotations

import io
import logging
import os
import string
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from dispatch import log_privacy
from dispatch.log_privacy import ScrubbingFormatter, install, personal_data_logged, scrub

ROOT = Path(__file__).resolve().parent.parent
NUMBER = "081234567890"
E164 = "+6281234567890"
NAME = "Wayan Sudarsana"
MASKED = "+62********890"


@pytest.fixture
def personal_data(monkeypatch):
    """Set the switch for one test; the module goes back to 'not installed'."""
    monkeypatch.delenv(log_privacy.ENV_VAR, raising=False)

    def switch(on: bool) -> None:
        monkeypatch.setattr(log_privacy, "_personal_data", on)
    switch(False)
    return switch


# ------------------------------------------------------------------ the scrubber

@pytest.mark.parametrize(("written", "masked"), [
    ("+6281234567890", MASKED),
    ("6281234567890", MASKED),
    ("081234567890", MASKED),
    ("0812-3456-7890", MASKED),
    ("0812 3456 7890", MASKED),
    ("0812\u00a03456\u00a07890", MASKED),
    ("0812 3456 0789", "+62********789"),    # a group starting with 0 inside a number
    ("+62 812-3456-7890", MASKED),
    ("+62 812 3456 7890", MASKED),
    ("(+62) 812-3456-7890", MASKED),
    ("62 812 3456 7890", MASKED),
    ("%2B6281234567890", MASKED),
    ("(0361) 226178", "+62******178"),
    ("(0361)226178", "+62******178"),
    ("0361-226178", "+62******178"),
    ("0361 226178", "+62******178"),
    ("+62 361 226178", "+62******178"),
    ("81234567890", "********890"),          # no prefix: no country code shown
    ("+442079460958", "+44*******958"),      # foreign: its country code stays
    ("0044 20 7946 0958", "+44*******958"),
    ("tel:+6281234567890", "tel:" + MASKED),
    ("tel:+62-812-3456-7890;phone-context=+62", "tel:" + MASKED + ";phone-context=+62"),
    ("tel:112", "tel:***"),                  # a URI's user is masked whatever it is
    ("sip:081234567890@10.0.0.1", "sip:" + MASKED + "@10.0.0.1"),
    ("<sips:+6281234567890;user=phone@pbx.example:5061>", "<sips:" + MASKED + "@pbx.example:5061>"),
    ("<sip:%2B6281234567890@10.0.0.1>", "<sip:" + MASKED + "@10.0.0.1>"),
    ("sip:wayan.sudarsana@10.0.0.1", "sip:***@10.0.0.1"),
    ("sip:1001:secret@pbx", "sip:****@pbx"),
    ("sip:anonymous@anonymous.invalid", "sip:anonymous@anonymous.invalid"),  # not personal
    ('"Wayan Sudarsana" <sip:wayan@10.0.0.1>;tag=a1', '"***" <sip:***@10.0.0.1>;tag=a1'),
    ('"I \\"Wayan\\"" <tel:+6281234567890>', '"***" <tel:' + MASKED + ">"),
    ("caller_name='Wayan Sudarsana', line=112", "caller_name='***', line=112"),
    ('{"reporter_name": "Wayan Sudarsana", "id": 7}', '{"reporter_name": "***", "id": 7}'),
    ("display_name=Wayan Sudarsana caller=081234567890",
     "display_name=*** caller=" + MASKED),
])
def test_every_form_of_a_number_or_name_is_masked(written, masked):
    assert scrub(f"x {written} y") == f"x {masked} y"


def test_numbers_are_masked_the_way_mask_number_does():
    from dispatch.phone import mask_number
    for written in ("+6281234567890", "081234567890", "0812-3456-789", "0361-226178",
                    "+442079460958", "62361226178"):
        assert scrub(written) == mask_number(written), written


def test_sip_message_identity_headers_are_replaced_whole():
    message = ("Dropped packet:INVITE sip:112@10.0.0.1:5060 SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 10.0.0.9:5060;rport;branch=z9hG4bKPj4a1\r\n"
               'From: "Wayan Sudarsana" <sip:081234567890@10.0.0.9>;tag=a1\r\n'
               "To: <sip:112@10.0.0.1>\r\n"
               "P-Asserted-Identity: <tel:+6281234567890>\r\n"
               "Remote-Party-ID: Wayan <sip:6281234567890@10.0.0.9>;party=calling\r\n"
               "P-Preferred-Identity: <sip:wayan@10.0.0.9>\r\n"
               "Contact: <sip:wayan@10.0.0.9:5060>\r\n"
               "f: Wayan <sip:wayan@x>\r\nt: <sip:112@x>\r\nm: <sip:wayan@x>\r\n"
               "Call-ID: 1-12345@127.0.0.1\r\n"
               "CSeq: 1 INVITE\r\n"
               "Content-Length: 0\r\n")
    scrubbed = scrub("2026-12-06 14:43:33,123 DEBUG pjsip: " + message)
    for header in ("From", "To", "P-Asserted-Identity", "Remote-Party-ID",
                   "P-Preferred-Identity", "Contact", "f", "t", "m"):
        assert f"\r\n{header}: ***\r\n" in scrubbed, header
    for ordinary in ("Via: SIP/2.0/UDP 10.0.0.9:5060;rport;branch=z9hG4bKPj4a1",
                     "Call-ID: 1-12345@127.0.0.1", "CSeq: 1 INVITE", "Content-Length: 0",
                     "2026-12-06 14:43:33,123 DEBUG pjsip: Dropped packet:INVITE sip:***@10.0.0.1"):
        assert ordinary in scrubbed
    for secret in ("Wayan", "wayan", "81234567890", "34567890"):
        assert secret not in scrubbed


def test_sqlalchemy_parameters_and_postgres_details_are_replaced():
    error = ("(sqlite3.IntegrityError) UNIQUE constraint failed: callers.number\n"
             "[SQL: INSERT INTO callers (number, last_name) VALUES (?, ?)]\n"
             "[parameters: ('+6281234567890', 'Wayan Sudarsana')]\n"
             "(Background on this error at: https://sqlalche.me/e/21/gkpj)")
    assert scrub(error) == error.replace("('+6281234567890', 'Wayan Sudarsana')]", "***]")
    assert scrub('DETAIL:  Key (number)=(+6281234567890) already exists.') == \
        "DETAIL:  Key (number)=(***) already exists."
    assert "Wayan" not in scrub("DETAIL:  Failing row contains (7, Wayan Sudarsana, null).")


@pytest.mark.parametrize("ordinary", [
    "127.0.0.1:5060", "[::1]:5060", "10.20.30.40:5060;transport=udp", "[2001:db8::1]:5061",
    "2026-12-06T14:43:33.123456+00:00", "2026-12-06 14:43:33,123", "2026-12-06T14:43:33Z",
    "2026-12-06 2026-12-07", "14:43:33.123456789",
    "1500 ms", "4000 bytes", "took 1500 ms for 4000 bytes", "4000 1500", "1234 5678",
    "call 1234", "calls 1234, 5678, 9012", "1-12345@127.0.0.1", "a84b4c76e66710@10.0.0.1",
    "HD-2026-000123", "tickets HD-2026-000123 and HD-2026-000124", "3.11.4", "pjsip 2.14.1",
    "SQLAlchemy 2.1.9", "550e8400-e29b-41d4-a716-446655440000",
    "12345678-1234-5678-9012-123456789012", "lat -8.67051234 lon 115.21263456",
    "tdta0x7f3a2c00a8a8", "branch=z9hG4bKPj1234567890abcdef", "12345678.5 s",
    "20261206T144333-call12-ab12cd.wav", "sip:10.0.0.1:5060", "<sip:10.0.0.1;lr>",
    "INFO safedesk.serve: call 1234 ringing from +62*******789 on line 112",
    "No module named 'foo'", "name 'x' is not defined", "1234567890123456789",
    "short codes 110 112 113 115 118 119 14045",
])
def test_ordinary_log_content_is_untouched(ordinary):
    assert scrub(ordinary) == ordinary
    assert scrub(f"2026-12-06 14:43:33,123 INFO x: {ordinary} 1500 ms") == \
        f"2026-12-06 14:43:33,123 INFO x: {ordinary} 1500 ms"


@pytest.mark.parametrize(("line", "expected"), [
    ("2026-12-06 081234567890", "2026-12-06 " + MASKED),        # a date does not hide one
    ("2026-12-06T14:43:33+00:00 081234567890", "2026-12-06T14:43:33+00:00 " + MASKED),
    ("10.0.0.1:5060 081234567890", "10.0.0.1:5060 " + MASKED),
    ("HD-2026-000123 081234567890", "HD-2026-000123 " + MASKED),
    ("call 1234 0812 3456 7890 took 1500 ms", "call 1234 " + MASKED + " took 1500 ms"),
    ("0361 226178 0361 228845", "+62******178 +62******845"),
    ("+6281234567890,081298765432", MASKED + ",+62********432"),
    ("caller=081234567890;", "caller=" + MASKED + ";"),
    ("1234567", "1234567"),                      # 7 digits: too short for a number
    ("12345678", "*****678"),                    # 8: masked
    ("0812-3456-7890abc", "0812-3456-7890abc"),  # runs on into a word: an identifier
    ("x-2026-000123", "x-*******123"),           # not a ticket number
])
def test_edge_cases_both_ways(line, expected):
    assert scrub(line) == expected


def test_hostile_text_is_scrubbed_in_linear_time():
    import time
    for hostile in ("1-" * 8000 + "a", "sip:" * 4000, '"' * 16000, "name=" * 3000,
                    "1 " * 8000, "550e8400-" * 2000, "(0" * 8000, "+" * 16000):
        started = time.perf_counter()
        scrub(hostile)
        assert time.perf_counter() - started < 0.5, hostile[:20]


# ------------------------------------------------------------------ properties

_SEPARATORS = st.sampled_from(["-", " ", "\u00a0"])
_FILLER = st.text(alphabet=string.ascii_letters + " ,.;:!?()[]<>'\"=/\n\t", max_size=40)
_ORDINARY = st.sampled_from(["", "1500 ms ", "call 1234 ", "127.0.0.1:5060 ",
                             "2026-12-06T14:43:33.123456+00:00 ", "HD-2026-000123 ",
                             "1-12345@127.0.0.1 ", "4000 bytes "])
_LEFT = st.sampled_from([" ", "\n", "=", ":", "(", "<", "'", '"', ", ", "\t", " caller "])
_RIGHT = st.sampled_from([" ", "\n", ")", ">", "'", ",", ".", ";", '"', "\r\n", " on line 112"])


@st.composite
def mobile_numbers(draw) -> str:
    """An Indonesian mobile national significant number: 8xx and 9 to 12 digits."""
    return "8" + draw(st.text(alphabet="0123456789", min_size=8, max_size=11))


def _grouped(digits: str, sizes: list[int], separator: str) -> str:
    groups, at = [], 0
    for size in sizes:
        if at < len(digits):
            groups.append(digits[at:at + size])
            at += size
    if at < len(digits):
        groups.append(digits[at:])
    return separator.join(groups)


@st.composite
def written_numbers(draw) -> tuple[str, str]:
    nsn = draw(mobile_numbers())
    sep = draw(_SEPARATORS)
    form = draw(st.sampled_from([
        "0{n}", "62{n}", "+62{n}", "{n}", "%2B62{n}", "0{g}", "{g0}", "62{sep}{g}",
        "+62 {g}", "+62{sep}{g}", "(+62) {g}", "tel:+62{n}", "tel:0{gd}", "sip:0{n}@10.0.0.1",
        "<sip:+62{n}@pbx:5060>", '"Wayan" <sips:62{n}@10.0.0.1>',
    ]))
    written = form.format(n=nsn, sep=sep, g=_grouped(nsn, [3, 4, 4], sep),
                          gd=_grouped(nsn, [3, 4, 4], "-"),
                          g0=_grouped("0" + nsn, [4, 4, 4], sep))
    return nsn, written.rstrip(sep)


@settings(max_examples=400, deadline=None)
@given(written_numbers(), _FILLER, _ORDINARY, _LEFT, _RIGHT, _FILLER)
def test_no_indonesian_mobile_number_survives_in_any_form(number, before, ordinary, left, right,
                                                         after):
    nsn, written = number
    line = before + left + ordinary + written + right + after
    scrubbed = scrub(line)
    assert nsn[-8:] not in scrubbed, (line, scrubbed)
    assert "+62" + nsn not in scrubbed
    assert nsn[-8:] not in scrubbed.replace("-", "").replace(" ", "").replace("\u00a0", "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "127.0.0.1:5060", "[::1]:5060", "2026-12-06T14:43:33.123456+00:00",
    "2026-12-06 14:43:33,123", "1500 ms", "4000 bytes", "call 1234", "1-12345@127.0.0.1",
    "HD-2026-000123", "3.11.4", "pjsip 2.14.1", "CSeq: 102 INVITE", "line 112",
    "expires=3600", "rport=5060", "+62*******789"]), max_size=12),
    st.sampled_from([" ", ", ", "; ", " | ", "\n"]))
def test_ordinary_content_in_any_order_is_untouched(pieces, joiner):
    line = joiner.join(pieces)
    assert scrub(line) == line


@given(st.text(max_size=300))
def test_scrub_never_raises(any_text):
    assert isinstance(scrub(any_text), str)


# ------------------------------------------------------------------ loggers

def _logger(name: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ScrubbingFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")))
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def _log_a_caller(logger: logging.Logger) -> None:
    logger.error("call from %s failed, caller_name=%r", f'"{NAME}" <sip:{NUMBER}@10.0.0.1>', NAME)
    logger.debug("intake of %s took %d ms", E164, 1500)
    try:
        try:
            raise KeyError(f"no caller {E164}")
        except KeyError as cause:
            raise RuntimeError(f"could not log the call of {NUMBER}") from cause
    except RuntimeError:
        logger.exception("softphone: intake of call 1234 failed")
    logger.warning("stack of %s", "0812-3456-7890", stack_info=True)


def test_logged_lines_tracebacks_and_stacks_hide_numbers_and_names(personal_data):
    logger, stream = _logger("test.log_privacy.off")
    _log_a_caller(logger)
    output = stream.getvalue()
    for secret in (NUMBER, E164, "81234567890", "34567890", NAME):
        assert secret not in output
    assert 'call from "***" <sip:' + MASKED + "@10.0.0.1> failed, caller_name='***'" in output
    assert "intake of " + MASKED + " took 1500 ms" in output
    assert "softphone: intake of call 1234 failed" in output
    assert "Traceback (most recent call last)" in output
    assert "KeyError: 'no caller " + MASKED + "'" in output
    assert "The above exception was the direct cause" in output
    assert "RuntimeError: could not log the call of " + MASKED in output
    assert "Stack (most recent call last)" in output


def test_with_personal_data_on_everything_is_logged_as_it_was(personal_data):
    personal_data(True)
    logger, stream = _logger("test.log_privacy.on")
    _log_a_caller(logger)
    output = stream.getvalue()
    assert f'"{NAME}" <sip:{NUMBER}@10.0.0.1>' in output
    assert f"KeyError: 'no caller {E164}'" in output
    assert f"RuntimeError: could not log the call of {NUMBER}" in output
    assert "0812-3456-7890" in output


def test_a_record_that_fails_to_format_does_not_leak_its_arguments(personal_data, capsys):
    logger, stream = _logger("test.log_privacy.broken")
    logger.error("caller %d", NUMBER)  # %d given a string
    output = stream.getvalue() + capsys.readouterr().err
    assert NUMBER not in output
    assert "unformattable log record from test.log_privacy.broken" in output
    assert MASKED in output


def test_install_wraps_every_root_handler_once_and_sets_the_switch(monkeypatch):
    monkeypatch.setattr(log_privacy, "_personal_data", None)
    root = logging.getLogger()
    stream = io.StringIO()
    plain = logging.StreamHandler(stream)
    plain.setFormatter(logging.Formatter("%(levelname)s|%(message)s"))
    bare = logging.StreamHandler(io.StringIO())
    monkeypatch.setattr(root, "handlers", [plain, bare])
    monkeypatch.setenv(log_privacy.ENV_VAR, "1")
    assert personal_data_logged()  # not installed: the environment decides
    install(False)
    install(False)
    assert not personal_data_logged()
    assert isinstance(plain.formatter, ScrubbingFormatter)
    assert not isinstance(plain.formatter.inner, ScrubbingFormatter)
    assert isinstance(bare.formatter, ScrubbingFormatter)
    root.error("caller %s", NUMBER)
    assert stream.getvalue() == f"ERROR|caller {MASKED}\n"  # the handler's own format kept
    install(True)
    root.error("caller %s", NUMBER)
    assert stream.getvalue().endswith(f"ERROR|caller {NUMBER}\n")


# ------------------------------------------------------------------ SQLAlchemy

def _duplicate_caller(database) -> IntegrityError:
    from dispatch.models import Caller
    now = datetime.now(timezone.utc)
    with database.session() as session:
        session.add(Caller(number=E164, last_name=NAME, first_seen_at=now))
    with pytest.raises(IntegrityError) as raised:
        with database.session() as session:
            session.add(Caller(number=E164, last_name=NAME, first_seen_at=now))
    return raised.value


@pytest.mark.parametrize("personal", [False, True])
def test_a_real_integrity_error_logged_with_its_traceback(db_url, personal_data, personal):
    """A SQLite file, and PostgreSQL, whose message repeats the value itself
    (``DETAIL:  Key (number)=(+62...) already exists.``)."""
    from dispatch.storage import Database
    personal_data(personal)
    database = Database(db_url)  # after the switch: hide_parameters follows it
    database.migrate()
    try:
        error = _duplicate_caller(database)
    finally:
        database.dispose()
    logger, stream = _logger(f"test.log_privacy.sql.{personal}")
    try:
        raise error
    except IntegrityError:
        logger.exception("could not record the caller")
    output = stream.getvalue()
    assert "ERROR test.log_privacy.sql" in output and "could not record the caller" in output
    assert "IntegrityError" in output and "INSERT INTO callers" in output
    if db_url.startswith("sqlite"):
        assert "UNIQUE constraint failed: callers.number" in output
    else:
        assert "duplicate key value violates unique constraint" in output
        assert "Key (number)=(" in output
    if personal:
        assert E164 in output and NAME in output
        assert NAME in str(error)  # hide_parameters is off too
    else:
        assert E164 not in output and NAME not in output and "81234567890" not in output
        assert "[SQL parameters hidden due to hide_parameters=True]" in output
        assert NAME not in str(error)  # hidden at the source: SQLAlchemy's hide_parameters


def test_parameters_of_an_engine_that_shows_them_are_still_scrubbed(tmp_path, personal_data):
    engine = create_engine(f"sqlite:///{tmp_path / 'raw.sqlite3'}")  # hide_parameters off
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE callers (number TEXT UNIQUE, name TEXT)"))
        connection.execute(text("INSERT INTO callers VALUES (:n, :name)"),
                           {"n": E164, "name": NAME})
    logger, stream = _logger("test.log_privacy.raw")
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO callers VALUES (:n, :name)"),
                               {"n": E164, "name": NAME})
    except IntegrityError as error:
        assert E164 in str(error)
        logger.exception("insert failed")
    engine.dispose()
    output = stream.getvalue()
    assert "[parameters: ***]" in output and "UNIQUE constraint failed" in output
    assert E164 not in output and NAME not in output


# ------------------------------------------------------------------ safedesk -v -v

# No built-in command logs a caller's number, so the test adds one the way
# adapters add theirs: an entry point in the `safedesk.commands` group. It
# logs the number at DEBUG, logs a real IntegrityError of the desk's database
# with its traceback, and lets pjsip-style SIP text through the "pjsip" logger.
_PLUGIN = '''
import logging
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError

from dispatch.cli.context import open_db
from dispatch.models import Caller
from dispatch.permissions import SYSTEM

log = logging.getLogger("safedesk.logtest")


def add_commands(subparsers):
    parser = subparsers.add_parser("logtest")
    parser.add_argument("number")
    parser.set_defaults(handler=run)


def run(args):
    log.debug("looking up caller %s", args.number)
    logging.getLogger("pjsip").info(
        'RX INVITE\\r\\nFrom: "Wayan Sudarsana" <sip:%s@10.0.0.9>;tag=1\\r\\nCall-ID: 1-2@h',
        args.number)
    database = open_db(args, acting=SYSTEM)  # the engine's kind of write: no operator
    try:
        for _ in range(2):
            try:
                with database.session() as session:
                    session.add(Caller(number=args.number, last_name="Wayan Sudarsana",
                                       first_seen_at=datetime.now(timezone.utc)))
            except IntegrityError:
                log.exception("could not record caller %s", args.number)
    finally:
        database.dispose()
    return 0
'''


@pytest.fixture
def logtest_plugin(tmp_path):
    site = tmp_path / "plugin"
    (site / "safedesk_logtest-0.dist-info").mkdir(parents=True)
    (site / "safedesk_logtest-0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: safedesk-logtest\nVersion: 0\n")
    (site / "safedesk_logtest-0.dist-info" / "entry_points.txt").write_text(
        "[safedesk.commands]\nlogtest = safedesk_logtest:add_commands\n")
    (site / "safedesk_logtest.py").write_text(textwrap.dedent(_PLUGIN))
    return site


def _safedesk(plugin: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(plugin), str(ROOT), environment.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    result = subprocess.run([sys.executable, "-m", "dispatch.cli.main", *args],
                            capture_output=True, text=True, timeout=120, env=environment,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


def test_safedesk_debug_log_hides_numbers_by_default(logtest_plugin):
    stderr = _safedesk(logtest_plugin, "-v", "-v", "logtest", E164).stderr
    assert "DEBUG safedesk.logtest: looking up caller " + MASKED in stderr
    assert "INFO pjsip: RX INVITE" in stderr and "From: ***" in stderr
    assert "ERROR safedesk.logtest: could not record caller " + MASKED in stderr
    assert "UNIQUE constraint failed: callers.number" in stderr
    assert "Traceback (most recent call last)" in stderr
    for secret in (E164, "81234567890", "34567890", "Wayan"):
        assert secret not in stderr


@pytest.mark.parametrize("switch", [["--log-personal-data"], []])
def test_safedesk_logs_personal_data_when_asked(logtest_plugin, switch):
    env = {} if switch else {log_privacy.ENV_VAR: "1"}
    stderr = _safedesk(logtest_plugin, *switch, "-v", "-v", "logtest", E164, env=env).stderr
    assert "callers' numbers and names are logged in clear" in stderr
    assert "DEBUG safedesk.logtest: looking up caller " + E164 in stderr
    assert '"Wayan Sudarsana" <sip:' + E164 in stderr
    assert "[parameters: ('" + E164 in stderr


def test_log_personal_data_is_a_global_flag_off_by_default():
    from dispatch.cli.main import build_parser
    args = build_parser().parse_args(["calls", "list"])
    assert args.log_personal_data is False
    assert build_parser().parse_args(["--log-personal-data", "calls", "list"]).log_personal_data


def test_the_centres_own_lines_stay_readable_once_declared_public():
    """0361-223333 and 0361-244444 are the call centre's public lines: a log
    line may name them in any form; a caller's number next to them is still
    masked."""
    saved = set(log_privacy._PUBLIC_NUMBERS)
    try:
        log_privacy.declare_public_numbers(["+62361223333", "+62361244444"])
        line = ("call 7 ringing line=+62361223333 to sip:0361244444@10.0.0.5 "
                "(0361) 223333 caller=+6281234567890")
        assert log_privacy.scrub(line) == ("call 7 ringing line=+62361223333 to "
                                           "sip:0361244444@10.0.0.5 (0361) 223333 "
                                           "caller=+62********890")
    finally:
        log_privacy._PUBLIC_NUMBERS.clear()
        log_privacy._PUBLIC_NUMBERS.update(saved)
