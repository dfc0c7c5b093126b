import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db.utils import OperationalError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_database_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "redis" in response.json()


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("registry.core.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.django_db
def test_login_page_is_vietnamese(client):
    response = client.get("/dang-nhap/")
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.text and "Mật khẩu" in response.text


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


@pytest.mark.django_db
def test_unknown_page_shows_the_vietnamese_404(client, demo_user):
    client.force_login(demo_user("chuyenvien"))
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.text


@pytest.mark.django_db
def test_home_greets_the_user_in_their_language(client, demo_user):
    user = demo_user("chuyenvien")
    client.force_login(user)
    assert "Xin chào" in client.get("/").text
    client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


def test_check_deploy_is_clean_with_production_settings():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "docflow.settings",
           "SECRET_KEY": "a-long-production-secret-key-kept-in-an-env-file-0123456789-xyz",
           "ALLOWED_HOSTS": "docflow.example.gov.vn", "DJANGO_DEBUG": "0"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "docflow.settings",
           "DJANGO_DEBUG": "0"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
