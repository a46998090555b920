#!/usr/bin/env python3
"""Latency of every query class against a scale database, next to the same SQL run bare.

    scripts/scale/load.py DATABASE [--seconds 10] [--connections 50]

DATABASE is a database built by build.sh on the machine's PostgreSQL (ADMIN_URL, default
postgres://postgres@127.0.0.1:5432/postgres). For each class of query the script
  1. asks the service once, with statement logging on, to learn the exact SQL it runs;
  2. loads the service with wrk (loopback, CONNECTIONS connections, SECONDS seconds);
  3. runs that SQL bare with pgbench (same connections and duration), as the baseline.
It prints one row per class: requests/s, p50/p99 and errors of each, and the p99 ratio.
Needs wrk and pgbench (Debian packages wrk, postgresql-client) and a release build.
"""
import argparse, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
import urllib.parse, urllib.request

# The service's own session settings (db::connect), so that the bare SQL is planned and run
# as the service's is: without them, JIT compiles the larger queries on every execution.
SESSION = {**os.environ, "PGOPTIONS": "-c jit=off -c plan_cache_mode=force_custom_plan"}
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, "target", "release", "whosaid")
LOG = os.environ.get("PGLOG", "/var/log/postgresql/postgresql-15-main.log")


def psql(url, sql):
    out = subprocess.run(["psql", "-qAtX", url, "-c", sql], check=True, capture_output=True, text=True, env=SESSION)
    return out.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`whosaid serve` on a free loopback port, stopped on exit."""

    def __init__(self, url):
        self.port = free_port()
        self.proc = subprocess.Popen([BIN, "serve", "--addr", f"127.0.0.1:{self.port}", "--database-url", url],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base() + "/readyz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not become ready")

    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path):
        with urllib.request.urlopen(self.base() + path, timeout=60) as r:
            return r.status, r.read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def pick(url):
    """Parameters from the data itself: the most and least quoted people, and so on."""
    frequent = psql(url, "SELECT name FROM people ORDER BY statement_count DESC LIMIT 1")
    rare = psql(url, "SELECT name FROM people WHERE statement_count > 0 AND name ~ '^[A-Z][a-z]+ [A-Z][a-z]{3,}$' "
                     "ORDER BY statement_count, id LIMIT 1")
    org = psql(url, "SELECT name FROM organizations ORDER BY statement_count DESC LIMIT 1")
    last = rare.split()[-1]
    misspelt = rare.split()[0] + " " + last[:2] + last[3] + last[2] + last[4:]  # two letters swapped
    month = psql(url, "SELECT to_char(date_trunc('month', max(said_on)) - interval '2 years', 'YYYY-MM-DD') FROM statements")
    month_end = psql(url, f"SELECT to_char(date '{month}' + interval '1 month' - interval '1 day', 'YYYY-MM-DD')")
    by_id = psql(url, "SELECT id FROM statements ORDER BY id OFFSET (SELECT count(*) / 2 FROM statements) LIMIT 1")
    return dict(frequent=frequent, rare=rare, misspelt=misspelt, org=org, month=month, month_end=month_end,
                by_id=by_id, prefix=frequent.split()[-1][:4], topic="immigration")


def classes(p, deep_cursor):
    q = urllib.parse.quote_plus
    return [
        ("frequent name", f"/v1/statements?person={q(p['frequent'])}"),
        ("rare name", f"/v1/statements?person={q(p['rare'])}"),
        ("misspelt name", f"/v1/statements?person={q(p['misspelt'])}"),
        ("topic word", f"/v1/statements?q={q(p['topic'])}"),
        ("name + topic", f"/v1/statements?person={q(p['frequent'])}&q={q(p['topic'])}"),
        ("organisation", f"/v1/statements?organization={q(p['org'])}"),
        ("one-month range", f"/v1/statements?from={p['month']}&to={p['month_end']}"),
        ("no filter", "/v1/statements"),
        ("deep cursor page", f"/v1/statements?cursor={deep_cursor}"),
        ("by id", f"/v1/statements/{p['by_id']}"),
        ("people prefix", f"/v1/people?q={q(p['prefix'])}"),
        ("ask", f"/v1/ask?q={q('what did ' + p['frequent'] + ' say about ' + p['topic'])}"),
        ("timeline", f"/v1/stats/timeline?person={q(p['frequent'])}&interval=month"),
        ("top speakers", f"/v1/stats/speakers?from={p['month']}&to={p['month_end']}"),
    ]


def deep_cursor(server, pages=20):
    """The cursor after `pages` pages of 500 statements (10,000 rows in)."""
    import json
    path = "/v1/statements?limit=500"
    cursor = None
    for _ in range(pages):
        _, body = server.get(path + (f"&cursor={cursor}" if cursor else ""))
        cursor = json.loads(body)["next_cursor"]
    return cursor


ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
EXECUTE = re.compile(r"duration: [\d.]+ ms  execute [^:]*: (.*)", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
MARK = "whosaid_load_mark_"


def log_entries(text):
    entry = []
    for line in text.splitlines():
        if ENTRY.match(line) and entry:
            yield "\n".join(entry)
            entry = []
        entry.append(line)
    if entry:
        yield "\n".join(entry)


def captured_sql(text):
    """The statements each class ran, by class index, from the server log between marks."""
    by_class, current, pending = {}, None, None
    for entry in log_entries(text):
        if MARK in entry:
            m = re.search(MARK + r"(\d+)", entry)
            current = int(m.group(1)) if m else None
            pending = None
            continue
        if current is None:
            continue
        m = EXECUTE.search(entry)
        if m:
            pending = [m.group(1).strip(), {}]
            by_class.setdefault(current, []).append(pending)
        elif "DETAIL:  parameters:" in entry:
            if pending is not None:
                pending[1] = {int(n): v for n, v in PARAM.findall(entry)}
            pending = None
        else:
            pending = None  # parse and bind entries: their parameters are not the execute's
    return by_class


def bare(url, sql, params, name):
    """The statement with its parameters written in, each with the type PostgreSQL gave it."""
    if not params:
        return sql
    types = []
    psql_in = f"PREPARE {name} AS {sql};\nSELECT array_to_string(parameter_types, '|') FROM pg_prepared_statements WHERE name = '{name}';"
    out = subprocess.run(["psql", "-qAtX", url], input=psql_in, capture_output=True, text=True, env=SESSION)
    if not out.stdout.strip():
        raise SystemExit(f"could not prepare {sql!r}: {out.stderr}")
    types = out.stdout.strip().splitlines()[-1].split("|")
    for n in sorted(params, reverse=True):
        sql = re.sub(r"\$%d(?!\d)" % n, lambda _: f"({params[n]}::{types[n - 1]})", sql)
    return sql


def wrk(base, path, seconds, connections, rate):
    """wrk with each connection pausing between requests, so that `rate` requests per
    second are offered in all (0: as fast as the server answers)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        pause = connections * 1000.0 / rate if rate else 0
        lua.write(f"function delay() return {pause:.1f} * (0.5 + math.random()) end\n" if rate else "")
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                              "-s", lua.name, base + path], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(lua.name)
    def ms(label):
        m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\b" % re.escape(label), out, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(g) for g in m.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, ms("50%"), ms("99%"), errors


def pgbench(url, script, seconds, connections, rate):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "q.sql")
        with open(path, "w") as f:
            f.write(script)
        throttle = ["-R", str(rate)] if rate else []
        out = subprocess.run(["pgbench", "-n", "-M", "extended", "-c", str(connections), "-j", "2", *throttle,
                              "-T", str(seconds), "-f", path, "-l", "--log-prefix", os.path.join(d, "log"), url],
                             capture_output=True, text=True, cwd=d, env=SESSION)
        lat = []
        for name in os.listdir(d):
            if name.startswith("log"):
                with open(os.path.join(d, name)) as f:
                    lat.extend(int(line.split()[2]) / 1000 for line in f)
        failed = 0 if out.returncode == 0 else 1
        m = re.search(r"number of failed transactions: (\d+)", out.stdout)
        if m:
            failed += int(m.group(1))
    lat.sort()
    if not lat:
        return 0.0, float("nan"), float("nan"), max(failed, 1)
    return len(lat) / seconds, lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.99))], failed


def warm_plan(url, sql, runs=3):
    """The plan of the last of `runs` executions in one session: the first pays for a new
    session's cold catalog caches (a millisecond of planning for a trivial query), which the
    service's long-lived connections do not."""
    explain = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql.rstrip().rstrip(";") + ";\n\\echo " + MARK + "\n"
    out = subprocess.run(["psql", "-qAtX", url], input=explain * runs, check=True, capture_output=True,
                         text=True, env=SESSION).stdout
    return out.split(MARK)[-2].strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("database")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--only", help="run only classes whose name contains this")
    ap.add_argument("--explain", action="store_true",
                    help="print each class's SQL with EXPLAIN (ANALYZE, BUFFERS), the third run in one session, instead of loading")
    ap.add_argument("--rate", type=int, default=200,
                    help="requests per second offered in all (the load is bounded: each connection "
                         "waits between requests; pgbench -R the same), default 200; 0 for as fast as possible")
    args = ap.parse_args()
    for tool in ("wrk", "pgbench", "psql"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed")
    admin = os.environ.get("ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = admin.rsplit("/", 1)[0] + "/" + args.database
    count = psql(url, "SELECT count(*) FROM statements")
    p = pick(url)

    # 1. The SQL of each class, from the server log (statement logging for this database only).
    psql(admin, f"ALTER DATABASE {args.database} SET log_min_duration_statement = 0")
    try:
        server = Server(url)
        try:
            cursor = deep_cursor(server)
            todo = classes(p, cursor)
            start = os.path.getsize(LOG)
            for i, (_, path) in enumerate(todo):
                psql(url, f"SELECT '{MARK}{i}'")
                status, _ = server.get(path)
                assert status == 200, (path, status)
                time.sleep(0.05)
            psql(url, f"SELECT '{MARK}end'")
        finally:
            server.stop()
    finally:
        psql(admin, f"ALTER DATABASE {args.database} RESET log_min_duration_statement")
    time.sleep(0.5)
    with open(LOG, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        sql = captured_sql(f.read())

    if args.explain:
        for i, (name, path) in enumerate(todo):
            if args.only and args.only not in name:
                continue
            print(f"## {name}: GET {path}")
            for j, (s, prm) in enumerate(sql.get(i, [])):
                plan = warm_plan(url, bare(url, s, prm, f"e{i}_{j}"))
                print(" ".join(s.split())[:300])
                print(plan, "\n")
        return

    # 2. and 3. The service under load, then its SQL bare.
    server = Server(url)
    try:
        offered = f"{args.rate} requests/s offered" if args.rate else "unthrottled"
        print(f"{args.database}: {count} statements; {args.connections} connections, {offered}, {args.seconds} s each; "
              f"p99 in ms; ratio = service p99 / bare SQL p99")
        print(f"{'class':18} {'req/s':>7} {'p50':>7} {'p99':>7} {'err':>4} | {'sql/s':>7} {'p50':>7} {'p99':>7} {'err':>4} | {'ratio':>5} | queries")
        rows = []
        for i, (name, path) in enumerate(todo):
            if args.only and args.only not in name:
                continue
            statements = [bare(url, s, prm, f"w{i}_{j}") for j, (s, prm) in enumerate(sql.get(i, []))]
            script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
            rps, p50, p99, err = wrk(server.base(), path, args.seconds, args.connections, args.rate)
            srps, sp50, sp99, serr = (pgbench(url, script, args.seconds, args.connections, args.rate)
                                      if statements else (0, 0, 0, 0))
            ratio = p99 / sp99 if sp99 else float("nan")
            rows.append((name, p99, err, ratio))
            print(f"{name:18} {rps:7.0f} {p50:7.1f} {p99:7.1f} {err:4d} | {srps:7.0f} {sp50:7.1f} {sp99:7.1f} {serr:4d} | "
                  f"{ratio:5.2f} | {len(statements)}", flush=True)
            if os.environ.get("SHOW_SQL"):
                print(script)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
