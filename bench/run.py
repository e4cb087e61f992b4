"""The benchmark harness behind ``make bench``.

1. Prepares a database at benchmark scale (``DATABASE_URL`` if set, else ``var/bench/bench.sqlite3``):
   migrations, seed content, ``generate_scale_data`` (1,000 programmes, 10,000 cases, 500 people, the 342
   municipalities, 50,000 registrations by default; an existing dataset is topped up, not rebuilt).
2. Starts the production server (``portal.settings.production``, gunicorn, 2 workers, DEBUG off) on a free
   127.0.0.1 port, behind a pretend TLS proxy (every request carries ``X-Forwarded-Proto: https``).
3. Measures every scenario with wrk on loopback, and server CPU per request from /proc (the gunicorn
   workers' user+system time divided by the requests served).
4. Writes ``bench/results/<timestamp>-<database>.json`` and ``.md`` (requests/s, p50, p99, errors, ratio to
   the static file).

Run: ``make bench`` (``BENCH_ARGS="--duration 5 --quick"`` for a smaller, faster run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


@dataclass
class Scenario:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    content_type: str = ""
    cache: str = "uncached"  # "uncached", "cached" or "n/a"


@dataclass
class Result:
    name: str
    path: str
    cache: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms_per_request: float | None
    ratio_to_static: float | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))

    def to_ms(text: str) -> float:
        match = re.match(r"([\d.]+)(us|ms|s|m)", text)
        return round(_ms(match.group(1), match.group(2)), 2)

    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    return {
        "requests_per_s": rps,
        "requests": requests,
        "p50_ms": to_ms(latency.get("50", "0ms")),
        "p99_ms": to_ms(latency.get("99", "0ms")),
        "errors": errors,
    }


def process_cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf(os.sysconf_names["SC_CLK_TCK"])
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


class Server:
    def __init__(self, env: dict, workers: int = 2) -> None:
        self.port = free_port()
        self.env = env
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log = open(ROOT / "var" / "bench" / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if (
                        response.status == 200
                        and len(worker_pids(self.process.pid)) >= self.workers
                    ):
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start; see var/bench/gunicorn.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu(self) -> float:
        return process_cpu_seconds(worker_pids(self.process.pid))

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def run_wrk(
    server: Server, scenario: Scenario, duration: int, connections: int, threads: int
) -> Result:
    headers = ["-H", "X-Forwarded-Proto: https", "-H", "Host: localhost"]
    script = None
    if scenario.method != "GET":
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(
            f'wrk.method = "{scenario.method}"\n'
            f"wrk.body = {json.dumps(scenario.body)}\n"
            f'wrk.headers["Content-Type"] = "{scenario.content_type}"\n'
        )
        script.close()
    # warm up (fills the page cache for "cached" scenarios, and the workers' imports)
    subprocess.run(
        [
            "wrk",
            "-t1",
            "-c2",
            "-d1s",
            *headers,
            *(["-s", script.name] if script else []),
            server.url + scenario.path,
        ],
        capture_output=True,
        check=False,
    )
    cpu_before = server.cpu()
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            *headers,
            *(["-s", script.name] if script else []),
            server.url + scenario.path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu_used = server.cpu() - cpu_before
    parsed = parse_wrk(output)
    cpu_ms = round(cpu_used * 1000 / parsed["requests"], 2) if parsed["requests"] else None
    return Result(
        name=scenario.name,
        path=scenario.path,
        cache=scenario.cache,
        cpu_ms_per_request=cpu_ms,
        **parsed,
    )


def run_locust(
    server: Server, env: dict, duration: int, users: int, programmes: int
) -> list[Result]:
    """Complete registrations with locust; one result per step (form, review, confirm)."""
    import csv

    prefix = ROOT / "var" / "bench" / "locust"
    cpu_before = server.cpu()
    subprocess.run(
        [
            str(Path(PYTHON).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{duration}s",
            "--host",
            server.url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT), "BENCH_PROGRAMMES": str(programmes)},
        capture_output=True,
        check=False,
    )
    cpu_used = server.cpu() - cpu_before
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", newline="")))  # noqa: SIM115
    total = sum(int(r["Request Count"]) for r in rows if r["Name"] != "Aggregated") or 1
    results = []
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        results.append(
            Result(
                name=row["Name"],
                path="/aan-de-slag/<programme>/aanmelden/",
                cache="n/a",
                requests_per_s=round(float(row["Requests/s"]), 1),
                p50_ms=float(row["50%"]),
                p99_ms=float(row["99%"]),
                requests=int(row["Request Count"]),
                errors=int(row["Failure Count"]),
                cpu_ms_per_request=round(cpu_used * 1000 / total, 2),
            )
        )
    return results


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict, scale: dict) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    manage(
        env,
        "generate_scale_data",
        f"--programmes={scale['programmes']}",
        f"--cases={scale['cases']}",
        f"--people={scale['people']}",
        f"--registrations={scale['registrations']}",
    )
    manage(env, "collectstatic", "--noinput", "-v0")


def scenarios() -> list[Scenario]:
    """Pages and search with the page and search caches off ("uncached"), then the API."""
    return [
        Scenario("catalogue, all", "/aan-de-slag/"),
        Scenario("catalogue, griffiers", "/aan-de-slag/?functie=griffiers"),
        Scenario("catalogue, raadsleden page 2", "/aan-de-slag/?functie=raadsleden&page=2"),
        Scenario("programme page", "/aan-de-slag/leerkring-raadsakkoorden/"),
        Scenario("programme page (generated)", "/aan-de-slag/schaal-programma-10/"),
        Scenario("case library, filtered", "/casussen/?functie=raadsleden&soort=report"),
        Scenario(
            "case page", "/casussen/themabijeenkomst-ondersteuning-politieke-ambtsdragers-2018/"
        ),
        Scenario(
            "fee quote API",
            "/api/v1/programmes/leerkring-raadsakkoorden/fee-quote/?municipality=GM0363&track=leerkring",
            cache="n/a",
        ),
        # "griffie" is in nearly every generated page (the worst case); "raadsakkoord" in a handful.
        Scenario("search", "/zoeken/?q=griffie"),
        Scenario("search, filtered", "/zoeken/?q=griffie&functie=raadsleden&soort=case"),
        Scenario("search, rare word", "/zoeken/?q=raadsakkoord"),
        # The self-scan (guidance app): a question with earlier answers, and the ranked result.
        Scenario("self-scan, question 3", "/zelfscan/wat-past-bij-uw-gemeente/vraag/3/?a1=1&a2=1"),
        Scenario(
            "self-scan, result",
            "/zelfscan/wat-past-bij-uw-gemeente/uitslag/?a1=1&a2=1&a3=1&a4=1&a5=2",
        ),
    ]


def cached_scenarios() -> list[Scenario]:
    return [Scenario(s.name, s.path, cache="cached") for s in scenarios() if s.cache == "uncached"]


def print_result(result: Result) -> None:
    print(
        f"{result.name:40} {result.requests_per_s:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  errors {result.errors}  cpu {result.cpu_ms_per_request} ms/req"
    )


def write_results(results: list[Result], meta: dict) -> tuple[Path, Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = RESULTS / f"{stamp}-{meta['database']}"
    static = next((r for r in results if r.name == "static file (floor)"), None)
    for result in results:
        if static and static.requests_per_s:
            result.ratio_to_static = round(result.requests_per_s / static.requests_per_s, 3)
    json_path = base.with_suffix(".json")
    json_path.write_text(
        json.dumps({"meta": meta, "results": [asdict(r) for r in results]}, indent=2)
    )
    lines = [
        f"# Benchmark {stamp} ({meta['database']})",
        "",
        f"{meta['workers']} gunicorn workers, wrk {meta['threads']} threads / {meta['connections']} connections, "
        f"{meta['duration']} s per scenario; scale: {meta['scale']}.",
        "",
        "| scenario | cache | req/s | p50 ms | p99 ms | errors | CPU ms/req | ratio to static |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.cache} | {r.requests_per_s:.0f} | {r.p50_ms} | {r.p99_ms} | {r.errors} | "
            f"{r.cpu_ms_per_request if r.cpu_ms_per_request is not None else '-'} | "
            f"{r.ratio_to_static if r.ratio_to_static is not None else '-'} |"
        )
    md_path = base.with_suffix(".md")
    md_path.write_text("\n".join(lines) + "\n")
    return json_path, md_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--quick", action="store_true", help="Small dataset (100 programmes, 1,000 cases)."
    )
    parser.add_argument("--only", help="Run only scenarios whose name contains this text.")
    parser.add_argument(
        "--registrants",
        type=int,
        default=20,
        help="Simulated people registering at once (locust); each waits 3 s on the form.",
    )
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    database_url = (
        os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"
    )
    scale = (
        {"programmes": 100, "cases": 1000, "people": 100, "registrations": 5000}
        if args.quick
        else {"programmes": 1000, "cases": 10000, "people": 500, "registrations": 50000}
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "RATE_LIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    prepare(env, scale)
    results: list[Result] = []
    static = Scenario("static file (floor)", "/static/css/portal.css", cache="n/a")

    def chosen(items: list[Scenario]) -> list[Scenario]:
        return [s for s in items if not args.only or args.only in s.name]

    # Pass 1: the page and search caches off, so every page is rendered and every search runs (server CPU
    # per request is the real cost).
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0", "SEARCH_CACHE_SECONDS": "0"}
    with Server(uncached_env, workers=args.workers) as server:
        for scenario in chosen([static, *scenarios()]):
            results.append(run_wrk(server, scenario, args.duration, args.connections, args.threads))
            print_result(results[-1])
    # Pass 2: the page and search caches on, as in production.
    with Server(env, workers=args.workers) as server:
        for scenario in chosen(cached_scenarios()):
            results.append(run_wrk(server, scenario, args.duration, args.connections, args.threads))
            print_result(results[-1])
        if not args.only or "registration" in args.only:
            if shutil.which(str(Path(PYTHON).parent / "locust")):
                for result in run_locust(
                    server,
                    env,
                    max(args.duration, 30),
                    users=args.registrants,
                    programmes=scale["programmes"],
                ):
                    results.append(result)
                    print_result(result)
            else:
                print(
                    "locust is not installed (pip install -e '.[bench]'): registration scenario skipped"
                )
    meta = {
        "database": "postgresql" if database_url.startswith("postgres") else "sqlite",
        "workers": args.workers,
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "scale": scale,
        "cpu_count": os.cpu_count(),
    }
    json_path, md_path = write_results(results, meta)
    print(f"Results: {json_path.relative_to(ROOT)} and {md_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
