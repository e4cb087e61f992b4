"""The benchmark harness behind ``make bench``.

1. Prepares a database at benchmark scale (``DATABASE_URL`` if set, else ``var/bench/bench.sqlite3``):
   migrations, seed content, ``generate_scale_data`` (1,000 programmes, 10,000 cases, 500 people, the 342
   municipalities, 50,000 registrations by default; an existing dataset is topped up, not rebuilt).
2. Starts the production server (``portal.settings.production``, gunicorn, 2 workers, DEBUG off) on a free
   127.0.0.1 port, behind a pretend TLS proxy (every request carries ``X-Forwarded-Proto: https``).
3. Measures every scenario with wrk on loopback, and server CPU per request from /proc (the gunicorn
   workers' user+system time divided by the requests served); and the CPU of a registration's form,
   review and confirm steps in-process (``bench/confirm_cpu.py``, ``time.process_time``). The admin
   scenarios (the registrations list and the capacity page) log in as a Programmabureau member through
   the admin's login form and run with one connection: one staff member at work, not a crowd.
4. Writes ``bench/results/<timestamp>-<database>.json`` and ``.md`` (requests/s, p50, p99, errors, ratio to
   the static file).

It also prints the relevance figures (``bench.relevance``) and measures "search, never seen": random words
and word pairs from the indexed vocabulary with the search cache on, so nearly every search is a miss.

Run: ``make bench`` (``BENCH_ARGS="--duration 5 --quick"`` for a smaller, faster run; ``--reindex`` after
changing the search analysis; ``BENCH_ARGS="--quick --registrations 50000 --only admin"`` for the admin
pages at full registration scale on a small site).
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
import urllib.error
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
    lua: str = ""  # a wrk script that makes every request (instead of ``path``)
    headers: tuple[str, ...] = ()  # extra request headers ("Cookie: ...")
    connections: int | None = None  # None: the run's --connections


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
    def __init__(self, env: dict, workers: int = 2, port: int = 0) -> None:
        self.port = port or free_port()
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
    for header in scenario.headers:
        headers += ["-H", header]
    if scenario.connections is not None:
        connections = scenario.connections
        threads = min(threads, connections)
    script = None
    if scenario.lua:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(scenario.lua)
        script.close()
    elif scenario.method != "GET":
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


def prepare(env: dict, scale: dict, reindex: bool = False) -> None:
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
    if reindex:  # after a change to the search analysis (search.analysis, index settings)
        manage(env, "update_index", "-v0")


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


NEVER_SEEN_LUA = """
-- Every request a search the cache has not seen: a random word or word pair from the index's words.
local words = {}
for line in io.lines("%(vocabulary)s") do words[#words + 1] = line end
local counter = 0
setup = function(thread) thread:set("seed", math.random(1, 1000000)) end
init = function(args) math.randomseed(seed + os.time()) end
request = function()
  counter = counter + 1
  local q = words[math.random(#words)]
  local roll = math.random()
  if roll < 0.1 then q = "griffie"
  elseif roll < 0.55 then q = q .. "+" .. words[math.random(#words)] end
  -- a page number keeps a repeated word from being a cache hit of an earlier request
  local page = (counter %% 3 == 0) and ("&page=" .. math.random(1, 3)) or ""
  return wrk.format("GET", "/zoeken/?q=" .. q .. page)
end
"""


def never_seen_search(env: dict) -> Scenario:
    """Searches for random words and word pairs drawn from the indexed vocabulary (``bench.vocabulary``),
    with the search cache on: nearly every request is a miss, as for a visitor typing something new."""
    vocabulary = ROOT / "var" / "bench" / "vocabulary.txt"
    words = subprocess.run(
        [PYTHON, "-m", "bench.vocabulary"], cwd=ROOT, env=env, check=True, capture_output=True
    ).stdout
    vocabulary.write_bytes(words)
    return Scenario(
        "search, never seen",
        "/zoeken/?q=(random)",
        cache="cached",
        lua=NEVER_SEEN_LUA % {"vocabulary": vocabulary},
    )


def print_relevance(env: dict) -> None:
    """recall@5 and MRR of the relevance set (tests/search/relevance.yaml) on this database."""
    subprocess.run([PYTHON, "-m", "bench.relevance"], cwd=ROOT, env=env, check=False)


STAFF_USERNAME = "bench-programmabureau"


def create_staff_user(env: dict) -> str:
    """A Programmabureau member with a fresh random password (created or reset); returns the password."""
    password = secrets.token_urlsafe(24)
    code = (
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group; "
        f"u, _ = get_user_model().objects.get_or_create(username={STAFF_USERNAME!r}); "
        f"u.is_active = True; u.set_password({password!r}); u.save(); "
        "u.groups.add(Group.objects.get(name='Programmabureau'))"
    )
    manage(env, "shell", "--no-imports", "-c", code)
    return password


def _cookies(response) -> dict[str, str]:
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def staff_login(server: Server, password: str) -> str:
    """Log in through the admin's login form (as a browser behind the TLS proxy would); returns the
    ``Cookie`` header of the session."""
    import urllib.parse

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    proxy = {"X-Forwarded-Proto": "https", "Host": "localhost"}
    login_url = server.url + "/admin/login/"
    with opener.open(urllib.request.Request(login_url, headers=proxy), timeout=30) as response:
        html = response.read().decode()
        cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": STAFF_USERNAME, "password": password}
    ).encode()
    request = urllib.request.Request(
        login_url,
        data=body,
        headers={
            **proxy,
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": "https://localhost/admin/login/",
            "Origin": "https://localhost",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        opener.open(request, timeout=30)
        raise RuntimeError("admin login did not redirect: wrong password or locked out?")
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise
        cookies.update(_cookies(redirect))
    session = {k: v for k, v in cookies.items() if "session" in k}
    if not session:
        raise RuntimeError("admin login set no session cookie")
    return "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())


def admin_scenarios(cookie: str) -> list[Scenario]:
    """The registrations admin for a logged-in Programmabureau member (one connection)."""
    headers = (cookie,)
    return [
        Scenario(
            "admin: registrations list",
            "/admin/aanmeldingen/",
            cache="n/a",
            headers=headers,
            connections=1,
        ),
        Scenario(
            "admin: capacity per edition",
            "/admin/aanmeldingen/capaciteit/",
            cache="n/a",
            headers=headers,
            connections=1,
        ),
    ]


def cached_scenarios() -> list[Scenario]:
    return [Scenario(s.name, s.path, cache="cached") for s in scenarios() if s.cache == "uncached"]


def print_result(result: Result) -> None:
    print(
        f"{result.name:40} {result.requests_per_s:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  errors {result.errors}  cpu {result.cpu_ms_per_request} ms/req"
    )


def measure_confirm_cpu(env: dict, count: int) -> dict | None:
    """Server CPU of the form, review and confirm steps, in-process (``bench/confirm_cpu.py``)."""
    done = subprocess.run(
        [PYTHON, "-m", "bench.confirm_cpu", "--count", str(count), "--json"],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"confirm CPU measurement failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    if meta.get("confirm_cpu"):
        figures = meta["confirm_cpu"]
        lines += [
            "",
            f"Registration steps, server CPU in-process (`bench/confirm_cpu.py`, n={figures['count']}, "
            "target for confirm: 15 ms):",
            "",
            "| step | median ms | mean ms | max ms |",
            "| --- | ---: | ---: | ---: |",
        ]
        for step in ("form", "review", "confirm"):
            f = figures[step]
            lines.append(f"| {step} | {f['median_ms']} | {f['mean_ms']} | {f['max_ms']} |")
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
    parser.add_argument("--port", type=int, default=0, help="Server port (default: a free one).")
    parser.add_argument(
        "--reindex", action="store_true", help="Rebuild the search index before measuring."
    )
    parser.add_argument(
        "--registrations",
        type=int,
        help="Registrations in the dataset (default 50,000; 5,000 with --quick).",
    )
    parser.add_argument(
        "--confirm-count",
        type=int,
        default=30,
        help="Registrations measured in-process for the confirm step's CPU (bench/confirm_cpu.py).",
    )
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
    if args.registrations is not None:
        scale["registrations"] = args.registrations
        # generate_scale_data registers each of the 342 municipalities once per generated programme.
        scale["programmes"] = max(scale["programmes"], -(-args.registrations // 342))
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "RATE_LIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    prepare(env, scale, reindex=args.reindex)
    print_relevance(env)
    results: list[Result] = []
    static = Scenario("static file (floor)", "/static/css/portal.css", cache="n/a")

    def chosen(items: list[Scenario]) -> list[Scenario]:
        return [s for s in items if not args.only or args.only in s.name]

    # Pass 1: the page and search caches off, so every page is rendered and every search runs (server CPU
    # per request is the real cost).
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0", "SEARCH_CACHE_SECONDS": "0"}
    staff_password = create_staff_user(env)
    with Server(uncached_env, workers=args.workers, port=args.port) as server:
        for scenario in [static, *chosen(scenarios())]:
            results.append(run_wrk(server, scenario, args.duration, args.connections, args.threads))
            print_result(results[-1])
        admin = chosen(admin_scenarios("Cookie: -"))
        if admin:
            cookie = staff_login(server, staff_password)
            for scenario in admin_scenarios(cookie):
                if scenario.name in {s.name for s in admin}:
                    results.append(
                        run_wrk(server, scenario, args.duration, args.connections, args.threads)
                    )
                    print_result(results[-1])
    # Pass 2: the page and search caches on, as in production.
    with Server(env, workers=args.workers, port=args.port) as server:
        # The static floor again, side by side with the never-seen searches in the same server run.
        floor = Scenario("static file (floor, second pass)", static.path, cache="n/a")
        for scenario in [floor, *chosen([never_seen_search(env), *cached_scenarios()])]:
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
    confirm_cpu = None
    if not args.only or "registration" in args.only:
        confirm_cpu = measure_confirm_cpu(env, args.confirm_count)
        print(f"registration steps, in-process CPU ms (median): {confirm_cpu}")
    meta = {
        "confirm_cpu": confirm_cpu,
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
