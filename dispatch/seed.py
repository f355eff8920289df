"""Seed data: lines, stations, units, incident types, agencies, complaint
categories, the gazetteer and operators, from one JSON file.

The whole file is checked (JSON Schema, then cross-references) before one
row is written, and then written in one transaction: a broken seed file
changes nothing. Loading is an upsert by natural key (codes, callsigns,
numbers), so a supervisor can edit the file and load it again.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import select
from sqlalchemy.orm import Session

from dispatch import paths
from dispatch.audit import record_audit
from dispatch.enums import LinePurpose, Role, UnitStatus
from dispatch.errors import SeedError
from dispatch.events import ChangeEvent, announce
from dispatch.models import (
    Agency,
    ComplaintCategory,
    GazetteerPlace,
    IncidentType,
    Line,
    Operator,
    SeedInfo,
    Station,
    Unit,
    UnitKind,
)
from dispatch.phone import normalise_number
from dispatch.storage import Database
from dispatch.timeutil import utcnow


def default_seed_path() -> Path:
    return paths.resources_dir() / "seed" / "denpasar.json"


def schema_path() -> Path:
    return paths.resources_dir() / "seed.schema.json"


def read_seed(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(f"seed file {path}: cannot read it ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SeedError(f"seed file {path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SeedError(f"seed file {path}: not valid JSON at line {exc.lineno} "
                        f"column {exc.colno}: {exc.msg}") from None
    validate_seed(data, source=str(path))
    return data, hashlib.sha256(raw).hexdigest()


def validate_seed(data: Any, *, source: str) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                              for p in error.absolute_path)
        raise SeedError(f"seed file {source}: {where}: {error.message}")
    _check_references(data, source)


def _unique(items: list[dict], key: str, section: str, source: str) -> set[str]:
    seen: set[str] = set()
    for item in items:
        if item[key] in seen:
            raise SeedError(f"seed file {source}: {section}: {key} {item[key]!r} appears twice")
        seen.add(item[key])
    return seen


def _check_references(data: dict, source: str) -> None:
    kinds = _unique(data["unit_kinds"], "code", "unit_kinds", source)
    stations = _unique(data["stations"], "code", "stations", source)
    agencies = _unique(data["agencies"], "code", "agencies", source)
    _unique(data["units"], "callsign", "units", source)
    _unique(data["incident_types"], "code", "incident_types", source)
    _unique(data["complaint_categories"], "code", "complaint_categories", source)
    _unique(data.get("operators", []), "username", "operators", source)
    numbers = set()
    for line in data["lines"]:
        number = normalise_number(line["number"]).e164
        if number is None:
            raise SeedError(f"seed file {source}: lines: {line['number']!r} is not a phone number")
        if number in numbers:
            raise SeedError(f"seed file {source}: lines: {line['number']!r} appears twice")
        numbers.add(number)
    for unit in data["units"]:
        if unit["station"] not in stations:
            raise SeedError(f"seed file {source}: unit {unit['callsign']}: "
                            f"unknown station {unit['station']!r}")
        if unit["kind"] not in kinds:
            raise SeedError(f"seed file {source}: unit {unit['callsign']}: "
                            f"unknown unit kind {unit['kind']!r}")
    for incident_type in data["incident_types"]:
        for kind in incident_type["unit_kinds"]:
            if kind not in kinds:
                raise SeedError(f"seed file {source}: incident type {incident_type['code']}: "
                                f"unknown unit kind {kind!r}")
    for category in data["complaint_categories"]:
        if category["agency"] not in agencies:
            raise SeedError(f"seed file {source}: complaint category {category['code']}: "
                            f"unknown agency {category['agency']!r}")


def _upsert(session: Session, model: type, key: str, value: Any, fields: dict) -> Any:
    row = session.scalars(select(model).where(getattr(model, key) == value)).one_or_none()
    if row is None:
        row = model(**{key: value}, **fields)
        session.add(row)
    else:
        for name, field_value in fields.items():
            setattr(row, name, field_value)
    return row


def _write(session: Session, data: dict) -> dict[str, int]:
    now = utcnow()
    for line in data["lines"]:
        number = normalise_number(line["number"])
        _upsert(session, Line, "number", number.e164,
                {"display": line["number"], "name": line["name"],
                 "purpose": LinePurpose(line["purpose"])})
    for kind in data["unit_kinds"]:
        _upsert(session, UnitKind, "code", kind["code"],
                {"name_id": kind["name_id"], "name_en": kind["name_en"],
                 "speed_kmh": float(kind["speed_kmh"])})
    stations = {}
    for station in data["stations"]:
        stations[station["code"]] = _upsert(session, Station, "code", station["code"], {
            "name": station["name"], "kecamatan": station.get("kecamatan", ""),
            "address": station.get("address", ""), "lat": station["lat"], "lon": station["lon"],
            "approximate": station.get("approximate", True)})
    session.flush()
    for unit in data["units"]:
        existing = session.scalars(
            select(Unit).where(Unit.callsign == unit["callsign"])).one_or_none()
        fields = {"kind_code": unit["kind"], "station_id": stations[unit["station"]].id}
        if existing is None:
            fields.update(status=UnitStatus.AVAILABLE, status_since=now)
        _upsert(session, Unit, "callsign", unit["callsign"], fields)
    for incident_type in data["incident_types"]:
        _upsert(session, IncidentType, "code", incident_type["code"], {
            "name_id": incident_type["name_id"], "name_en": incident_type["name_en"],
            "default_priority": incident_type["priority"],
            "unit_kinds": list(incident_type["unit_kinds"])})
    agencies = {}
    for agency in data["agencies"]:
        agencies[agency["code"]] = _upsert(session, Agency, "code", agency["code"], {
            "name": agency["name"], "phone": agency.get("phone")})
    session.flush()
    for category in data["complaint_categories"]:
        _upsert(session, ComplaintCategory, "code", category["code"], {
            "name_id": category["name_id"], "name_en": category["name_en"],
            "agency_id": agencies[category["agency"]].id,
            "target_hours": category["target_hours"]})
    for place in data["gazetteer"]:
        row = session.scalars(select(GazetteerPlace).where(
            GazetteerPlace.name == place["name"],
            GazetteerPlace.kind == place["kind"])).one_or_none()
        values = {"kecamatan": place.get("kecamatan", ""), "lat": place["lat"], "lon": place["lon"],
                  "aliases": list(place.get("aliases", [])),
                  "approximate": place.get("approximate", True)}
        if row is None:
            session.add(GazetteerPlace(name=place["name"], kind=place["kind"], **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
    for operator in data.get("operators", []):
        _upsert(session, Operator, "username", operator["username"], {
            "full_name": operator.get("full_name", ""), "role": Role(operator["role"])})
    return {name: len(data.get(name, [])) for name in (
        "lines", "unit_kinds", "stations", "units", "incident_types", "agencies",
        "complaint_categories", "gazetteer", "operators")}


def load_seed_file(database: Database, path: Path | None, *, actor: str) -> dict[str, Any]:
    path = Path(path) if path else default_seed_path()
    data, digest = read_seed(path)
    with database.session() as session:
        counts = _write(session, data)
        session.add(SeedInfo(loaded_at=utcnow(), source=str(path), sha256=digest))
        record_audit(session, actor=actor, action="seed.load", entity="seed",
                     entity_id=digest[:12], after={"source": str(path), **counts})
        announce(session, ChangeEvent("seed", digest[:12], "loaded"))
    return {"source": str(path), "sha256": digest, "counts": counts}


def is_seeded(database: Database) -> bool:
    with database.reading() as session:
        return session.scalars(select(SeedInfo.id).limit(1)).first() is not None
