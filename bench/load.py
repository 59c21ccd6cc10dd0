"""Case 6: a real server (gunicorn, PostgreSQL) under ``wrk`` on loopback: 32 connections for 30 s."""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.context import Result

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8799"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))


def _wait_for(port: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.3)
    return False


def _status(path: str, cookie: str) -> int:
    connection_ = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection_.request("GET", path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
        return connection_.getresponse().status
    finally:
        connection_.close()


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load_cases(ctx, seconds: int = 30) -> list:
    results = [Result("6a", "Tải: danh sách (gunicorn + wrk)", "PV05"), Result("6b", "Tải: tổng quan", "PV05")]
    if shutil.which("wrk") is None:
        for r in results:
            r.status, r.extra = "không có", "cần 'apt-get install -y wrk'"
        return results
    if connection.vendor != "postgresql":
        for r in results:
            r.status, r.extra = "bỏ qua", "chỉ đo trên PostgreSQL"
        return results
    client = Client()
    client.force_login(ctx.province_user, backend="tuquan.accounts.backends.RoleBackend")
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    # Production settings, as docs/operations.md runs it: DEBUG off, hashed static files served by
    # WhiteNoise, HTTPS told by the proxy's X-Forwarded-Proto (sent by wrk below, as nginx does). The
    # secret key is this process's, so that the session made above is valid in the server.
    env = {
        **os.environ,
        "TUQUAN_DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    # The error log of a throw-away benchmark server on the developer's machine (bandit B108 reviewed).
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{PORT}",
         "--access-logfile", "/dev/null", "--error-logfile", "/tmp/bench_gunicorn.log"],  # noqa: S108  # nosec B108
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        if not _wait_for(PORT):
            for r in results:
                r.status = "lỗi"
            return results
        urls = [reverse("schemes:scheme_list"), reverse("dashboards:dashboard")]
        for result, path in zip(results, urls, strict=True):
            url = f"http://127.0.0.1:{PORT}{path}"
            status = _status(path, cookie)
            if status != 200:  # a redirect to the login or to https would measure nothing
                result.status, result.extra = "lỗi", f"máy chủ trả {status} cho {path}"
                continue
            headers = ["-H", f"Cookie: {cookie}", "-H", "X-Forwarded-Proto: https"]
            subprocess.run(["wrk", "-t2", "-c8", "-d3s", *headers, url], capture_output=True)  # noqa: S603,S607
            command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "--timeout", "10s", *headers, url]
            completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            out = completed.stdout
            rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
            non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
            socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
            errors = non2xx + socket_errors
            result.median_ms = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
            result.p95_ms = p99  # the table's second column shows p99 for load cases
            result.extra = f"{rate:.0f} req/s, p99 {p99:.0f} ms, lỗi {errors}, {WORKERS} worker"
            if result.number == "6a":
                result.verdict = "đạt" if rate >= 150 and errors == 0 else "KHÔNG ĐẠT (<150 req/s hoặc có lỗi)"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    return results
