"""P10: our tasks through a real Celery worker on Redis, vs bare no-op tasks.

One worker (the Procfile's flags: prefork, concurrency 2) on the benchmarks' own
Redis db, started on an idle queue. Each batch is published to `bench.work`
first; then the worker is told to consume it (remote control `add_consumer`) and
the clock runs until the queue and the unacked set are empty. So the figure is
the worker's, not the publisher's. "Our task" is `claims.tasks.dispatch_events`
(beat runs it every 10 s and every claim event kicks it): acks_late, a transaction
with `SELECT … FOR UPDATE SKIP LOCKED` on the outbox, empty here.
"""

import argparse
import os
import subprocess
import time

from . import env
from .harness import Row, emit, interleave, log, med, paired_ratio, stop_on_sigterm

OUR_TASK = "claims.tasks.dispatch_events"
NOOP_TASK = "bench.noop"
WORK_QUEUE = "bench.work"
IDLE_QUEUE = "bench.idle"
WORKER_FLAGS = ["--pool", "prefork", "--concurrency", "2"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    stop_on_sigterm()

    import django

    django.setup()
    import redis

    from factcheck.celery import app

    broker = os.environ["CELERY_BROKER_URL"]
    client = redis.Redis.from_url(broker)
    hostname = f"bench-{os.getpid()}@127.0.0.1"

    def drained() -> bool:
        return client.llen(WORK_QUEUE) == 0 and client.hlen("unacked") == 0

    client.delete(WORK_QUEUE, IDLE_QUEUE, "unacked", "unacked_index")
    worker = subprocess.Popen(
        [
            env.PYTHON,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "-Q",
            IDLE_QUEUE,
            "-n",
            hostname,
            "-I",
            "bench.tasks",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            *WORKER_FLAGS,
        ],
        cwd=env.ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[hostname], timeout=1.0):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("the Celery worker did not start")

        def batch(task_name: str, n: int) -> dict[str, float]:
            with app.producer_or_acquire() as producer:
                for _ in range(n):
                    app.send_task(task_name, queue=WORK_QUEUE, producer=producer)
            if client.llen(WORK_QUEUE) != n:
                raise RuntimeError(f"published {client.llen(WORK_QUEUE)} of {n}")
            t0 = time.perf_counter()
            app.control.add_consumer(
                WORK_QUEUE, destination=[hostname], reply=True, timeout=10
            )
            limit = t0 + 300
            while not drained():
                if time.perf_counter() > limit:
                    raise RuntimeError(f"{task_name}: not drained within 300 s")
                time.sleep(0.005)
            elapsed = time.perf_counter() - t0
            app.control.cancel_consumer(
                WORK_QUEUE, destination=[hostname], reply=True, timeout=10
            )
            return {"s": elapsed, "tasks_per_s": n / elapsed}

        # Each side's tasks are split over the rounds, so A and B alternate often.
        share = -(-args.tasks // args.rounds)

        def ours(round_no: int) -> dict[str, float]:
            return batch(OUR_TASK, share if round_no >= 0 else 200)

        def noop(round_no: int) -> dict[str, float]:
            return batch(NOOP_TASK, share if round_no >= 0 else 200)

        a, b = interleave(ours, noop, rounds=args.rounds, log=log)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
        client.delete(WORK_QUEUE, IDLE_QUEUE, "unacked", "unacked_index")

    ratio = paired_ratio(a, b, "tasks_per_s")
    emit(
        [
            Row(
                "P10",
                f"Celery: {args.tasks:,} of our tasks ({OUR_TASK}) through a real "
                f"worker on Redis (prefork, concurrency 2), {args.rounds} rounds of "
                f"{share:,}",
                f"{args.tasks:,} bare no-op tasks, same worker flags",
                "≥ 0.7×",
                result=f"{ratio:.3f}×",
                detail=(
                    f"ours {med(a, 'tasks_per_s'):,.0f} tasks/s vs no-op "
                    f"{med(b, 'tasks_per_s'):,.0f} tasks/s"
                ),
                met=ratio >= 0.7,
                extra={"rounds": args.rounds},
            )
        ]
    )


if __name__ == "__main__":
    main()
