"""Optional TOTP two-factor sign-in for leaders and administrators (django-otp)."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.audit.models import Event


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(client, user) -> TOTPDevice:
    client.force_login(user)
    page = client.get("/quyen-truy-cap/xac-thuc-hai-buoc/")
    assert page.status_code == 200 and "<svg" in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'<code class="df-secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    assert secret.replace(" ", "")  # the key is shown for apps without a camera
    response = client.post("/quyen-truy-cap/xac-thuc-hai-buoc/", {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


@pytest.mark.django_db
def test_a_leader_enrols_and_is_then_asked_for_a_code_after_the_password(client, demo_user):
    leader = demo_user("lanhdao")
    device = _enrol(client, leader)
    assert Event.objects.filter(verb="access.totp_confirmed", actor=leader).count() == 1
    client.logout()

    signed_in = client.post("/dang-nhap/", {"username": "lanhdao", "password": "demo"})
    assert signed_in.status_code == 302
    held = client.get("/van-ban-den/")
    assert held.status_code == 302 and held.url.startswith("/quyen-truy-cap/xac-thuc/")
    assert client.get("/api/v1/incoming/").status_code == 403  # no way round it by the API

    wrong = client.post("/quyen-truy-cap/xac-thuc/", {"token": "000000", "next": "/van-ban-den/"})
    assert wrong.status_code == 200 and "Mã xác thực không đúng" in wrong.text
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above throttles the next try
    device.throttling_failure_timestamp = None
    device.last_t = -1  # the enrolment used this time step's code (replays are refused)
    device.save()
    right = client.post("/quyen-truy-cap/xac-thuc/", {"token": _code(device),
                                                      "next": "/van-ban-den/"})
    assert right.status_code == 302 and right.url == "/van-ban-den/"
    assert client.get("/van-ban-den/").status_code == 200


@pytest.mark.django_db
def test_users_without_a_device_sign_in_with_the_password_alone(client, demo):
    client.post("/dang-nhap/", {"username": "lanhdao", "password": "demo"})
    assert client.get("/van-ban-den/").status_code == 200


@pytest.mark.django_db
def test_two_factor_is_offered_to_leaders_and_administrators_only(client, demo_user):
    client.force_login(demo_user("chuyenvien"))
    assert client.get("/quyen-truy-cap/xac-thuc-hai-buoc/").status_code == 403
    client.force_login(demo_user("quantri"))
    assert client.get("/quyen-truy-cap/xac-thuc-hai-buoc/").status_code == 200


@pytest.mark.django_db
def test_turning_it_off_needs_a_current_code(client, demo_user):
    leader = demo_user("lanhdao")
    device = _enrol(client, leader)

    refused = client.post("/quyen-truy-cap/xac-thuc-hai-buoc/tat/", {"token": "123456"})
    assert refused.status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    done = client.post("/quyen-truy-cap/xac-thuc-hai-buoc/tat/", {"token": _code(device)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=leader).exists()
