#!/usr/bin/env python3
"""The client of the end-to-end scenarios.

    client.py loop URL OUT [--interval S] [--timeout S]
        One HTTP/1.0 request per new TCP connection, again and again until SIGTERM; appends one line per
        request to OUT: "START_MS END_MS ANSWER", ANSWER being the body's first line (the real server's name)
        or ERR:<why> (refused, reset, timeout, http-503, ...).
    client.py report OUT [--from MS] [--to MS] [--only NAMES] [--max-failed N] [--share NAME=F] [--tolerance T]
        Summarises the requests that started in [from, to): sent, failed, the longest time without an answer,
        answers per real server. Exits 1, saying why, when an expectation fails.
    client.py keep HOST PORT NAME GOFILE
        Opens HTTP/1.1 keep-alive connections until one is answered by NAME, holds it until GOFILE exists,
        then asks again on the same connection: exits 0 if NAME answers again.
"""
import argparse
import errno
import os
import signal
import socket
import sys
import time
from urllib.parse import urlsplit


def now_ms():
    return int(time.time() * 1000)


def read_response(sock):
    """One HTTP response from sock: (status, first body line). Reads to Content-Length, else to EOF."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the headers")
        buf += chunk
    head, body = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = None
    for h in lines[1:]:
        k, _, v = h.partition(":")
        if k.strip().lower() == "content-length":
            length = int(v.strip())
    while length is None or len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            if length is None:
                break
            raise ConnectionError("closed in the body")
        body += chunk
    text = body.decode("utf-8", "replace").strip().splitlines()
    return status, text[0] if text else ""


def why(e):
    if isinstance(e, socket.timeout):
        return "timeout"
    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, ConnectionResetError):
        return "reset"
    if isinstance(e, OSError) and e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return "unreachable"
    return type(e).__name__


def one_request(host, port, path, timeout):
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
            status, first = read_response(s)
            return first if status == 200 else f"ERR:http-{status}"
    except (OSError, ValueError, IndexError) as e:
        return "ERR:" + why(e)


def loop(args):
    u = urlsplit(args.url)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with open(args.out, "a", buffering=1) as out:
        while not stop:
            t0 = now_ms()
            answer = one_request(u.hostname, u.port or 80, u.path or "/", args.timeout)
            out.write(f"{t0} {now_ms()} {answer}\n")
            if args.interval > 0 and not stop:
                time.sleep(args.interval)


def report(args):
    rows = []
    with open(args.out) as f:
        for line in f:
            p = line.split()
            if len(p) == 3:
                rows.append((int(p[0]), int(p[1]), p[2]))
    lo = args.start if args.start is not None else (rows[0][0] if rows else 0)
    hi = args.end if args.end is not None else sys.maxsize
    rows = [r for r in rows if lo <= r[0] < hi]
    answers, errors = {}, {}
    last_ok, gap = lo, 0
    for t0, t1, a in sorted(rows, key=lambda r: r[1]):
        if a.startswith("ERR:"):
            errors[a[4:]] = errors.get(a[4:], 0) + 1
        else:
            answers[a] = answers.get(a, 0) + 1
            gap = max(gap, t1 - last_ok)
            last_ok = t1
    failed = sum(errors.values())
    ok = sum(answers.values())
    text = (f"{len(rows)} requests, {failed} failed, longest gap {gap} ms; answers: "
            + (", ".join(f"{k} {v}" for k, v in sorted(answers.items())) or "none"))
    if errors:
        text += "; errors: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items()))
        starts = [f"+{t0 - lo}" for t0, _, a in rows if a.startswith("ERR:")]
        text += " (started at " + " ".join(starts[:6]) + (" ..." if len(starts) > 6 else "") + " ms)"
    print(("    " + args.label + ": " if args.label else "    ") + text)
    problems = []
    if not rows:
        problems.append("no requests in the window")
    if args.max_failed is not None and failed > args.max_failed:
        problems.append(f"{failed} failed requests (at most {args.max_failed} allowed)")
    if args.only is not None:
        allowed = set(args.only.split(","))
        strays = {k: v for k, v in answers.items() if k not in allowed}
        if strays:
            problems.append(f"answers from {strays}, expected only {args.only}")
        missing = [n for n in allowed if n not in answers]
        if missing:
            problems.append(f"no answer from {', '.join(missing)}")
    for share in args.share:
        name, _, want = share.partition("=")
        got = answers.get(name, 0) / ok if ok else 0
        if abs(got - float(want)) > args.tolerance:
            problems.append(f"{name} answered {got:.0%} of the requests, expected {float(want):.0%} "
                            f"+- {args.tolerance:.0%}")
    if args.max_gap is not None and gap > args.max_gap:
        problems.append(f"longest gap {gap} ms (at most {args.max_gap} ms allowed)")
    for p in problems:
        print("FAIL: " + (args.label + ": " if args.label else "") + p)
    return 1 if problems else 0


def keep(args):
    for attempt in range(1, 41):
        s = socket.create_connection((args.host, args.port), timeout=5)
        s.sendall(f"GET / HTTP/1.1\r\nHost: {args.host}\r\n\r\n".encode())
        status, first = read_response(s)
        if status == 200 and first == args.name:
            break
        s.close()
    else:
        print(f"no connection reached {args.name} in 40 attempts")
        return 1
    print(f"holding a connection answered by {args.name} (attempt {attempt}, "
          f"client port {s.getsockname()[1]})", flush=True)
    deadline = time.time() + 180
    while not os.path.exists(args.gofile):
        if time.time() > deadline:
            print("gave up waiting for " + args.gofile)
            return 1
        time.sleep(0.1)
    try:
        s.sendall(f"GET /again HTTP/1.1\r\nHost: {args.host}\r\n\r\n".encode())
        status, first = read_response(s)
    except OSError as e:
        print(f"the held connection failed: {why(e)}")
        return 1
    print(f"the held connection answered again: {status} {first}")
    return 0 if status == 200 and first == args.name else 1


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    lp = sub.add_parser("loop")
    lp.add_argument("url")
    lp.add_argument("out")
    lp.add_argument("--interval", type=float, default=0.05)
    lp.add_argument("--timeout", type=float, default=3.0)
    rp = sub.add_parser("report")
    rp.add_argument("out")
    rp.add_argument("--from", dest="start", type=int)
    rp.add_argument("--to", dest="end", type=int)
    rp.add_argument("--label")
    rp.add_argument("--only")
    rp.add_argument("--max-failed", type=int)
    rp.add_argument("--max-gap", type=int)
    rp.add_argument("--share", action="append", default=[])
    rp.add_argument("--tolerance", type=float, default=0.05)
    kp = sub.add_parser("keep")
    kp.add_argument("host")
    kp.add_argument("port", type=int)
    kp.add_argument("name")
    kp.add_argument("gofile")
    args = ap.parse_args()
    return {"loop": loop, "report": report, "keep": keep}[args.cmd](args) or 0


if __name__ == "__main__":
    sys.exit(main())
