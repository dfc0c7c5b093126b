"""Real processes for the fault tests: a private PostgreSQL (pgserver, in a temporary
directory: the machine's shared server is never touched), gunicorn web processes and Celery
workers on 127.0.0.1, each started with bounded waits and stopped by its own process id."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str,
               log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


class PrivatePostgres:
    """A PostgreSQL of our own, in `directory`, reached by its Unix socket."""

    def __init__(self, directory: Path) -> None:
        import pgserver

        self.server = pgserver.get_server(directory / "pgdata", cleanup_mode="stop")
        self.socket_dir = str(self.server.get_postmaster_info().socket_dir)

    def database(self, name: str, *, template: str | None = None) -> "Database":
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.server.psql(f'CREATE DATABASE "{name}"{suffix};')
        return Database(self, name)

    def restart(self) -> None:
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "-m", "fast", "restart"], pgdata=self.server.pgdata,
               user=self.server.system_user, timeout=30)

    def stop(self) -> None:
        # By our own data directory: after a restart pgserver's handle no longer owns the pid.
        from pgserver._commands import pg_ctl

        if (Path(self.server.pgdata) / "postmaster.pid").exists():
            pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=self.server.pgdata,
                   user=self.server.system_user, timeout=30)
        self.server.cleanup()


class Database:
    def __init__(self, server: PrivatePostgres, name: str) -> None:
        self.server, self.name = server, name
        self.url = f"postgres://postgres@{quote(server.socket_dir, safe='')}/{name}"

    def env(self, **extra: str) -> dict[str, str]:
        return {**os.environ, "DJANGO_SETTINGS_MODULE": "docflow.settings_test",
                "DATABASE_URL": self.url, "REDIS_URL": BROKER, "PYTHONPATH": str(ROOT),
                **extra}

    def manage(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(),
                                capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code: str) -> Any:
        """Run Python in a Django shell on this database; it prints one JSON value last."""
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg2

        connection = psycopg2.connect(host=self.server.socket_dir, user="postgres",
                                      dbname=self.name, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
        finally:
            connection.close()


class Process:
    """A child process with its log; stopped (TERM, then KILL) by its own pid."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL the process group: the worker and any child it forked die mid-work."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def gunicorn(env: dict[str, str], log: Path, *, workers: int = 2) -> tuple[Process, str]:
    port = free_port()
    process = Process([sys.executable, "-m", "gunicorn", "docflow.wsgi", "-b",
                       f"127.0.0.1:{port}", "-w", str(workers), "--timeout", "30",
                       "--graceful-timeout", "5"], env, log)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return http("GET", f"{base}/ping")[0] == 200
        except OSError:
            return False

    wait_until(answers, timeout=30, what="gunicorn", log=log)
    return process, base


def worker(env: dict[str, str], log: Path, *, script: str | None = None) -> Process:
    args = [sys.executable, "-m", "celery", "-A", "docflow", "worker"] if script is None \
        else [sys.executable, script, "worker"]
    process = Process([*args, "--pool=solo", "--loglevel=INFO", "--without-gossip",
                       "--without-mingle", "--without-heartbeat",
                       "-n", f"fault-{os.getpid()}-{time.monotonic_ns()}@%h"], env, log)
    wait_until(lambda: b"ready." in log.read_bytes(), timeout=30, what="the worker", log=log)
    return process


def http(method: str, url: str, *, token: str = "", data: dict[str, Any] | None = None,
         timeout: float = 10) -> tuple[int, str]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def broker_flush() -> None:
    import redis

    redis.Redis.from_url(BROKER, socket_connect_timeout=2).delete("celery", "unacked",
                                                                  "unacked_index")
