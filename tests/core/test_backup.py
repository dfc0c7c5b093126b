import io
import os

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from registry.core.backup import BackupError, backup_create, backup_restore, database_dsn
from registry.files.services import file_store
from registry.organisation.models import Register

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def empty_database():
    db = dict(settings.DATABASES["default"])
    name = f"{db['NAME']}_restore_{os.getpid()}"
    admin = psycopg2.connect(database_dsn({**db, "NAME": "postgres"}))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_dsn({**db, "NAME": name})
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_number_and_file_intact(demo, tmp_path, empty_database,
                                                          settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    stored = file_store(upload=io.BytesIO(PDF), name="cong-van.pdf")
    register = Register.objects.filter(agency=demo).first()
    Register.objects.filter(pk=register.pk).update(last_number=42)
    connection.close()

    result = backup_create(target=tmp_path / "backup", media_root=tmp_path / "media")
    restored = backup_restore(folder=result.folder, dsn=empty_database,
                              media_root=tmp_path / "restored-media")

    assert restored["organisation_user"] >= 5 and restored["organisation_correspondent"] >= 30
    with psycopg2.connect(empty_database) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT last_number FROM organisation_register WHERE id = %s",
                       [register.pk])
        assert cursor.fetchone()[0] == 42
    conn.close()
    blob = tmp_path / "restored-media" / "blobs" / stored.relative_path
    assert blob.read_bytes() == PDF


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_tampered_backup(demo, tmp_path, empty_database, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    file_store(upload=io.BytesIO(PDF), name="a.pdf")
    result = backup_create(target=tmp_path / "backup", media_root=tmp_path / "media")
    blob = next(p for p in (result.folder / "files").rglob("*") if p.is_file())
    blob.write_bytes(b"changed")

    with pytest.raises(BackupError, match="checksum"):
        backup_restore(folder=result.folder, dsn=empty_database, media_root=tmp_path / "r")
