"""Privacy wherever a bulletin goes on air or out of the desk: the title, the
reading texts, the RadioText sent to the encoder, the newspaper's txt and
PDF and the audit trail carry no phone number, no reporter's name and no
name the supervisor lists as private (`safedesk privacy names`)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
import serial
from sqlalchemy import func, select, update
from test_ui_radiotext import key_on_air, on_air_desk, read_until_cr
from ui_fixtures import WAIT_MS

from dispatch.bulletin_privacy import (
    HIDDEN_NAME,
    HIDDEN_NUMBER,
    add_private_name,
    list_private_names,
    remove_private_name,
)
from dispatch.bulletins import (
    add_item,
    bulletin_to_dict,
    create_bulletin,
    get_bulletin,
    radiotext_source,
    set_reading_text,
)
from dispatch.complaints import create_complaint
from dispatch.errors import InvalidInput, NotFound
from dispatch.export import bulletin_as_pdf, bulletin_as_text
from dispatch.models import AuditEntry, BulletinItem, PrivateName
from dispatch.settings import Settings
from dispatch.storage import open_database
from radio.settings import send_radiotext
from ui.testing import close_desk

pytest_plugins = ["conftest_radio"]
SAFEDESK = str(Path(sys.executable).parent / "safedesk")
TITLE = "Hubungi Wayan 081234567890"
REPORTER = ("I Wayan Sudarma", "081234567890")
OTHER_REPORTER = ("Ni Made Ayu Lestari", "+62 361 244555")
LISTED = "Luh Sekarwati"  # a neighbour the supervisor lists as private
# Every word of every name that must not show (the Balinese "I"/"Ni" are too
# short to hunt for, as in a reporter's own name).
PRIVATE_WORDS = ("Wayan", "Sudarma", "Made", "Ayu", "Lestari", "Luh", "Sekarwati")
PRIVATE_DIGITS = ("81234567890", "361244555")


def assert_nothing_private(text: str, *, words=PRIVATE_WORDS) -> None:
    for word in words:
        assert not re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), (word, text)
    digits = re.sub(r"\D", "", text)
    for number in PRIVATE_DIGITS:
        assert number not in digits, (number, text)


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + metadata


def audit_json(database) -> str:
    with database.reading() as session:
        return json.dumps([{"actor": e.actor, "action": e.action, "entity": e.entity,
                            "entity_id": e.entity_id, "before": e.before, "after": e.after}
                           for e in session.scalars(select(AuditEntry))], ensure_ascii=False)


def open_tickets(database) -> list[str]:
    with database.session() as session:
        light = create_complaint(
            session, category_code="lampu_jalan", actor="op", lat=-8.635, lon=115.229,
            address="Jalan Gatot Subroto Timur", reporter_name=REPORTER[0],
            reporter_phone=REPORTER[1],
            description="Lampu jalan mati. Hubungi saya, Wayan, di 0812 3456 7890. "
                        "Bu Luh Sekarwati juga melihatnya")
        drain = create_complaint(
            session, category_code="drainase_tersumbat", actor="op",
            address="Jalan Teuku Umar", reporter_name=OTHER_REPORTER[0],
            reporter_phone=OTHER_REPORTER[1], description="Got tersumbat, kata Bu Lestari")
        return [light.ticket, drain.ticket]


def list_name(database, name: str) -> None:
    with database.session() as session:
        add_private_name(session, name=name, actor="supervisor")


@pytest.mark.postgres
def test_the_title_and_texts_stay_private_in_every_output(seeded, tmp_path):
    list_name(seeded, LISTED)
    tickets = open_tickets(seeded)
    with seeded.session() as session:
        bulletin_id = create_bulletin(session, title=TITLE, tickets=tickets, actor="radio").id
    with seeded.reading() as session:
        bulletin = get_bulletin(session, bulletin_id)
        stored_title = bulletin.title
        reading_texts = [item.reading_text for item in bulletin.items]
        shown = json.dumps(bulletin_to_dict(bulletin), ensure_ascii=False)
        radiotext = radiotext_source(session, bulletin_id)
        text_export = bulletin_as_text(session, bulletin_id)
        pdf = bulletin_as_pdf(session, bulletin_id, tmp_path / "buletin.pdf")

    # Stored hidden, so the audit entry of its making never held the number.
    assert stored_title == f"Hubungi {HIDDEN_NAME} {HIDDEN_NUMBER}"
    assert radiotext == stored_title
    assert "Lampu jalan mati" in reading_texts[0] and HIDDEN_NAME in reading_texts[0]
    assert text_export.splitlines()[0] == stored_title
    for ticket in tickets:
        assert ticket in text_export and ticket in pdf_text(pdf)
    assert stored_title in re.sub(r"\s+", " ", pdf_text(pdf))
    for output in (stored_title, *reading_texts, shown, radiotext, text_export, pdf_text(pdf),
                   pdf.read_bytes().decode("latin-1"), audit_json(seeded)):
        assert_nothing_private(output)
    assert LISTED not in audit_json(seeded)  # not even the listing's own entry names it


@pytest.mark.postgres
def test_a_title_loses_every_reporter_of_the_bulletin_and_every_listed_name(seeded):
    list_name(seeded, LISTED)
    tickets = open_tickets(seeded)
    with seeded.session() as session:
        # Made empty, as the window does, and filled afterwards: each added
        # ticket's reporter goes from the title as the ticket comes in.
        bulletin_id = create_bulletin(session, title="Terima kasih Sekarwati, Lestari, Sudarma",
                                      tickets=[], actor="radio").id
    with seeded.reading() as session:
        assert get_bulletin(session, bulletin_id).title == \
            f"Terima kasih {HIDDEN_NAME}, Lestari, Sudarma"
    for ticket in tickets:
        with seeded.session() as session:
            add_item(session, bulletin_id=bulletin_id, ticket=ticket, actor="radio")
    with seeded.reading() as session:
        assert get_bulletin(session, bulletin_id).title == f"Terima kasih {HIDDEN_NAME}"
        assert radiotext_source(session, bulletin_id) == f"Terima kasih {HIDDEN_NAME}"


@pytest.mark.postgres
def test_reading_texts_hide_the_reporter_and_the_listed_names(seeded, tmp_path):
    list_name(seeded, LISTED)
    tickets = open_tickets(seeded)
    with seeded.session() as session:
        bulletin_id = create_bulletin(session, title="Halo Denpasar pagi", tickets=tickets,
                                      actor="radio").id
    with seeded.reading() as session:
        draft = get_bulletin(session, bulletin_id).items[0].reading_text
    assert draft == ("Warga melaporkan lampu penerangan jalan (PJU) mati di Jalan Gatot Subroto "
                     f"Timur. Keterangan pelapor: Lampu jalan mati. Hubungi saya, {HIDDEN_NAME}, "
                     f"di {HIDDEN_NUMBER}. Bu {HIDDEN_NAME} juga melihatnya. Laporan telah "
                     "diterima dan akan diteruskan ke Dinas Perhubungan Kota Denpasar.")
    # An edit that puts the listed name back is refused, in any case, as the
    # reporter's own name is; the text stays the draft.
    for leak in ("Terima kasih Bu Sekarwati.", "Menurut LUH SEKARWATI lampu mati.",
                 "Pak Sudarma melapor.", "Hubungi 0812 3456 7890."):
        with pytest.raises(InvalidInput, match="may go on air") as refusal:
            with seeded.session() as session:
                set_reading_text(session, bulletin_id=bulletin_id, ticket=tickets[0],
                                 text=leak, actor="radio")
        assert refusal.value.code == "bulletin.private_text"
    with seeded.reading() as session:
        assert get_bulletin(session, bulletin_id).items[0].reading_text == draft

    # A name listed after the text was written: the stored text still has it,
    # and no output does; re-saving it unchanged is refused.
    edited = "Menurut Pak Ketut Arsana, lampu di Gatot Subroto mati tiga hari."
    with seeded.session() as session:
        set_reading_text(session, bulletin_id=bulletin_id, ticket=tickets[0], text=edited,
                         actor="radio")
    with seeded.session() as session:  # written past every check, as a bad import might
        session.execute(update(BulletinItem).where(BulletinItem.bulletin_id == bulletin_id,
                                                   BulletinItem.position == 2)
                        .values(reading_text="Terima kasih Ibu Lestari, 0361 244555."))
    list_name(seeded, "Ketut Arsana")
    with pytest.raises(InvalidInput, match="may go on air"):
        with seeded.session() as session:
            set_reading_text(session, bulletin_id=bulletin_id, ticket=tickets[0], text=edited,
                             actor="radio")
    with seeded.reading() as session:
        shown = bulletin_to_dict(get_bulletin(session, bulletin_id))
        text_export = bulletin_as_text(session, bulletin_id)
        pdf = pdf_text(bulletin_as_pdf(session, bulletin_id, tmp_path / "b.pdf"))
    assert shown["items"][0]["reading_text"] == (
        f"Menurut Pak {HIDDEN_NAME}, lampu di Gatot Subroto mati tiga hari.")
    assert shown["items"][1]["reading_text"] == f"Terima kasih Ibu {HIDDEN_NAME}, {HIDDEN_NUMBER}."
    for output in (json.dumps(shown, ensure_ascii=False), text_export, pdf):
        assert_nothing_private(output, words=(*PRIVATE_WORDS, "Ketut", "Arsana"))


@pytest.mark.serial
def test_the_radiotext_sent_to_the_encoder_is_the_scrubbed_title(seeded, socat_pair, simulators):
    encoder = simulators("rds", attach=socat_pair.b)
    list_name(seeded, LISTED)
    tickets = open_tickets(seeded)
    with seeded.session() as session:
        bulletin_id = create_bulletin(session, title=TITLE, tickets=tickets, actor="radio").id
    # Listed after the bulletin was made: the title stored before still has
    # it, the RadioText does not.
    with seeded.session() as session:
        bulletin = get_bulletin(session, bulletin_id)
        bulletin.title = "Kabar dari Pak Ketut Arsana"  # as a bulletin older than this rule
    list_name(seeded, "Ketut Arsana")
    with seeded.reading() as session:
        source = radiotext_source(session, bulletin_id)
    settings = Settings.in_memory({"radio.rds_port": socat_pair.a})
    assert send_radiotext(settings, source) == f"Kabar dari Pak {HIDDEN_NAME}"
    assert encoder.wait_for(lambda sim: sim.device.radiotext, 3.0)
    assert encoder.device.radiotext == "Kabar dari Pak (nama dirahasiakan)"
    received = json.dumps(encoder.events)
    assert_nothing_private(received, words=(*PRIVATE_WORDS, "Ketut", "Arsana"))
    # The encoder's own rule, for a title that never passed the domain: no number.
    assert send_radiotext(settings, "Hubungi 0812-3456-7890 sekarang") == \
        f"Hubungi {HIDDEN_NUMBER} sekarang"
    assert encoder.wait_for(lambda sim: "sekarang" in sim.device.radiotext, 3.0)
    assert_nothing_private(json.dumps(encoder.events), words=("Ketut", "Arsana"))


@pytest.mark.gui
@pytest.mark.serial
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the window is the same on both
def test_the_window_reads_and_sends_only_what_may_go_on_air(qtbot, seeded, simulators,
                                                             socat_pair):
    relay = simulators("kmtronic", tcp=("127.0.0.1", 0))
    tickets = open_tickets(seeded)
    with seeded.session() as session:
        bulletin_id = create_bulletin(session, title="Kabar untuk Pak Ketut Arsana",
                                      tickets=tickets[:1], actor="radio").id
        set_reading_text(session, bulletin_id=bulletin_id, ticket=tickets[0],
                         text="Lampu jalan mati, kata Pak Ketut Arsana.", actor="radio")
    # Listed after the bulletin was written: what the studio shows and the
    # RadioText it sends come from the domain's scrubbed texts, not the rows.
    list_name(seeded, "Ketut Arsana")
    encoder_side = serial.serial_for_url(socat_pair.b, timeout=0.2)
    desk = on_air_desk(qtbot, seeded, relay, socat_pair.a)
    try:
        key_on_air(qtbot, desk, bulletin_id)
        assert read_until_cr(encoder_side, WAIT_MS / 1000) == \
            b"RT1=Kabar untuk Pak (nama dirahasiakan)\r"
        reading = desk.halo.reading
        assert reading.text() == f"1. {tickets[0]} · Lampu penerangan jalan (PJU) mati\n" \
            f"Lampu jalan mati, kata Pak {HIDDEN_NAME}."
        assert_nothing_private(reading.title_label.text() + reading.text(),
                               words=("Ketut", "Arsana"))
        reading.go_off_air()
        qtbot.waitUntil(lambda: not desk.halo.on_air.on_air, timeout=WAIT_MS)
    finally:
        encoder_side.close()
        close_desk(desk)


@pytest.mark.postgres
def test_the_list_of_private_names_in_the_domain(seeded):
    with seeded.session() as session:
        add_private_name(session, name="  Luh   Sekarwati ", actor="supervisor")
    for name, error, code in (("luh sekarwati", InvalidInput, "privacy.name_already_listed"),
                              ("  ", InvalidInput, "privacy.name_too_short"),
                              ("Ab", InvalidInput, "privacy.name_too_short"),
                              ("x" * 129, InvalidInput, "text.too_long")):
        with pytest.raises(error) as refusal:
            with seeded.session() as session:
                add_private_name(session, name=name, actor="supervisor")
        assert refusal.value.code == code
        assert "Sekarwati" not in str(refusal.value)  # refusals reach the log
    with pytest.raises(NotFound):
        with seeded.session() as session:
            remove_private_name(session, name="Ketut Arsana", actor="supervisor")
    with seeded.reading() as session:
        assert [row.name for row in list_private_names(session)] == ["Luh Sekarwati"]
    with seeded.session() as session:
        remove_private_name(session, name="LUH SEKARWATI", actor="supervisor")
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(PrivateName)) == 0
        actions = list(session.scalars(select(AuditEntry.action)
                                       .where(AuditEntry.entity == "private_name")))
    assert actions == ["privacy.name_added", "privacy.name_removed"]


# ------------------------------------------------------------ the command line

def run(db_url, *args, expect=0):
    # Signed in as the tests' supervisor, through the environment (conftest).
    result = subprocess.run([SAFEDESK, "--db", db_url, *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == expect, (args, result.stdout, result.stderr)
    return result


def private_name_audit(db_url) -> list[str]:
    """The audit entries about the list (each command's sign-in has its own)."""
    database = open_database(db_url)
    try:
        with database.reading() as session:
            return list(session.scalars(select(AuditEntry.action).where(
                AuditEntry.entity == "private_name").order_by(AuditEntry.id)))
    finally:
        database.dispose()


def listed(db_url) -> list[str]:
    return [row["name"] for row in json.loads(run(db_url, "privacy", "names", "list",
                                                  "--json").stdout)]


@pytest.mark.postgres
def test_the_privacy_command_lists_and_unlists_names(db_url):
    run(db_url, "init")
    added = run(db_url, "-vv", "privacy", "names", "add", "Luh", "Sekarwati")
    assert "Sekarwati" not in added.stdout + added.stderr  # said to no log, not even echoed
    assert added.stdout.strip() == "listed as private; 1 name on the list"
    run(db_url, "privacy", "names", "add", "Ketut Arsana")
    assert run(db_url, "privacy", "names", "list").stdout.splitlines() == \
        ["Ketut Arsana", "Luh Sekarwati"]
    rows = json.loads(run(db_url, "privacy", "names", "list", "--json").stdout)
    assert [(row["name"], row["added_by"]) for row in rows] == \
        [("Ketut Arsana", "supervisor"), ("Luh Sekarwati", "supervisor")]
    assert run(db_url, "privacy", "names", "remove", "ketut arsana").stdout.strip() == \
        "taken off the list; 1 name on the list"
    assert listed(db_url) == ["Luh Sekarwati"]


@pytest.mark.postgres
def test_bad_privacy_input_exits_2_with_one_line_and_writes_nothing(db_url):
    run(db_url, "init")
    run(db_url, "privacy", "names", "add", "Luh Sekarwati")
    for args in (("add", "LUH  SEKARWATI"), ("add", "  "), ("add", "Ab"), ("add", "x" * 129),
                 ("remove", "Ketut Arsana"), ("add",), ("frobnicate",)):
        result = run(db_url, "privacy", "names", *args, expect=2)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("safedesk: error: "), (args, result.stderr)
        assert result.stdout == "" and "sekarwati" not in result.stderr.lower()
    assert listed(db_url) == ["Luh Sekarwati"]
    assert private_name_audit(db_url) == ["privacy.name_added"]


@pytest.mark.postgres
def test_bulletin_create_says_in_one_line_that_the_title_hid_something(db_url):
    run(db_url, "init")
    ticket = json.loads(run(
        db_url, "complaints", "create", "--category", "lampu_jalan", "--lat", "-8.635",
        "--lon", "115.229", "--description", "Lampu mati", "--reporter-name", REPORTER[0],
        "--reporter-phone", REPORTER[1], "--json").stdout)["ticket"]
    made = run(db_url, "bulletin", "create", "--title", TITLE, ticket, "--json")
    assert json.loads(made.stdout)["title"] == f"Hubungi {HIDDEN_NAME} {HIDDEN_NUMBER}"
    assert len(made.stderr.strip().splitlines()) == 1 and "hidden" in made.stderr
    assert_nothing_private(made.stdout + made.stderr)
    plain = run(db_url, "bulletin", "create", "--title", "Halo Denpasar pagi", ticket)
    assert plain.stderr == ""
