"""A gunicorn server on 127.0.0.1 and a bounded load generator to hit it.

The generator is wrk when installed (C, so the client steals little CPU from the
server on a 2-core machine), else Python threads with keep-alive `http.client`
connections. Both stop at a request count or a deadline, whichever comes first.
"""

import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import env
from .harness import percentile

WRK_SCRIPT = """
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
end
n = 0
bad = 0
local max = {max_requests}
local expect = {expect}
{headers}
response = function(status, headers, body)
  n = n + 1
  if status ~= expect then bad = bad + 1 end
  if n >= max then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("unexpected_status: %d\\n", total))
end
"""


@contextmanager
def gunicorn(db_url: str, *, workers: int = 2, **extra_env: str) -> Iterator[int]:
    """Run the site under gunicorn (DEBUG off, persistent connections); yield port."""
    port = env.free_port()
    # A file, not a pipe: a pipe nobody reads would block the workers when full.
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finally
        "w+", prefix="bench-gunicorn-", suffix=".log"
    )
    proc = subprocess.Popen(
        [
            env.PYTHON,
            "-m",
            "gunicorn",
            "factcheck.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=env.ROOT,
        env=env.child_env(db_url, **extra_env),
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    try:
        if not env.wait_port(port, timeout=30):
            proc.kill()
            proc.wait(timeout=10)
            log_file.seek(0)
            raise RuntimeError(f"gunicorn did not start: {log_file.read()[-2000:]}")
        yield port
    except Exception as exc:
        log_file.seek(0)
        exc.add_note(f"gunicorn log: {log_file.read()[-3000:]}")
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log_file.close()


def get(
    port: int, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Make one GET request; return (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        conn.close()


def warm(
    port: int, path: str, headers: dict[str, str] | None = None, n: int = 20
) -> None:
    """Make a few requests so every worker has its connection and caches."""
    for _ in range(n):
        get(port, path, headers)


def hammer(
    port: int,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    connections: int = 4,
    seconds: float = 3.0,
    max_requests: int = 200_000,
    expect: int = 200,
) -> dict[str, float]:
    """Load `path` for at most `seconds` and `max_requests`; return rps, p50, p99."""
    if shutil.which("wrk") and not os.environ.get("FACTCHECK_BENCH_NO_WRK"):
        result = _wrk(
            port, path, headers or {}, connections, seconds, max_requests, expect
        )
    else:
        result = _threads(port, path, headers or {}, connections, seconds, max_requests)
    if result["errors"]:
        raise RuntimeError(
            f"GET {path}: {result['errors']:.0f} of {result['requests']:.0f} "
            f"responses were errors or not {expect}"
        )
    status, _, _ = get(port, path, headers)
    if status != expect:
        raise RuntimeError(f"GET {path} answered {status}, expected {expect}")
    return result


def latency(
    port: int,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    seconds: float = 3.0,
    min_requests: int = 5,
    max_requests: int = 10_000,
    max_seconds: float = 120.0,
    expect: int = 200,
) -> dict[str, float]:
    """Time requests one after another on one keep-alive connection.

    Runs for `seconds` but at least `min_requests` requests (a slow page still gets
    a median), never past `max_requests` or `max_seconds`.
    """
    times: list[float] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=max_seconds)
    start = time.perf_counter()
    try:
        while len(times) < max_requests:
            elapsed = time.perf_counter() - start
            if elapsed > max_seconds or (
                elapsed > seconds and len(times) >= min_requests
            ):
                break
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            response.read()
            times.append(time.perf_counter() - t0)
            if response.status != expect:
                raise RuntimeError(f"GET {path} answered {response.status}")
    finally:
        conn.close()
    return {
        "rps": len(times) / (time.perf_counter() - start),
        "p50_ms": percentile(times, 50) * 1000,
        "p99_ms": percentile(times, 99) * 1000,
        "requests": float(len(times)),
    }


def _threads(
    port: int,
    path: str,
    headers: dict[str, str],
    connections: int,
    seconds: float,
    max_requests: int,
) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    budget = [max_requests]
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - start
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "requests": float(len(latencies)),
        "errors": float(errors[0]),
    }


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(
    port: int,
    path: str,
    headers: dict[str, str],
    connections: int,
    seconds: float,
    max_requests: int,
    expect: int,
) -> dict[str, float]:
    threads = min(2, connections)
    # json.dumps quotes and escapes like a Lua string literal (ETags carry quotes).
    header_lua = "\n".join(
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            WRK_SCRIPT.format(
                max_requests=max(1, max_requests // threads),
                expect=expect,
                headers=header_lua,
            )
        )
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        Path(script.name).unlink(missing_ok=True)
    if done.stderr.strip():
        # wrk reports a script error on stderr and carries on without the script.
        raise RuntimeError(f"wrk: {done.stderr.strip()[:500]}")
    return _parse_wrk(done.stdout)


def _parse_wrk(out: str) -> dict[str, float]:
    def latency(pct: str) -> float:
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            raise RuntimeError(f"no {pct}% latency in wrk output:\n{out}")
        return float(m.group(1)) * _UNITS[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    bad = re.search(r"unexpected_status: (\d+)", out)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if not rps or not total:
        raise RuntimeError(f"cannot read wrk output:\n{out}")
    return {
        "rps": float(rps.group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": float(total.group(1)),
        "errors": float(bad.group(1) if bad else 0)
        + (sum(int(g) for g in errors.groups()) if errors else 0),
    }
