"""Seed data: lines, stations, units, incident types, agencies, complaint
categories, the gazetteer, operators and the service area, from one JSON file.

The whole file is checked (numbers that are not finite, JSON Schema, then
ranges, the service area's polygon and cross-references) before one row is
written, and then written in one transaction: a broken seed file changes
nothing, on any database. Loading is an upsert by natural key (codes, callsigns,
numbers), so a supervisor can edit the file and load it again.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dispatch import paths
from dispatch.audit import record_audit
from dispatch.enums import LinePurpose, Role, UnitStatus
from dispatch.errors import InvalidInput, SeedError
from dispatch.events import ChangeEvent, announce
from dispatch.models import (
    Agency,
    ComplaintCategory,
    GazetteerPlace,
    IncidentType,
    Line,
    Operator,
    SeedInfo,
    ServiceAreaRecord,
    Station,
    Unit,
    UnitKind,
)
from dispatch.permissions import Permission, authorize
from dispatch.phone import normalise_number
from dispatch.service_area import polygon_error
from dispatch.storage import Database
from dispatch.timeutil import utcnow

# A complaint target beyond a year is a slip (and hours are whole: the column is an integer).
MAX_TARGET_HOURS = 8760
MAX_SPEED_KMH = 200


def default_seed_path() -> Path:
    return paths.resources_dir() / "seed" / "denpasar.json"


def schema_path() -> Path:
    return paths.resources_dir() / "seed.schema.json"


class _NotFinite:
    """Stands in, while parsing, for a number JSON cannot hold (NaN,
    Infinity, -Infinity, 1e999): the walk after parsing names where it is."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


def _parse_float(literal: str) -> float | _NotFinite:
    value = float(literal)
    return value if math.isfinite(value) else _NotFinite(literal)


def read_seed(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(f"seed file {path}: cannot read it ({exc.strerror or exc})",
                        code="seed.unreadable", source=str(path),
                        reason=exc.strerror or str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_NotFinite,
                          parse_float=_parse_float)
    except UnicodeDecodeError:
        raise SeedError(f"seed file {path}: not UTF-8 text", code="seed.not_utf8",
                        source=str(path)) from None
    except json.JSONDecodeError as exc:
        raise SeedError(f"seed file {path}: not valid JSON at line {exc.lineno} "
                        f"column {exc.colno}: {exc.msg}", code="seed.bad_json_at",
                        source=str(path), line=exc.lineno, column=exc.colno,
                        detail=exc.msg) from None
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, deep nesting
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SeedError(f"seed file {path}: not valid JSON: {reason}", code="seed.bad_json",
                        source=str(path), detail=reason) from None
    validate_seed(data, source=str(path))
    return data, hashlib.sha256(raw).hexdigest()


def validate_seed(data: Any, *, source: str) -> None:
    _refuse_non_finite(data, source)
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise SeedError(f"seed file {source}: {_json_path(error.absolute_path)}: "
                        f"{error.message}", code="seed.schema", source=source,
                        path=_json_path(error.absolute_path), detail=error.message)
    _check_numbers(data, source)
    _check_service_area(data, source)
    _check_references(data, source)


def _json_path(parts: Any) -> str:
    """("stations", 2, "lat") → "stations[2].lat", as the seed's messages name a field."""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    return text or "the top level"


def _is_coordinate(parts: tuple) -> bool:
    return bool(parts) and (parts[-1] in ("lat", "lon") or "polygon" in parts)


def _refuse_non_finite(data: Any, source: str) -> None:
    """NaN and the infinities get past JSON Schema's minimum and maximum and
    then past the database (PostgreSQL stores NaN): refuse them first, at
    the first in the file's order."""
    pending: list[tuple[tuple, Any]] = [((), data)]
    while pending:
        parts, node = pending.pop()
        if isinstance(node, dict):
            pending.extend(((*parts, key), value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            pending.extend(((*parts, index), value)
                           for index, value in reversed(list(enumerate(node))))
        elif isinstance(node, _NotFinite) or (isinstance(node, float) and not _finite(node)):
            literal = node.literal if isinstance(node, _NotFinite) else repr(node)
            rule = ("coordinates must be finite numbers" if _is_coordinate(parts)
                    else "numbers must be finite")
            raise SeedError(f"seed file {source}: {_json_path(parts)} is {literal}: {rule}",
                            code="seed.not_finite", source=source, path=_json_path(parts),
                            value=literal, coordinate=_is_coordinate(parts))


def _finite(value: Any) -> bool:
    return isinstance(value, int) or math.isfinite(value)  # ints are exact, however long


def _check_numbers(data: dict, source: str) -> None:
    """Ranges again after the schema, each named by its path: what the
    travel times, the priorities and the due dates are computed from."""
    def refuse(parts: tuple, value: Any, rule: InvalidInput) -> None:
        raise SeedError(f"seed file {source}: {_json_path(parts)} is {value}: {rule}",
                        code="seed.bad_value", source=source, path=_json_path(parts),
                        value=value, rule=rule)

    def coordinate_pair(lat_parts: tuple, lon_parts: tuple, lat: Any, lon: Any) -> None:
        for where, value, limit, name in ((lat_parts, lat, 90, "latitude"),
                                          (lon_parts, lon, 180, "longitude")):
            if not _finite(value):
                refuse(where, value, InvalidInput("coordinates must be finite numbers",
                                                  code="place.not_finite"))
            if not -limit <= value <= limit:
                refuse(where, value, InvalidInput(f"{name} must be between -{limit} and {limit}",
                                                  code="seed.rule.coordinate", axis=name,
                                                  limit=limit))

    for section in ("stations", "gazetteer"):
        for index, item in enumerate(data[section]):
            coordinate_pair((section, index, "lat"), (section, index, "lon"),
                            item["lat"], item["lon"])
    area = data.get("service_area")
    if area is not None:
        for index, (lat, lon) in enumerate(area["polygon"]):
            where = ("service_area", "polygon", index)
            coordinate_pair((*where, 0), (*where, 1), lat, lon)
    for index, kind in enumerate(data["unit_kinds"]):
        speed = kind["speed_kmh"]
        if not (_finite(speed) and 0 < speed <= MAX_SPEED_KMH):
            refuse(("unit_kinds", index, "speed_kmh"), speed,
                   InvalidInput(f"a speed must be more than 0 and at most {MAX_SPEED_KMH} km/h",
                                code="seed.rule.speed", most=MAX_SPEED_KMH))
    for index, incident_type in enumerate(data["incident_types"]):
        priority = incident_type["priority"]
        if not (_finite(priority) and priority == int(priority) and 1 <= priority <= 5):
            refuse(("incident_types", index, "priority"), priority,
                   InvalidInput("a priority is a whole number from 1 (most urgent) to 5",
                                code="seed.rule.priority"))
    for index, category in enumerate(data["complaint_categories"]):
        hours = category["target_hours"]
        if not (_finite(hours) and hours == int(hours)
                and 1 <= hours <= MAX_TARGET_HOURS):
            refuse(("complaint_categories", index, "target_hours"), hours,
                   InvalidInput(f"a target is a whole number of hours from 1 to "
                                f"{MAX_TARGET_HOURS}", code="seed.rule.target_hours",
                                most=MAX_TARGET_HOURS))


def _check_service_area(data: dict, source: str) -> None:
    area = data.get("service_area")
    if area is None:
        return
    problem = polygon_error(area["polygon"])
    if problem is not None:
        raise SeedError(f"seed file {source}: service_area: {problem}", code="seed.bad_area",
                        source=source, problem=problem)


def _unique(items: list[dict], key: str, section: str, source: str) -> set[str]:
    seen: set[str] = set()
    for item in items:
        if item[key] in seen:
            raise SeedError(f"seed file {source}: {section}: {key} {item[key]!r} appears twice",
                            code="seed.twice", source=source, section=section, key=key,
                            value=item[key])
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
            raise SeedError(f"seed file {source}: lines: {line['number']!r} is not a phone number",
                            code="seed.line_not_a_number", source=source, number=line["number"])
        if number in numbers:
            raise SeedError(f"seed file {source}: lines: {line['number']!r} appears twice",
                            code="seed.line_twice", source=source, number=line["number"])
        numbers.add(number)
    for unit in data["units"]:
        if unit["station"] not in stations:
            raise SeedError(f"seed file {source}: unit {unit['callsign']}: "
                            f"unknown station {unit['station']!r}", code="seed.unknown_station",
                            source=source, callsign=unit["callsign"], station=unit["station"])
        if unit["kind"] not in kinds:
            raise SeedError(f"seed file {source}: unit {unit['callsign']}: "
                            f"unknown unit kind {unit['kind']!r}", code="seed.unit_unknown_kind",
                            source=source, callsign=unit["callsign"], kind=unit["kind"])
    for incident_type in data["incident_types"]:
        for kind in incident_type["unit_kinds"]:
            if kind not in kinds:
                raise SeedError(f"seed file {source}: incident type {incident_type['code']}: "
                                f"unknown unit kind {kind!r}", code="seed.type_unknown_kind",
                                source=source, type=incident_type["code"], kind=kind)
    for category in data["complaint_categories"]:
        if category["agency"] not in agencies:
            raise SeedError(f"seed file {source}: complaint category {category['code']}: "
                            f"unknown agency {category['agency']!r}",
                            code="seed.unknown_agency", source=source,
                            category=category["code"], agency=category["agency"])


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
    area = data.get("service_area")
    if area is not None:  # the centre serves one area: the seed's replaces the one stored
        session.execute(delete(ServiceAreaRecord).where(ServiceAreaRecord.name != area["name"]))
        _upsert(session, ServiceAreaRecord, "name", area["name"], {
            "polygon": [[lat, lon] for lat, lon in area["polygon"]],
            "approximate": area["approximate"]})
    counts = {name: len(data.get(name, [])) for name in (
        "lines", "unit_kinds", "stations", "units", "incident_types", "agencies",
        "complaint_categories", "gazetteer", "operators")}
    counts["service_area"] = 0 if area is None else 1
    return counts


def load_seed_file(database: Database, path: Path | None, *, actor: str) -> dict[str, Any]:
    path = Path(path) if path else default_seed_path()
    data, digest = read_seed(path)
    with database.session() as session:
        authorize(session, Permission.EDIT_FLEET)
        counts = _write(session, data)
        session.add(SeedInfo(loaded_at=utcnow(), source=str(path), sha256=digest))
        record_audit(session, actor=actor, action="seed.load", entity="seed",
                     entity_id=digest[:12], after={"source": str(path), **counts})
        announce(session, ChangeEvent("seed", digest[:12], "loaded"))
    return {"source": str(path), "sha256": digest, "counts": counts}


def add_missing_service_area(database: Database, *, actor: str) -> bool:
    """A database seeded before the seed declared its service area gets the
    default seed's area, and nothing else of it (local edits to agencies or
    units stay). True if it was added."""
    with database.reading() as session:
        if session.scalars(select(ServiceAreaRecord.id).limit(1)).first() is not None:
            return False
    data, digest = read_seed(default_seed_path())
    area = data.get("service_area")
    if area is None:
        return False
    with database.session() as session:
        authorize(session, Permission.EDIT_FLEET)
        session.add(ServiceAreaRecord(name=area["name"],
                                      polygon=[[lat, lon] for lat, lon in area["polygon"]],
                                      approximate=area["approximate"]))
        record_audit(session, actor=actor, action="seed.service_area", entity="seed",
                     entity_id=digest[:12], after={"name": area["name"]})
    return True


def is_seeded(database: Database) -> bool:
    with database.reading() as session:
        return session.scalars(select(SeedInfo.id).limit(1)).first() is not None
