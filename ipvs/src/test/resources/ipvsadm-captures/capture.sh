#!/usr/bin/env bash
# How the captures here were made: the netlink messages ipvsadm sends, under strace, in the test-lab VM.
#   LAB_REPO_RW=1 test-lab/run --exec 'bash ipvs/src/test/resources/ipvsadm-captures/capture.sh'
# writes test-lab/.cache/captures/NN-name.{cmd,strace}; each NN-name.txt here holds the command line and the last
# sendmsg of one .strace (the IPVS command; the ones before resolve the family), decoded header + payload hex.
set -u
out=$LAB_REPO/test-lab/.cache/captures
rm -rf "$out"; mkdir -p "$out"
ip netns add cap; ip -n cap link set lo up
ip -n cap link add d0 type dummy; ip -n cap addr add 10.255.255.1/8 dev d0; ip -n cap addr add 192.168.0.1/16 dev d0
ip -n cap -6 addr add 2001:db8::ff/64 dev d0 nodad; ip -n cap link set d0 up
n=0
cap() {
    name=$1; shift
    n=$((n+1))
    f=$(printf '%s/%02d-%s' "$out" $n "$name")
    echo "ipvsadm $*" >"$f.cmd"
    ip netns exec cap strace -f -e trace=sendmsg,sendto -xx -s 65536 -o "$f.strace" ipvsadm "$@"
    echo "rc=$?" >>"$f.cmd"
}
cap add-service-tcp -A -t 10.0.0.1:80 -s wrr
cap edit-service-tcp -E -t 10.0.0.1:80 -s rr -p 300 -M 255.255.255.0
cap add-dest-nat -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 3
cap edit-dest-nat -e -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 5 -x 100 -y 10
cap add-dest-tun-gue -a -t 10.0.0.1:80 -r 192.168.1.3:80 -i --tun-type gue --tun-port 6080 --tun-csum -w 1
cap add-dest-tun-gre -a -t 10.0.0.1:80 -r 192.168.1.4:80 -i --tun-type gre --tun-nocsum -w 2
cap add-dest-dr -a -t 10.0.0.1:80 -r 192.168.1.5:80 -g -w 1
cap delete-dest -d -t 10.0.0.1:80 -r 192.168.1.1:8080
cap delete-service-tcp -D -t 10.0.0.1:80
cap add-service-fwmark -A -f 7 -s sh -b sh-port,sh-fallback
cap add-dest-fwmark -a -f 7 -r 192.168.1.2 -g -w 1
cap edit-dest-fwmark -e -f 7 -r 192.168.1.2 -g -w 4
cap delete-dest-fwmark -d -f 7 -r 192.168.1.2
cap delete-service-fwmark -D -f 7
cap add-service-ipv6 -A -t [2001:db8::1]:443 -s mh -b mh-fallback,mh-port -p 60 -M 64
cap edit-service-ipv6 -E -t [2001:db8::1]:443 -s wlc
cap add-dest-ipv6 -a -t [2001:db8::1]:443 -r [2001:db8::2]:443 -m -w 2
cap edit-dest-ipv6 -e -t [2001:db8::1]:443 -r [2001:db8::2]:443 -m -w 7
cap delete-dest-ipv6 -d -t [2001:db8::1]:443 -r [2001:db8::2]:443
cap delete-service-ipv6 -D -t [2001:db8::1]:443
cap add-service-udp-ops -A -u 10.0.0.2:53 -s rr -o
cap add-service-fwmark6 -A -f 8 -6 -s rr
cap add-service-sctp -A --sctp-service 10.0.0.3:3868 -s lc
ip netns exec cap ipvsadm -Sn > "$out/final.rules"
ip netns del cap
ls "$out" | wc -l
