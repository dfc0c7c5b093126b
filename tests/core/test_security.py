import time

import pytest


@pytest.mark.django_db
def test_five_failed_logins_lock_that_user_from_that_address(client, demo):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "vanthu", "password": "sai"})

    response = client.post("/dang-nhap/", {"username": "vanthu", "password": "demo"})

    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text
    other = client.post("/dang-nhap/", {"username": "lanhdao", "password": "demo"})
    assert other.status_code == 302  # the office's shared address is not locked


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_scripts(client):
    response = client.get("/dang-nhap/")
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_an_idle_session_is_signed_out(client, demo_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(demo_user("chuyenvien"))
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 61
    session.save()

    response = client.get("/")

    assert response.status_code == 302 and "/dang-nhap/" in response.url
