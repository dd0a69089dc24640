#!/usr/bin/env python3
"""Print every ARP frame received on an interface, with its arrival time.

Usage: arpwatch.py IFNAME
One line per frame, flushed: 'ARP <epoch seconds> <sender MAC> <sender IP> <target IP>'. Runs until killed.
"""
import socket, sys, time

ifname = sys.argv[1]
# ETH_P_ALL: on a bridge port only the all-protocol taps see frames before the bridge takes them
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
s.bind((ifname, 0))
print("WATCHING", ifname, flush=True)
while True:
    frame, addr = s.recvfrom(65535)
    now = time.time()
    if addr[2] == socket.PACKET_OUTGOING or len(frame) < 42 or frame[12:14] != b"\x08\x06":
        continue
    arp = frame[14:]
    mac = ":".join("%02x" % b for b in arp[8:14])
    sender = socket.inet_ntoa(arp[14:18])
    target = socket.inet_ntoa(arp[24:28])
    print("ARP %.6f %s %s %s" % (now, mac, sender, target), flush=True)
