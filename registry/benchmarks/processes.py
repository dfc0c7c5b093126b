"""Starting the server under test, logging in over HTTP, and reading memory peaks."""

import os
import re
import signal
import subprocess
import sys
import time
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]


def start_gunicorn(*, port: int, env: dict[str, str], workers: int = 2) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "docflow.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
         "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )
    for _ in range(100):
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/ping")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def login_cookie(*, port: int, username: str, password: str) -> str:
    """Log in through the real login form; returns the Cookie header value."""
    conn = HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/dang-nhap/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    body = urlencode({"username": username, "password": password,
                      "csrfmiddlewaretoken": token.group(1)})
    cookie_header = "; ".join(f"{k}={v.value}" for k, v in cookies.items())
    conn.request("POST", "/dang-nhap/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header,
        "Referer": f"http://127.0.0.1:{port}/dang-nhap/"})
    response = conn.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed ({response.status})")
    return "; ".join(f"{k}={v.value}" for k, v in cookies.items())


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def peak_rss_mib(pid: int) -> float:
    """VmHWM: the peak resident set of a process, in MiB (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bench_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(base or os.environ)
    env.update({
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": env.get("SECRET_KEY") or "bench-only-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # A Redis database of its own: the e-mail tasks a sweep leaves queued when its worker
        # stops must not reach other workers sharing the server (the sweep flushes it first).
        "REDIS_URL": bench_redis_url(env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"),
    })
    return env


BENCH_REDIS_DB = 14


def bench_redis_url(url: str) -> str:
    """The same Redis server, database BENCH_REDIS_DB."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{BENCH_REDIS_DB}"))
