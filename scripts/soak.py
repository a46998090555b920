#!/usr/bin/env python3
"""Soak and attack a running whosaid on this machine (loopback only, bounded).

Ordinary clients read (listings, people search, questions) and write (articles) while
attackers run the reproductions of README's "Safe to expose": slowloris and silent
connections, statement floods, malformed request lines, bodies declared far too large,
a gzip bomb. Reports per class: requests, errors, p50/p99 latency; the server's peak
resident memory (from /proc); and the slowest /healthz on a fresh connection.

    python3 scripts/soak.py --base http://127.0.0.1:8080 --pid $(pgrep -f 'whosaid serve') \
        --key "$KEY" --duration 600

Standard library only. Every attacker is bounded (connections, bytes, rate).
"""

import argparse
import gzip
import json
import random
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

LOCK = threading.Lock()
RESULTS = {}  # class -> list of (seconds, ok)
STOP = threading.Event()


def record(kind, seconds, ok):
    with LOCK:
        RESULTS.setdefault(kind, []).append((seconds, ok))


def request(base, method, path, body=None, headers=None, timeout=30):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        err.read()
        status = err.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, time.monotonic() - started


def reader(base):
    paths = [
        "/v1/statements?limit=20",
        "/v1/people?q=ma",
        "/v1/ask?q=" + urllib.parse.quote("what did Rutte say about membership"),
        "/v1/statements?q=peace&limit=20",
        "/v1/stats/speakers",
    ]
    while not STOP.is_set():
        status, seconds = request(base, "GET", random.choice(paths))
        # 503 with Retry-After is load shedding: counted, but as an error for readers.
        record("read", seconds, status == 200)


def writer(base, key, article):
    n = 0
    while not STOP.is_set():
        n += 1
        body = dict(article, url=f"https://soak.example.org/{time.time_ns()}/{n}")
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        status, seconds = request(base, "POST", "/v1/articles", json.dumps(body).encode(), headers)
        record("write", seconds, status in (200, 201))
        time.sleep(0.2)


def flood(base, key):
    """Statement explosions, one at a time: what they cost is what the others feel."""
    texts = [
        "he said " * 100_000,
        "".join(f"\u201cYes {i},\u201d he said. " for i in range(60_000)),
    ]
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    while not STOP.is_set():
        text = random.choice(texts) + f" {time.time_ns()}"
        status, seconds = request(base, "POST", "/v1/articles", json.dumps({"text": text}).encode(), headers, 60)
        record("attack: statement flood", seconds, status in (200, 201, 503))


def gzip_bomb(base, key):
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in ~50 kB
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    while not STOP.is_set():
        status, seconds = request(base, "POST", "/v1/articles", bomb, headers)
        record("attack: gzip bomb", seconds, status in (400, 413))
        time.sleep(0.5)


def raw(host, port, data, wait=5):
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=wait) as s:
            s.sendall(data)
            answer = s.recv(4096)
    except OSError:
        answer = b""
    return answer, time.monotonic() - started


def malformed(host, port):
    cases = [
        (b"GARBAGE\r\n\r\n", b"400"),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 600_000 + b"\r\n\r\n", b"431"),
        (b"POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         b"Content-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n", b"413"),
    ]
    while not STOP.is_set():
        data, expected = random.choice(cases)
        answer, seconds = raw(host, port, data)
        ok = answer.split(b" ", 2)[1:2] == [expected] and b'"error"' in answer
        record("attack: malformed", seconds, ok)
        time.sleep(0.1)


def holders(host, port, count, slow):
    """Connections held open: slowloris (a header byte every few seconds) or silent."""
    socks = []
    while not STOP.is_set():
        while len(socks) < count and not STOP.is_set():
            try:
                s = socket.create_connection((host, port), timeout=2)
                s.setblocking(False)
                if slow:
                    s.send(b"GET /v1/statements HTTP/1.1\r\nHost: x\r\n")
                socks.append(s)
            except OSError:
                time.sleep(0.1)
        time.sleep(3)
        alive = []
        for s in socks:
            try:
                if slow:
                    s.send(b"X")
                if s.recv(1) == b"":
                    s.close()  # closed by the server: the timeout worked
                    continue
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                continue
            alive.append(s)
        record("attack: " + ("slowloris" if slow else "idle") + " reconnects", 0, True)
        socks = alive
    for s in socks:
        s.close()


def health(host, port):
    while not STOP.is_set():
        answer, seconds = raw(host, port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10)
        record("healthz (fresh connection)", seconds, answer.startswith(b"HTTP/1.1 200"))
        time.sleep(0.5)


def memory(pid, peak):
    while not STOP.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
                        peak.append(int(line.split()[1]))
        except OSError:
            pass
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--pid", type=int, help="the server's process id, for its memory")
    parser.add_argument("--key", help="an API key for writes, when the server needs one")
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--slowloris", type=int, default=200)
    parser.add_argument("--idle", type=int, default=100)
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("soak.py only attacks a server on this machine (loopback)")
    host, port = url.hostname, url.port or 80
    article = {
        "title": "Soak",
        "published_at": "2025-02-13",
        "text": "Mayor Alice Johnson said on Tuesday that the city would hire more teachers.\n\n"
        "\u201cThis budget puts children first,\u201d Johnson told reporters.",
    }
    peak = [0]
    threads = [threading.Thread(target=reader, args=(args.base,)) for _ in range(args.readers)]
    threads += [
        threading.Thread(target=writer, args=(args.base, args.key, article)),
        threading.Thread(target=flood, args=(args.base, args.key)),
        threading.Thread(target=gzip_bomb, args=(args.base, args.key)),
        threading.Thread(target=malformed, args=(host, port)),
        threading.Thread(target=holders, args=(host, port, args.slowloris, True)),
        threading.Thread(target=holders, args=(host, port, args.idle, False)),
        threading.Thread(target=health, args=(host, port)),
    ]
    if args.pid:
        threads.append(threading.Thread(target=memory, args=(args.pid, peak)))
    for t in threads:
        t.daemon = True
        t.start()
    time.sleep(args.duration)
    STOP.set()
    time.sleep(1)
    print(f"{'class':32} {'requests':>8} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in sorted(RESULTS):
        rows = RESULTS[kind]
        times = sorted(s * 1000 for s, _ in rows)
        errors = sum(1 for _, ok in rows if not ok)
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0
        print(f"{kind:32} {len(rows):8} {errors:7} {p(0.5):8.1f} {p(0.99):8.1f} {max(times or [0]):8.1f}")
    if args.pid:
        samples = peak[1:] or [0]
        print(f"server memory: peak {peak[0] / 1024:.0f} MB, median {statistics.median(samples) / 1024:.0f} MB "
              f"over {len(samples)} samples")


if __name__ == "__main__":
    main()
