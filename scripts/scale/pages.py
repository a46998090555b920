#!/usr/bin/env python3
"""Server time and size of the web pages against a scale database.

    scripts/scale/pages.py DATABASE [--runs 30]

Starts `whosaid serve` (release build) on DATABASE (built by build.sh), then requests each
page class RUNS times, one at a time on loopback (so the time is the server's, plus a
loopback round trip), after one warm-up request, and prints the median, p95 and largest
time, and the page's size as sent (gzip) and unpacked. Next to it, `/healthz` measured the
same way is the floor of what loopback HTTP costs in the same run.
"""
import argparse, gzip, os, statistics, sys, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from load import Server, pick, psql  # noqa: E402


def timed(server, path):
    request = urllib.request.Request(server.base() + path, headers={"Accept-Encoding": "gzip"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as r:
        body = r.read()
        status = r.status
    elapsed = (time.perf_counter() - start) * 1000
    raw = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
    return status, elapsed, len(body), len(raw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("database")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    admin = os.environ.get("ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = admin.rsplit("/", 1)[0] + "/" + args.database
    p = pick(url)
    statements = psql(url, "SELECT count(*) FROM statements")
    person = psql(url, "SELECT id FROM people ORDER BY statement_count DESC LIMIT 1")
    org = psql(url, "SELECT id FROM organizations ORDER BY statement_count DESC LIMIT 1")
    q = urllib.parse.quote
    pages = [
        ("loopback floor: /healthz", "/healthz"),
        ("front page (newest)", "/"),
        ("question: name + topic", "/?q=" + q(f"what did {p['frequent']} say about {p['topic']}")),
        ("question: rare name", "/?q=" + q(f"what did {p['rare']} say")),
        ("question: misspelt name", "/?q=" + q(f"what did {p['misspelt']} say")),
        ("question: one month", "/?q=" + q("statements in " + time.strftime("%B %Y", time.strptime(p["month"], "%Y-%m-%d")))),
        ("statement page", f"/statements/{p['by_id']}"),
        ("person page (most quoted)", f"/people/{person}"),
        ("organisation page", f"/organizations/{org}"),
        ("topic page", "/topics?q=" + q(p["topic"])),
    ]
    server = Server(url)
    try:
        print(f"{args.database}: {statements} statements; {args.runs} sequential requests per page\n")
        print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'gzip KB':>8} {'html KB':>8}")
        for name, path in pages:
            status, *_ = timed(server, path)  # warm-up
            if status != 200:
                raise SystemExit(f"{path}: {status}")
            runs = [timed(server, path) for _ in range(args.runs)]
            times = sorted(r[1] for r in runs)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"{name:32} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} "
                  f"{runs[0][2] / 1024:8.1f} {runs[0][3] / 1024:8.1f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
