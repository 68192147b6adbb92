"""What the fault tests run: a private Redis, Celery workers, a webhook receiver."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import ROOT, _database_url


def free_port() -> int:
    """Return a loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A private `redis-server`, no persistence, that a test may stop and start."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> None:
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not _answers(self.port):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def client(self):  # type: ignore[no-untyped-def]
        import redis

        return redis.Redis.from_url(self.url)


class Worker:
    """A real `celery worker` (optionally with embedded beat) on the test database."""

    def __init__(
        self, broker_url: str, db_name: str, logdir: Path, name: str, **env: str
    ) -> None:
        self.log_path = logdir / f"{name}.log"
        self.log = self.log_path.open("w")
        pool = (
            ["--pool", "prefork", "--concurrency", "1"]
            if env.pop("PREFORK", "")
            else ["--pool", "solo"]
        )
        beat = (
            ["-B", "--schedule", str(logdir / f"{name}-beat")]
            if env.pop("BEAT", "")
            else []
        )
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.pipeline.worker_app",
                "worker",
                "-Q",
                "default,imports,notifications",
                *pool,
                "--loglevel",
                "INFO",
                "--hostname",
                f"{name}@%h",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                *beat,
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.settings_worker",
                "CELERY_BROKER_URL": broker_url,
                "DATABASE_URL": _database_url(db_name),
                "FACTCHECK_TESTING": "1",
                "DJANGO_DEBUG": "1",
                **env,
            },
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60) -> None:
        """Return once the worker says it is connected and consuming."""
        deadline = time.monotonic() + timeout
        while " ready." not in self.output():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"worker not ready:\n{self.output()[-3000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the worker and anything it started (beat), as a crash would."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@dataclass
class Received:
    at: float
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A loopback HTTP receiver answering from a script: (status, headers) in turn."""

    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering (a slow receiver)
    delays: list[float] = field(default_factory=list)  # per request, in turn
    protocol: str = "HTTP/1.1"
    body: bytes = b"ok"

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = receiver.protocol

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.received.append(
                        Received(
                            time.time(),
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                        )
                    )
                    n = len(receiver.received)
                wait = receiver.delays[n - 1] if n <= len(receiver.delays) else 0
                if wait or receiver.delay:
                    time.sleep(wait or receiver.delay)
                status, headers = (
                    receiver.script[n - 1] if n <= len(receiver.script) else (200, {})
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(receiver.body)))
                self.end_headers()
                self.wfile.write(receiver.body)

            def log_message(self, *args: object) -> None:
                pass

        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/factcheck"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def publishing_to(broker_url: str) -> Iterator[None]:
    """Make this process publish to `broker_url` (the test's private Redis)."""
    from factcheck.celery import app

    # Celery prefers the CELERY_BROKER_URL variable to `broker_url`, but not to
    # `broker_write_url`, which is what publishing uses.
    before = app.conf.get("broker_write_url")
    app.conf.broker_write_url = broker_url
    app._after_fork()  # drop pooled connections to the old broker
    try:
        yield
    finally:
        app.conf.broker_write_url = before
        app._after_fork()


@contextmanager
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="fc-pipeline-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
