#!/usr/bin/env python3
"""Load check for a running whosaid (loopback only, bounded, stops by itself).

    scripts/load.py [--base http://127.0.0.1:8080] [--articles 200] [--queries 2000] [--threads 4]

Ingests synthetic wire stories, then runs a mix of statement queries, and reports each
phase as requests per second next to a baseline measured in the same run (GET /healthz,
which touches neither the extractor nor the database), so figures compare across machines.
"""
import argparse, http.client, json, random, threading, time
from urllib.parse import urlparse, quote

NAMES = ["Ana Torres", "Brian Okafor", "Chen Wei", "Dana Whitfield", "Elif Kaya", "Omar Haddad"]
ORGS = ["the Harbour Authority", "the Transport Ministry", "City Council"]


def article(n):
    rnd = random.Random(n)
    paras = [f"Story {n}: harbour project update"]
    for i in range(12):
        name = rnd.choice(NAMES)
        surname = name.split()[-1]
        day = 1 + (n + i) % 27
        paras.append(f"{name}, a spokesperson for {rnd.choice(ORGS)}, said on {day} March that "
                     f"section {n}-{i} would open after the inspection.")
        paras.append(f"“We expect the cranes for part {i} by spring,” {surname} told reporters.")
    return {"text": "\n\n".join(paras), "published_at": "2024-03-28",
            "url": f"https://load.example.org/{n}-{time.time_ns()}"}


def run(base, requests, threads):
    """Sends (method, path, body) requests from `threads` connections; returns (rps, errors)."""
    url = urlparse(base)
    todo = list(requests)
    lock = threading.Lock()
    errors = []

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        while True:
            with lock:
                if not todo:
                    break
                method, path, body = todo.pop()
            data = json.dumps(body).encode() if body is not None else None
            headers = {"content-type": "application/json"} if data else {}
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status >= 400:
                with lock:
                    errors.append((resp.status, path))
        conn.close()

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return len(requests) / (time.perf_counter() - start), errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=4)
    a = ap.parse_args()
    if urlparse(a.base).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load.py only targets this machine (127.0.0.1, localhost or ::1)")
    baseline, _ = run(a.base, [("GET", "/healthz", None)] * a.queries, a.threads)
    ingest, ingest_errors = run(a.base, [("POST", "/v1/articles", article(n)) for n in range(a.articles)], a.threads)
    rnd = random.Random(1)
    queries = []
    for _ in range(a.queries):
        queries.append(rnd.choice([
            ("GET", "/v1/statements?person=" + quote(rnd.choice(NAMES).split()[-1]), None),
            ("GET", "/v1/statements?q=inspection&limit=20", None),
            ("GET", f"/v1/statements?from=2024-03-{rnd.randint(1, 9):02d}&to=2024-03-{rnd.randint(10, 28)}", None),
            ("GET", "/v1/statements?organization=" + quote("Transport Ministry"), None),
            ("GET", "/v1/people?q=" + quote(rnd.choice(NAMES).split()[0].lower()), None),
        ]))
    query, query_errors = run(a.base, queries, a.threads)
    print(f"baseline GET /healthz   {baseline:8.0f} req/s")
    print(f"POST /v1/articles       {ingest:8.1f} req/s  ({ingest / baseline:.4f} of baseline)")
    print(f"statement/people reads  {query:8.1f} req/s  ({query / baseline:.3f} of baseline)")
    if ingest_errors or query_errors:
        raise SystemExit(f"errors: {(ingest_errors + query_errors)[:5]}")


if __name__ == "__main__":
    main()
