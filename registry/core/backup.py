"""Backup and restore: the database (pg_dump custom format) and the stored files, with checksums.

A backup is a folder: `database.dump`, `files/` (a copy of MEDIA_ROOT), `manifest.json`
listing the SHA-256 of every file and the row count of every table. Restore checks every
checksum first, then loads into an *empty* database and copies the files, then compares the
row counts. Uses the PostgreSQL 16 client tools shipped in the `pgserver` wheel, so the same
binaries exist on every machine (a newer pg_dump reads older servers).
"""

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2
from django.conf import settings
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"


class BackupError(Exception):
    pass


def _pg_tool(name: str) -> str:
    try:
        import pgserver

        candidate = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found")
    return found


def database_dsn(db: dict[str, Any] | None = None) -> str:
    db = db or settings.DATABASES["default"]
    parts = {"dbname": db["NAME"], "user": db.get("USER") or "postgres",
             "host": db.get("HOST") or "", "port": str(db.get("PORT") or ""),
             "password": db.get("PASSWORD") or ""}
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(dsn: str) -> dict[str, int]:
    with psycopg2.connect(dsn) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                       "ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from catalog)
            counts[table] = int(cursor.fetchone()[0])
    conn.close()
    return counts


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    files: int
    tables: int


def backup_create(*, target: Path, dsn: str | None = None,
                  media_root: Path | None = None) -> BackupResult:
    dsn = dsn or database_dsn()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    target.mkdir(parents=True, exist_ok=False)
    counts = table_counts(dsn)
    subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                    f"--file={target / DUMP}", f"--dbname={dsn}"], check=True)
    files = []
    if media_root.exists():
        shutil.copytree(media_root, target / "files")
        for path in sorted((target / "files").rglob("*")):
            if path.is_file():
                files.append({"path": str(path.relative_to(target)), "sha256": _sha256(path),
                              "size": path.stat().st_size})
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "database": {"path": DUMP, "sha256": _sha256(target / DUMP)},
        "files": files,
        "table_counts": counts,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return BackupResult(folder=target, files=len(files), tables=len(counts))


def backup_verify(*, folder: Path) -> dict[str, Any]:
    """Check every checksum in the manifest; raises BackupError naming the first bad file."""
    manifest = json.loads((folder / MANIFEST).read_text())
    entries = [manifest["database"], *manifest["files"]]
    for entry in entries:
        path = folder / entry["path"]
        if not path.exists() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"checksum mismatch: {entry['path']}")
    return manifest


def backup_restore(*, folder: Path, dsn: str, media_root: Path) -> dict[str, int]:
    """Restore into an empty database; returns the restored table counts (checked)."""
    manifest = backup_verify(folder=folder)
    if table_counts(dsn):
        raise BackupError("the target database is not empty")
    subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                    f"--dbname={dsn}", str(folder / DUMP)], check=True)
    files_root = folder / "files"
    if files_root.exists():
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(files_root, media_root, dirs_exist_ok=True)
    restored = table_counts(dsn)
    if restored != manifest["table_counts"]:
        raise BackupError("row counts differ after restore")
    return restored
