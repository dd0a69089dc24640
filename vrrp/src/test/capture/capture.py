#!/usr/bin/env python3
"""Capture VRRP/AH datagrams on an interface with an AF_PACKET socket and print them as hex.

Usage: capture.py IFNAME SECONDS OUTFILE
Writes one line per captured IP datagram (Ethernet header stripped): '<ethertype> <hex>'.
Only IPv4 protocol 112 (VRRP) or 51 (AH) and IPv6 next-header 112 are kept.
"""
import socket, sys, time, select

ifname, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
s.bind((ifname, 0))
deadline = time.time() + seconds
with open(out, "w") as f:
    while True:
        left = deadline - time.time()
        if left <= 0:
            break
        r, _, _ = select.select([s], [], [], left)
        if not r:
            continue
        frame, addr = s.recvfrom(65535)
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        ethertype = int.from_bytes(frame[12:14], "big")
        ip = frame[14:]
        if ethertype == 0x0800 and len(ip) >= 20 and ip[9] in (112, 51):
            total = int.from_bytes(ip[2:4], "big")
            f.write("ipv4 " + ip[:total].hex() + "\n")
        elif ethertype == 0x86DD and len(ip) >= 40 and ip[6] == 112:
            total = 40 + int.from_bytes(ip[4:6], "big")
            f.write("ipv6 " + ip[:total].hex() + "\n")
        f.flush()
