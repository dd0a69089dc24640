#!/usr/bin/env python3
"""A real server for the end-to-end scenarios: answers every GET with its own name.

    web.py NAME [--port 80] [--bind ADDR] [--down-file PATH]

GET /health answers 200 "NAME ok", or 503 while --down-file exists (a health check can then fail while the
server keeps serving the connections it has). Any other path answers 200 with NAME. HTTP/1.1 keep-alive is
supported, so a client can hold one connection across a director's change of mind. Listens on every address
by default: DR and TUN real servers receive traffic for the VIP they hold on lo.
"""
import argparse
import http.server
import os
import signal
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--port", type=int, default=80)
    ap.add_argument("--bind", default="0.0.0.0")
    ap.add_argument("--down-file")
    args = ap.parse_args()
    name = args.name

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            status, body = 200, name
            if self.path.startswith("/health"):
                down = args.down_file and os.path.exists(args.down_file)
                status, body = (503, name + " down") if down else (200, name + " ok")
            data = (body + "\n").encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *a):
            pass

    class Server(http.server.ThreadingHTTPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 128  # not socketserver's 5: a slow start must not drop the client's SYNs

    server = Server((args.bind, args.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{name} listening on {args.bind}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
