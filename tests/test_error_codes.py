"""Every refusal the desk makes carries a code the window can translate.

An English message alone would reach the Indonesian window as it is: each
DeskError made in dispatch/, radio/ and telephony/ must pass `code=` as a literal
string (dotted, lower case, by entity), and a refusal crossing the engine
link must keep its code and params.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dispatch.call_rules import CallTaken
from dispatch.enums import CallStatus, UnitStatus
from dispatch.errors import DeskError, IllegalTransition, InvalidInput, NotFound
from telephony.link.wire import error_from_plain, error_to_plain, pack_json, unpack_json

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("dispatch", "radio", "telephony")
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


def _files() -> list[Path]:
    return sorted(path for folder in SCANNED for path in (ROOT / folder).rglob("*.py")
                  if "migrations" not in path.parts)


def _base_names(node: ast.ClassDef) -> list[str]:
    return [base.id if isinstance(base, ast.Name) else base.attr
            for base in node.bases if isinstance(base, (ast.Name, ast.Attribute))]


def _literal_code(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            value = keyword.value
            return value.value if isinstance(value, ast.Constant) and isinstance(
                value.value, str) else ""
    return None


def _error_classes(trees: dict[Path, ast.Module]) -> tuple[set[str], dict[str, set[str]]]:
    """(the DeskError classes defined in the scanned code, and for those of
    them whose own __init__ passes a literal code to DeskError, so a call of
    the class needs none: that code)."""
    classes = {"DeskError"}
    coded: dict[str, set[str]] = {}
    definitions = [node for tree in trees.values() for node in ast.walk(tree)
                   if isinstance(node, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for node in definitions:
            if node.name not in classes and set(_base_names(node)) & classes:
                classes.add(node.name)
                grew = True
    for node in definitions:
        if node.name not in classes:
            continue
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                codes = {_literal_code(c) for c in ast.walk(item) if isinstance(c, ast.Call)}
                codes -= {None, ""}
                if codes:
                    coded[node.name] = codes
    return classes, coded


def _walk() -> tuple[list[tuple[str, int, str, str | None]], set[str]]:
    """(file, line, class, code or None) for every DeskError made in the
    scanned code, raised or built to be raised later (a slip hint, a fault
    helper); and every code they can carry."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in _files()}
    classes, coded = _error_classes(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            if name not in classes or name in coded:
                continue
            found.append((str(path.relative_to(ROOT)), node.lineno, name, _literal_code(node)))
    codes = {code for *_, code in found if code}
    for own in coded.values():
        codes |= own
    return found, codes


REFUSALS, RAISED_CODES = _walk()


def test_the_walk_finds_the_refusals():
    # A walk that found nothing would pass whatever the code says.
    files = {file for file, *_ in REFUSALS}
    assert len(REFUSALS) > 150
    for expected in ("dispatch/complaints.py", "dispatch/bulletins.py", "dispatch/geo.py",
                     "radio/drivers/base.py", "radio/onair.py", "dispatch/cli/calls_cmd.py"):
        assert expected in files


def test_every_refusal_carries_a_literal_code():
    missing = [f"{file}:{line}: {name}(...) without code=" for file, line, name, code in REFUSALS
               if code is None]
    computed = [f"{file}:{line}: {name}(...) code= is not a literal string"
                for file, line, name, code in REFUSALS if code == ""]
    assert not missing + computed, "\n".join(missing + computed)


def test_codes_are_dotted_lower_case():
    bad = sorted({code for *_, code in REFUSALS if code and not CODE.match(code)})
    assert not bad


# ---------------------------------------------------------------- the link

def _across_the_link(error: BaseException) -> BaseException:
    frame = pack_json(b"r", {"id": 7, **error_to_plain(error)})
    return error_from_plain(unpack_json(frame))


def test_a_refusal_crosses_the_engine_link_with_its_code_and_params():
    sent = CallTaken("call 12 was answered at desk desk-2", code="call.taken", call=12,
                     desk="desk-2")
    received = _across_the_link(sent)
    assert type(received) is CallTaken
    assert str(received) == str(sent)
    assert received.code == "call.taken"
    assert received.params == {"call": 12, "desk": "desk-2"}


def test_enums_cross_the_link_as_their_values():
    sent = IllegalTransition("PMK-BRT-1 cannot go from available to on scene",
                             code="unit.cannot_change", callsign="PMK-BRT-1",
                             before=UnitStatus.AVAILABLE, after=UnitStatus.ON_SCENE,
                             allowed=(CallStatus.RINGING, CallStatus.ANSWERED),
                             cause=NotFound("no call 3", code="call.not_found", call=3))
    received = _across_the_link(sent)
    assert isinstance(received, IllegalTransition)
    assert received.params == {"callsign": "PMK-BRT-1", "before": "available",
                               "after": "on_scene", "allowed": ["ringing", "answered"],
                               "cause": "no call 3"}


def test_a_class_only_the_engine_knows_keeps_its_code_on_a_stand_in():
    received = error_from_plain({"ok": False, "error": "odd", "error_class": "EngineOnly",
                                 "error_classes": ["EngineOnly", "InvalidInput", "DeskError"],
                                 "code": "engine.odd", "params": {"n": 1}})
    assert isinstance(received, InvalidInput) and type(received).__name__ == "EngineOnly"
    assert (str(received), received.code, received.params) == ("odd", "engine.odd", {"n": 1})


def test_a_refusal_whose_class_takes_other_arguments_still_crosses():
    from dispatch.incidents import LikelyDuplicate
    received = error_from_plain({"ok": False, "error": "incident 4 looks like the same one",
                                 "error_class": "LikelyDuplicate",
                                 "error_classes": ["LikelyDuplicate", "DeskError"],
                                 "code": "incident.likely_duplicate", "params": {"incident": 4}})
    assert type(received) is LikelyDuplicate
    assert (received.code, received.params) == ("incident.likely_duplicate", {"incident": 4})


def test_a_reply_from_an_older_engine_has_no_code():
    received = error_from_plain({"ok": False, "error": "no call 3", "error_class": "NotFound",
                                 "error_classes": ["NotFound", "DeskError"]})
    assert isinstance(received, NotFound) and received.code == "" and received.params == {}


@pytest.mark.parametrize("error", [ValueError("boom"), DeskError("plain")])
def test_errors_without_params_still_cross(error):
    received = _across_the_link(error)
    assert str(received) == str(error)


# ---------------------------------------------------------------- the window's table

NOT_PARAMS = {"code", "link_lost", "was_on_air", "params"}


def _coded_calls() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, code, the names of the values passed, or None when they
    are passed as **mapping) for every literal code= in dispatch/ and radio/:
    the refusals above, a class's own super().__init__, a relay Fault event."""
    found = []
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _literal_code(node):
                names = {k.arg for k in node.keywords if k.arg not in NOT_PARAMS}
                spread = any(k.arg is None for k in node.keywords)
                found.append((str(path.relative_to(ROOT)), node.lineno, _literal_code(node),
                              None if spread else names))
    return found


CODED_CALLS = _coded_calls()
ALL_CODES = {code for _, _, code, _ in CODED_CALLS}


def test_every_refusal_code_is_among_the_coded_calls():
    assert RAISED_CODES <= ALL_CODES and "relay.not_connected_at_exit" in ALL_CODES


def test_the_window_has_a_sentence_for_every_code():
    from ui.qt.domain_messages import sentences
    table = sentences()
    missing = sorted(ALL_CODES - set(table))
    assert not missing, f"no sentence in ui/qt/domain_sentences.py for: {missing}"
    unused = sorted(set(table) - ALL_CODES)
    assert not unused, f"sentences for codes nothing raises: {unused}"


def test_every_sentence_names_only_values_its_refusals_carry():
    """A placeholder no raise site fills would make the window fall back to
    the English message."""
    from ui.qt.domain_messages import sentences
    table = sentences()
    wrong = []
    for file, line, code, names in CODED_CALLS:
        if names is None or code not in table:
            continue
        wanted = set(re.findall(r"\{(\w+)\}", table[code]))
        if not wanted <= names:
            wrong.append(f"{file}:{line}: {code} lacks {sorted(wanted - names)}")
    assert not wrong, "\n".join(wrong)
