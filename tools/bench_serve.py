#!/usr/bin/env python3
"""Requests per second and latency of `folio serve`, alone and with idle connections held open.

usage: tools/bench_serve.py FOLIO SITE_DIR [--idle 300] [--requests 4000] [--concurrency 64] [--crowd 1000]

Starts `FOLIO serve SITE_DIR --port 0` and measures, like a browser would ask (Accept-Encoding:
gzip, deflate; keep-alive connections), over the site's app files and up to 20 of its data files:
  1. load: REQUESTS requests, CONCURRENCY at a time;
  2. idle: IDLE connections that send nothing are opened; then 20 requests for index.html, each on a
     new connection (the time a newly opened tab waits), and the load again;
  3. crowd: connections are opened up to CROWD in all; the server's resident memory before and
     after, and a new request's latency.
Prints a line per measure and one JSON line at the end. The client is Python threads: on a small
machine it, not the server, may be what limits requests per second (CPU time of both is printed).
Any old `folio` binary works too, to compare (a request that gets no answer in 30 s counts as failed)."""
import argparse, http.client, json, os, random, resource, socket, subprocess, sys, threading, time


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float('nan')


def cpu_seconds(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def rss_mb(pid):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    return 0.0


def request(conn, path):
    conn.request('GET', path, headers={'Accept-Encoding': 'gzip, deflate'})
    response = conn.getresponse()
    response.read()
    return response.status


def load(port, paths, total, concurrency):
    """Latencies of total requests, concurrency at a time; failures counted, not timed."""
    latencies, failures, lock = [], [0], threading.Lock()

    def client(n, seed):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
        for _ in range(n):
            start = time.monotonic()
            try:
                ok = request(conn, rng.choice(paths)) == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
            with lock:
                (latencies.append(time.monotonic() - start) if ok else failures.__setitem__(0, failures[0] + 1))
        conn.close()

    threads = [threading.Thread(target=client, args=(total // concurrency + (i < total % concurrency), i))
               for i in range(concurrency)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures[0], time.monotonic() - start


def fresh_requests(port, count):
    """Latency of GET /index.html on a new connection, count times; None for no answer in 30 s."""
    out = []
    for _ in range(count):
        start = time.monotonic()
        try:
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
            ok = request(conn, '/index.html') == 200
            conn.close()
        except (OSError, http.client.HTTPException):
            ok = False
        out.append(time.monotonic() - start if ok else None)
    return out


def open_idle(port, count):
    out = []
    for _ in range(count):
        try:
            out.append(socket.create_connection(('127.0.0.1', port), timeout=5))
        except OSError:
            break
    return out


def report(name, latencies, failures, seconds, server_cpu, results):
    ms = lambda v: round(v * 1000, 1)
    row = {'requests_per_s': round(len(latencies) / seconds), 'p50_ms': ms(percentile(latencies, 50)),
           'p95_ms': ms(percentile(latencies, 95)), 'p99_ms': ms(percentile(latencies, 99)),
           'max_ms': ms(max(latencies, default=float('nan'))), 'failed': failures,
           'seconds': round(seconds, 2), 'server_cpu_s': round(server_cpu, 2)}
    results[name] = row
    print(f"{name:<22} {row['requests_per_s']:>6} req/s  p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  "
          f"p99 {row['p99_ms']} ms  max {row['max_ms']} ms  failed {failures}  ({row['seconds']} s, server CPU {row['server_cpu_s']} s)")


def report_fresh(name, latencies, results):
    answered = [v for v in latencies if v is not None]
    row = {'p50_ms': round(percentile(answered, 50) * 1000, 1), 'max_ms': round(max(answered, default=float('nan')) * 1000, 1),
           'unanswered': len(latencies) - len(answered)}
    results[name] = row
    print(f"{name:<22} new connection, GET /index.html: p50 {row['p50_ms']} ms  max {row['max_ms']} ms  "
          f"unanswered in 30 s: {row['unanswered']} of {len(latencies)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('folio')
    ap.add_argument('site')
    ap.add_argument('--idle', type=int, default=300)
    ap.add_argument('--requests', type=int, default=4000)
    ap.add_argument('--concurrency', type=int, default=64)
    ap.add_argument('--crowd', type=int, default=1000)
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    data = sorted(f for f in os.listdir(os.path.join(args.site, 'data')))
    paths = ['/index.html', '/app.js', '/app.wasm', '/sw.js', '/folio-shell.js', '/folio.css'] + \
            ['/data/' + f for f in random.Random(1).sample(data, min(20, len(data)))]
    server = subprocess.Popen([args.folio, 'serve', args.site, '--port', '0'], stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split('http://127.0.0.1:')[1].split('/')[0])
    results = {'site': args.site, 'idle': args.idle, 'requests': args.requests, 'concurrency': args.concurrency}
    try:
        load(port, paths, len(paths), 1)  # first requests: read, hash and compress each file once
        cpu = cpu_seconds(server.pid)
        report('load', *load(port, paths, args.requests, args.concurrency), cpu_seconds(server.pid) - cpu, results)
        idle = open_idle(port, args.idle)
        time.sleep(0.5)
        report_fresh(f'{len(idle)} idle: new tab', fresh_requests(port, 20), results)
        cpu = cpu_seconds(server.pid)
        report(f'{len(idle)} idle: load', *load(port, paths, args.requests, args.concurrency),
               cpu_seconds(server.pid) - cpu, results)
        before = rss_mb(server.pid)
        crowd = open_idle(port, max(0, args.crowd - len(idle)))
        time.sleep(1)
        report_fresh(f'{len(idle) + len(crowd)} open: new tab', fresh_requests(port, 5), results)
        results['rss_mb'] = {'before_crowd': round(before, 1), 'with_crowd': round(rss_mb(server.pid), 1)}
        print(f"server memory (RSS): {results['rss_mb']['before_crowd']} MB, with {len(idle) + len(crowd)} connections "
              f"opened {results['rss_mb']['with_crowd']} MB")
        for s in idle + crowd:
            s.close()
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps(results))


if __name__ == '__main__':
    sys.exit(main())
