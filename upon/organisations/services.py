"""Employers: the 153 local authorities and the other organisations applicants name."""

import csv
import re
from pathlib import Path

from django.db import IntegrityError, transaction

from upon.organisations.models import Organisation, OrganisationKind

LOCAL_AUTHORITIES_CSV = Path(__file__).parent / "data" / "local_authorities.csv"


def normalise_name(name: str) -> str:
    """Fold case, '&' and punctuation so one employer typed two ways is one organisation."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def read_local_authorities(path: Path = LOCAL_AUTHORITIES_CSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_local_authorities(*, organisation_model=Organisation) -> int:
    """Create or update the 153 local authorities, in one statement. Returns how many rows were
    read."""
    rows = read_local_authorities()
    fields = {
        "name": lambda row: row["name"],
        "normalised_name": lambda row: normalise_name(row["name"]),
        "kind": lambda row: OrganisationKind.LOCAL_AUTHORITY,
        "region": lambda row: row["region_code"],
        "la_type": lambda row: row["type"],
        "dfe_la_code": lambda row: row["dfe_la_code"],
        "former_gss_code": lambda row: row["former_gss_code"] or "",
    }
    organisation_model.objects.bulk_create(
        [
            organisation_model(
                gss_code=row["gss_code"], **{name: value(row) for name, value in fields.items()}
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["gss_code"],
        update_fields=list(fields),
    )
    return len(rows)


def find_or_create_employer(*, name: str, kind: str) -> Organisation:
    """The organisation of this kind with this name, created the first time anyone names it."""
    name = re.sub(r"\s+", " ", name).strip()
    key = normalise_name(name)
    existing = Organisation.objects.filter(kind=kind, normalised_name=key).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, normalised_name=key, kind=kind)
    except IntegrityError:  # someone else created it a moment ago
        return Organisation.objects.get(kind=kind, normalised_name=key)
