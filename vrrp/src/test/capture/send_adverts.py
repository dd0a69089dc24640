#!/usr/bin/env python3
"""Send hand-built VRRPv2 adverts (auth PASS) to 224.0.0.18 from a raw socket, independent of holdfast's encoder.

Usage: send_adverts.py IFNAME SRC VRID PRIORITY VIP PASSWORD TTL COUNT
Each advert: IPv4 header with the given TTL (the kernel fills in the IP checksum), VRRP version 2, advert
interval 1 s, one VIP, the first 8 bytes of PASSWORD. Sent COUNT times, 50 ms apart.
"""
import socket, struct, sys, time

ifname, src, vrid, prio, vip, password, ttl, count = sys.argv[1:9]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


auth = password.encode()[:8].ljust(8, b"\0")
body = struct.pack("!BBBBBBH", 0x21, int(vrid), int(prio), 1, 1, 1, 0) + socket.inet_aton(vip) + auth
body = body[:6] + struct.pack("!H", checksum(body)) + body[8:]
header = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(body), 0, 0, int(ttl), 112, 0,
                     socket.inet_aton(src), socket.inet_aton("224.0.0.18"))
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, ifname.encode())
for _ in range(int(count)):
    s.sendto(header + body, ("224.0.0.18", 0))
    time.sleep(0.05)
print("SENT", count, flush=True)
