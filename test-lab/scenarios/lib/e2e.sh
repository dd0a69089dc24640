# Shared by the end-to-end scenarios (test-lab/scenarios/e2e-*): sourced, never run. Builds the lab network
# (network namespaces on one bridge), starts real servers, directors (holdfast, keepalived) and client loops,
# and cleans all of it up on exit. The caller sets e2e_name before sourcing.
#
# The network: a bridge "br0" in namespace "lan" is the LAN; client 10.0.3.2, directors 10.0.3.1 (dir1) and
# 10.0.3.3 (dir2), real servers 10.0.3.11 (rs1) and 10.0.3.12 (rs2) plug into it with a veth each (eth0).
set -euo pipefail
[ "${LAB_GUEST:-}" = 1 ] || { echo "$e2e_name: run me in the VM: test-lab/run $e2e_name" >&2; exit 2; }
cd "${LAB_REPO:-$PWD}"
[ -f daemon/target/holdfast.jar ] || { echo "FAIL: build daemon/target/holdfast.jar on the host first"; exit 1; }

lib=test-lab/scenarios/lib
work=$(mktemp -d "/tmp/$e2e_name.XXXXXX")
namespaces=()
declare -A web_pid=() web_ns=() web_args=() director_pid=() loop_pid=()

e2e_cleanup() {
    local p n
    for p in "${director_pid[@]}" "${loop_pid[@]}" "${web_pid[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${director_pid[@]}"; do wait "$p" 2>/dev/null || true; done
    for n in "${namespaces[@]}"; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$work"
}
trap e2e_cleanup EXIT

# fail MESSAGE: says why, shows the end of every director's log, exits 1.
fail() {
    local log
    set +e
    echo "FAIL: $*"
    for log in "$work"/director-*.log; do
        [ -f "$log" ] || continue
        echo "    --- last lines of ${log##*/}"
        tail -25 "$log" | sed 's/^/    /'
        echo "    --- its IPVS connections"
        log=${log##*/director-}
        ip netns exec "${log%.log}" ipvsadm -Lnc 2>/dev/null | head -30 | sed 's/^/    /'
    done
    for log in "$work"/*.req; do
        [ -f "$log" ] || continue
        echo "    --- the last failed requests of ${log##*/} (start ms, end ms, why)"
        grep ERR "$log" | tail -8 | sed 's/^/    /'
    done
    exit 1
}
step() { echo; echo "-- [${SECONDS}s, $(date +%T)] $*"; }
say() { echo "   $*"; }
now_ms() { date +%s%3N; }

# ns_add NS...: fresh network namespaces with lo up.
ns_add() {
    local n
    for n; do
        ip netns del "$n" 2>/dev/null || true
        ip netns add "$n"
        ip -n "$n" link set lo up
        namespaces+=("$n")
    done
}

# sys NS key=value...: sysctls in a namespace, written to /proc/sys (no procps in the guest's PATH needed).
sys() {
    local ns=$1; shift
    ip netns exec "$ns" bash -c 'for kv; do k=${kv%%=*}; echo "${kv#*=}" >"/proc/sys/${k//.//}" || exit 1; done' sys "$@"
}

# lan NS ADDR...: NS joins the LAN bridge with eth0 carrying ADDR (a /24 each).
lan() {
    local ns=$1 a; shift
    if ! ip netns list | grep -qw lan; then
        ns_add lan
        ip -n lan link add br0 type bridge
        ip -n lan link set br0 up
    fi
    ip link add eth0 netns "$ns" type veth peer name "p-$ns" netns lan
    ip -n lan link set "p-$ns" master br0
    ip -n lan link set "p-$ns" up
    for a; do ip -n "$ns" addr add "$a/24" dev eth0; done
    ip -n "$ns" link set eth0 up
}

# lvs_director NS: the IPVS setting LVS write-ups give a DR/TUN director: net.ipv4.vs.expire_nodest_conn=1. A
# DR/TUN director sees only the client's half of each connection, so a closed one lingers in its table in
# FIN_WAIT for two minutes; when its real server has left the table (dead, or the sorry server after the real
# servers came back) and the client happens to reuse that source port, the kernel silently drops the new SYN
# (the client times out) unless this is set, which expires the stale entry and schedules the SYN afresh. Seen in
# the lab as occasional client timeouts after a removal, whichever director program made the removal.
lvs_director() {
    sys "$1" net.ipv4.vs.expire_nodest_conn=1
}

# vip_on_lo NS VIP...: a DR/TUN real server: the VIPs on lo, hidden from ARP as the write-ups do it
# (arp_ignore=1, arp_announce=2), tunl0 up to take IP-in-IP, no reverse-path filter on decapsulated packets.
vip_on_lo() {
    local ns=$1 v; shift
    for v; do ip -n "$ns" addr add "$v/32" dev lo; done
    ip -n "$ns" link set tunl0 up 2>/dev/null || { ip -n "$ns" link add tunl0 type ipip; ip -n "$ns" link set tunl0 up; }
    sys "$ns" net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
        net.ipv4.conf.eth0.arp_ignore=1 net.ipv4.conf.eth0.arp_announce=2 \
        net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
        net.ipv4.conf.tunl0.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
}

# web_start NAME NS [web.py options]: a web server answering with NAME (remembered, so web_start NAME restarts it).
web_start() {
    local name=$1
    if [ $# -gt 1 ]; then web_ns[$name]=$2; shift 2; web_args[$name]="$*"; fi
    # shellcheck disable=SC2086
    ip netns exec "${web_ns[$name]}" python3 "$lib/web.py" "$name" ${web_args[$name]} >>"$work/web-$name.log" 2>&1 &
    web_pid[$name]=$!
}
web_stop() {
    local name
    for name; do
        kill "${web_pid[$name]}" 2>/dev/null || true
        wait "${web_pid[$name]}" 2>/dev/null || true
        unset "web_pid[$name]"
    done
}
# web_wait NAME ADDR: until NAME answers on ADDR from the client's namespace.
web_wait() {
    wait_until 90 "[ \"\$(ip netns exec client curl -s -m 2 http://$2/ 2>/dev/null)\" = $1 ]" ||
        fail "web server $1 does not answer on $2: $(cat "$work/web-$1.log")"
}

# holdfast_start NS CONF [options]: holdfast -n -f CONF in NS, logging to $work/director-NS.log. The jar is
# copied to the guest's tmpfs first: the repository share is uncached, and a class loaded late (the first
# removal, say) would be read over it while the client waits.
holdfast_start() {
    local ns=$1 conf=$2; shift 2
    [ -f "$work/holdfast.jar" ] || cp daemon/target/holdfast.jar "$work/holdfast.jar"
    ip netns exec "$ns" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$work/holdfast.jar" \
        -n -f "$conf" "$@" >>"$work/director-$ns.log" 2>&1 &
    director_pid[$ns]=$!
}
# keepalived_start NS CONF [options]: Debian's keepalived 2.2.7 in NS, in the foreground, logging to the console.
keepalived_start() {
    local ns=$1 conf=$2; shift 2
    ip netns exec "$ns" keepalived -n -l -D -f "$conf" -p "$work/ka-$ns.pid" -r "$work/ka-$ns-vrrp.pid" \
        -c "$work/ka-$ns-check.pid" "$@" >>"$work/director-$ns.log" 2>&1 &
    director_pid[$ns]=$!
}
# director_crash NS: the director dies as a machine does: SIGKILL (nothing is cleaned up) and its link cut, so
# the VIP and IPVS table it leaves behind cannot serve anyone. Not waited for: reaping a JVM can take seconds.
director_crash() {
    disown "${director_pid[$1]}" 2>/dev/null || true
    kill -KILL "${director_pid[$1]}" 2>/dev/null || true
    ip -n "$1" link set eth0 down
    unset "director_pid[$1]"
}
director_alive() { kill -0 "${director_pid[$1]}" 2>/dev/null; }

# wait_until SECONDS CONDITION: polls the bash CONDITION every 50 ms; sets waited_ms; false on timeout.
wait_until() {
    local t0 end
    t0=$(now_ms); end=$((t0 + $1 * 1000))
    while ! eval "$2"; do
        [ "$(now_ms)" -lt "$end" ] || { waited_ms=$(($(now_ms) - t0)); return 1; }
        sleep 0.05
    done
    waited_ms=$(($(now_ms) - t0))
}

# weight NS VIP:PORT RS:PORT: the destination's weight in NS's IPVS table, empty if it is not there.
weight() {
    ip netns exec "$1" ipvsadm -Ln -t "$2" 2>/dev/null | awk -v rs="$3" '$1 == "->" && $2 == rs { print $4 }'
}
# dests NS VIP:PORT: the destinations of the service, "rs:port/weight" space separated.
dests() {
    ip netns exec "$1" ipvsadm -Ln -t "$2" 2>/dev/null | awk '$1 == "->" && $2 != "RemoteAddress:Port" { printf "%s%s/%s", sep, $2, $4; sep = " " }'
}
# live NS VIP:PORT: the destinations that take new connections (weight > 0), space separated.
live() {
    ip netns exec "$1" ipvsadm -Ln -t "$2" 2>/dev/null | awk '$1 == "->" && $4 ~ /^[0-9]+$/ && $4 > 0 { printf "%s%s", sep, $2; sep = " " }'
}
# show_table NS: the director's IPVS table, indented.
show_table() { ip netns exec "$1" ipvsadm -Ln | sed 's/^/      /'; }
# has_vip NS VIP: the VIP is on one of NS's interfaces.
has_vip() { ip -n "$1" -4 addr show | grep -q "inet $2/"; }

# loop_start LABEL URL: the client requests URL again and again (one connection each), lines in $work/LABEL.req.
loop_start() {
    ip netns exec client python3 "$lib/client.py" loop "$2" "$work/$1.req" &
    loop_pid[$1]=$!
}
loop_stop() {
    local l
    for l; do
        kill -TERM "${loop_pid[$l]}" 2>/dev/null || true
        wait "${loop_pid[$l]}" 2>/dev/null || true
        unset "loop_pid[$l]"
    done
}
# show_figures: the times within() measured, one a line.
show_figures() { local f; for f in "${figures[@]}"; do say "$f"; done; }
# report LABEL [client.py report options]: one line on the requests; false if an expectation failed.
report() {
    local l=$1; shift
    python3 "$lib/client.py" report "$work/$l.req" --label "$l" "$@"
}
# requests_since LABEL MS: how many requests of LABEL's loop ended after MS.
requests_since() {
    awk -v t="$2" '$2 >= t { n++ } END { print n + 0 }' "$work/$1.req" 2>/dev/null || echo 0
}
# traffic_for LABEL N: waits until N more requests of LABEL's loop have ended (or 60 s).
traffic_for() {
    local t; t=$(now_ms)
    wait_until 60 "[ \$(requests_since $1 $t) -ge $2 ]" || fail "$1: the client loop made no progress"
}

# The real-server cycle of scenarios 1 and 2, for the services in the array "services" (entries
# "LABEL VIP:PORT SORRY:PORT", one client loop per LABEL already running) on director DIR:
# spread by weight (rs1 1 : rs2 2), rs1 stops and leaves within detect_ms, comes back, both stop and the sorry
# server answers, rs2 comes back and the sorry server goes. Set inhibit_svc to a VIP:PORT whose real servers
# have inhibit_on_failure: there rs1 must stay with weight 0 while it is down.
rs1=10.0.3.11:80
rs2=10.0.3.12:80
# The VM emulates its CPU (TCG) and shares a loaded host: a time over its bound is reported, and fails only
# beyond bound + slack_ms.
slack_ms=10000
each_service() { # each_service TEST: TEST (a bash condition using $vp and $sorry) holds for every service
    local s label vp sorry
    for s in "${services[@]}"; do read -r label vp sorry <<<"$s"; eval "$1" || return 1; done
}
labels() { local s; for s in "${services[@]}"; do echo "${s%% *}"; done; }
report_all() { # report_all FROM [options]: one report line per service; false if one fails
    local l rc=0 from=$1; shift
    for l in $(labels); do report "$l" --from "$from" "$@" || rc=1; done
    return $rc
}
figures=()
within() { # within WHAT MS BOUND: says how MS compares with BOUND (and keeps it for figures); fails if MS is over BOUND + slack_ms
    figures+=("$1: $2 ms (bound $3 ms)")
    if [ "$2" -le "$3" ]; then
        say "$1 after $2 ms (within the bound of $3 ms)"
    else
        say "$1 after $2 ms: OVER the bound of $3 ms (the emulated VM is slow; fails beyond +$slack_ms ms)"
    fi
    [ "$2" -le $(($3 + slack_ms)) ] || fail "$1 too late: $2 ms"
}
rs_cycle() {
    local dir=$1 t l
    step "the client's requests spread by weight, rs1 1 : rs2 2"
    for l in $(labels); do traffic_for "$l" 3; done
    t=$(now_ms)
    for l in $(labels); do traffic_for "$l" 30; done
    report_all "$t" --only rs1,rs2 --share rs1=0.333 --tolerance 0.08 --max-failed 0 || fail "spread by weight"

    step "rs1 stops (its web server is killed)"
    web_stop rs1; t=$(now_ms)
    wait_until 20 'each_service "[ -z \"\$(weight $dir \$vp $rs1)\" ]"' || { show_table "$dir"; fail "rs1 still in the table"; }
    within "rs1 left the director's table" "$waited_ms" "$detect_ms"
    local gone=$(($(now_ms)))
    if [ -n "${inhibit_svc:-}" ]; then
        wait_until 5 "[ \"\$(weight $dir $inhibit_svc $rs1)\" = 0 ]" || { show_table "$dir"; fail "rs1 not at weight 0 in $inhibit_svc"; }
        say "inhibit_on_failure: rs1 stays in $inhibit_svc with weight 0: $(dests "$dir" "$inhibit_svc")"
    fi
    for l in $(labels); do traffic_for "$l" 20; done
    say "until the check noticed, requests that went to rs1 failed (in flight or sent before it left the table):"
    report_all "$t" --to "$gone" || true
    say "after it left the table: only rs2 answers, nothing fails"
    report_all "$gone" --only rs2 --max-failed 0 || fail "requests failed or reached rs1 after rs1 left the table"

    step "rs1 starts again"
    web_start rs1; web_wait rs1 10.0.3.11; t=$(now_ms)
    say "rs1 answers on its own address again"
    wait_until 20 'each_service "[ \"\$(weight $dir \$vp $rs1)\" = 1 ]"' || { show_table "$dir"; fail "rs1 did not come back"; }
    within "rs1 back in the director's table" "$waited_ms" "$return_ms"
    t=$(now_ms)
    for l in $(labels); do traffic_for "$l" 30; done
    report_all "$t" --only rs1,rs2 --max-failed 0 || fail "after rs1 came back"

    step "both real servers stop: the sorry server must answer"
    web_stop rs1 rs2; t=$(now_ms)
    wait_until 20 'each_service "[ \"\$(live $dir \$vp)\" = \$sorry ]"' ||
        { show_table "$dir"; fail "the sorry server did not replace the real servers"; }
    within "only the sorry server left in the table" "$waited_ms" "$detect_ms"
    show_table "$dir"
    local sorry_t; sorry_t=$(now_ms)
    for l in $(labels); do traffic_for "$l" 20; done
    report_all "$t" --to "$sorry_t" || true
    report_all "$sorry_t" --only sorry --max-failed 0 || fail "the sorry server did not answer every request"

    step "rs2 starts again: real servers back, the sorry server gone"
    web_start rs2; web_wait rs2 10.0.3.12; t=$(now_ms)
    say "rs2 answers on its own address again"
    wait_until 20 'each_service "[ \"\$(live $dir \$vp)\" = $rs2 ]"' ||
        { show_table "$dir"; fail "rs2 did not replace the sorry server"; }
    within "rs2 in, sorry server out" "$waited_ms" "$return_ms"
    t=$(now_ms)
    for l in $(labels); do traffic_for "$l" 20; done
    report_all "$t" --only rs2 --max-failed 0 || fail "after rs2 came back"
    web_start rs1
}
