#!/bin/bash
# Re-creates the keepalived advert fixtures in ../resources/captures/.
#
# For each scenario: two network namespaces joined by a veth pair with fixed MAC addresses (so the
# IPv6 link-local addresses are stable), keepalived (the reference peer, `keepalived --version`) in
# hk-ka, an AF_PACKET capture (capture.py) in hk-peer. keepalived starts as BACKUP, becomes MASTER
# after its master-down interval, sends adverts, then gets SIGTERM so the priority-0 advert it sends
# on shutdown is captured as well. Needs root.
#
# keepalived 2.2.7 has no v3_checksum_as_v2 (added later), so that mode is tested from synthetic packets.
#
# Usage: sudo ./capture.sh [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../resources/captures}
mkdir -p "$out"
work=$(mktemp -d)
ka_version=$(keepalived --version 2>&1 | head -1)

cleanup() {
  [ -f "$work/ka.pid" ] && kill "$(cat "$work/ka.pid")" 2>/dev/null || true
  ip netns del hk-ka 2>/dev/null || true
  ip netns del hk-peer 2>/dev/null || true
}
trap 'cleanup; rm -rf "$work"' EXIT

setup() {
  cleanup
  ip netns add hk-ka
  ip netns add hk-peer
  ip link add hk0 netns hk-ka address 02:00:00:00:00:01 type veth peer name hk1 netns hk-peer address 02:00:00:00:00:02
  ip -n hk-ka addr add 192.168.77.1/24 dev hk0
  ip -n hk-peer addr add 192.168.77.2/24 dev hk1
  ip -n hk-ka link set lo up
  ip -n hk-peer link set lo up
  ip -n hk-ka link set hk0 up
  ip -n hk-peer link set hk1 up
  # wait for IPv6 DAD on the link-local addresses
  for _ in $(seq 1 50); do
    if ! ip -n hk-ka -6 addr show dev hk0 | grep -q tentative; then break; fi
    sleep 0.1
  done
}

# run NAME SECONDS <<CONFIG
run() {
  local name=$1 secs=$2
  cat > "$work/$name.conf"
  setup
  ip netns exec hk-peer python3 "$here/capture.py" hk1 "$((secs + 2))" "$work/$name.raw" &
  local cap=$!
  sleep 0.5
  ip netns exec hk-ka keepalived -n -l -D -P -f "$work/$name.conf" -p "$work/ka.pid" -r "$work/vrrp.pid" \
    > "$work/$name.log" 2>&1 &
  local ka=$!
  sleep "$secs"
  kill -TERM "$ka"
  wait "$ka" || true
  wait "$cap" || true
  {
    echo "# VRRP adverts captured from real keepalived: $ka_version"
    echo "# Captured $(date -u +%Y-%m-%dT%H:%M:%SZ) by vrrp/src/test/capture/capture.sh on a veth pair;"
    echo "# keepalived interface hk0 = 192.168.77.1/24, MAC 02:00:00:00:00:01, fe80::ff:fe00:1 (EUI-64)."
    echo "# Each data line: 'ipv4 HEX' (whole IPv4 datagram) or 'ipv6 HEX' (IPv6 header + VRRP)."
    echo "# The last advert is the priority-0 advert keepalived sends on SIGTERM."
    echo "# keepalived.conf:"
    sed 's/^/#   /' "$work/$name.conf"
    cat "$work/$name.raw"
  } > "$out/$name.hex"
  echo "$name: $(grep -vc '^#' "$out/$name.hex") packets"
}

run v2-pass 5 <<'CONF'
global_defs {
  router_id hk
}
vrrp_instance VI_PASS {
  state MASTER
  interface hk0
  virtual_router_id 51
  priority 150
  advert_int 1
  version 2
  authentication {
    auth_type PASS
    auth_pass secretpassword
  }
  virtual_ipaddress {
    192.168.77.100/24
    192.168.77.101/24
  }
}
CONF

run v2-none 5 <<'CONF'
global_defs {
  router_id hk
}
vrrp_instance VI_NONE {
  state BACKUP
  interface hk0
  virtual_router_id 52
  priority 200
  advert_int 1
  version 2
  virtual_ipaddress {
    192.168.77.110
  }
}
CONF

run v2-ah 5 <<'CONF'
global_defs {
  router_id hk
}
vrrp_instance VI_AH {
  state MASTER
  interface hk0
  virtual_router_id 53
  priority 120
  advert_int 1
  version 2
  authentication {
    auth_type AH
    auth_pass ahsecret
  }
  virtual_ipaddress {
    192.168.77.120
  }
}
CONF

run v3-ipv4 3 <<'CONF'
global_defs {
  router_id hk
}
vrrp_instance VI_V3 {
  state MASTER
  interface hk0
  virtual_router_id 61
  priority 100
  advert_int 0.5
  version 3
  virtual_ipaddress {
    192.168.77.130
    192.168.77.131
    192.168.77.132
  }
}
CONF

run v3-ipv6 3 <<'CONF'
global_defs {
  router_id hk
}
vrrp_instance VI_V6 {
  state MASTER
  interface hk0
  virtual_router_id 71
  priority 200
  advert_int 0.5
  version 3
  virtual_ipaddress {
    fe80::71/64
    2001:db8:77::100/64
  }
}
CONF
