package dev.holdfast.ipvs;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel table in the columns of {@code ipvsadm -Ln} and {@code ipvsadm -Ln --stats}, byte for byte, so scripts
 * and eyes used to ipvsadm read holdfast's listing the same way. Services and destinations come in ipvsadm's order
 * (see {@link #ipvsadmOrder}), not the kernel's hash order.
 */
public final class IpvsadmListing {
    private IpvsadmListing() {
    }

    /** One service as the kernel reports it, with its destinations and counters. */
    public record Entry(Service service, Stats stats, List<Row> destinations) {
    }

    /** One destination with its connection counts and counters. */
    public record Row(Destination destination, long activeConnections, long inactiveConnections, Stats stats) {
    }

    public static String list(String versionLine, List<Entry> entries) {
        entries = ipvsadmOrder(entries);
        StringBuilder sb = new StringBuilder(versionLine).append('\n');
        sb.append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (Entry e : entries) {
            sb.append(serviceName(e.service().key())).append(' ').append(e.service().scheduler())
                    .append(serviceFlags(e.service())).append('\n');
            for (Row r : e.destinations()) {
                sb.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", destinationName(r.destination()),
                        forwardName(r.destination().forwarding()), r.destination().weight(), r.activeConnections(),
                        r.inactiveConnections()));
            }
        }
        return sb.toString();
    }

    public static String stats(String versionLine, List<Entry> entries, boolean exact) {
        entries = ipvsadmOrder(entries);
        StringBuilder sb = new StringBuilder(versionLine).append('\n');
        sb.append("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n");
        sb.append("  -> RemoteAddress:Port\n");
        for (Entry e : entries) {
            sb.append(String.format("%-33s", serviceName(e.service().key()))).append(counters(e.stats(), exact))
                    .append('\n');
            for (Row r : e.destinations()) {
                sb.append(String.format("  -> %-28s", destinationName(r.destination())))
                        .append(counters(r.stats(), exact)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The entries in the order {@code ipvsadm -L} prints them: ipvsadm sorts the kernel's dump with
     * {@code qsort(ipvs_cmp_services)} and each service's destinations with {@code qsort(ipvs_cmp_dests)} (libipvs).
     * Those comparators subtract unsigned 32-bit values and read the result as an int, so addresses more than 2^31
     * apart compare "backwards" (192.168.0.1 sorts before 10.0.0.1) and the order is not even transitive; to print
     * exactly what ipvsadm prints, this uses the same comparators with the same algorithm as glibc's qsort (a
     * top-down merge sort, first half n/2, ties taken from the left).
     */
    public static List<Entry> ipvsadmOrder(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new Entry(e.service(), e.stats(), glibcMergeSort(e.destinations(),
                    (a, b) -> compareDestinations(a.destination(), b.destination()))));
        }
        return glibcMergeSort(out, (a, b) -> compareServices(a.service().key(), b.service().key()));
    }

    /** libipvs {@code ipvs_cmp_services}: fwmark, af, protocol, address (u32 words), port; C int arithmetic. */
    static int compareServices(ServiceKey s1, ServiceKey s2) {
        long m1 = s1 instanceof ServiceKey.Fwmark f ? f.mark() : 0;
        long m2 = s2 instanceof ServiceKey.Fwmark f ? f.mark() : 0;
        int r = (int) (m1 - m2);
        if (r != 0) {
            return r;
        }
        r = s1.family().number() - s2.family().number();
        if (r != 0) {
            return r;
        }
        ServiceKey.Address a1 = s1 instanceof ServiceKey.Address a ? a : null;
        ServiceKey.Address a2 = s2 instanceof ServiceKey.Address a ? a : null;
        r = (a1 == null ? 0 : a1.protocol().number()) - (a2 == null ? 0 : a2.protocol().number());
        if (r != 0) {
            return r;
        }
        r = compareAddresses(s1.family(), a1 == null ? null : a1.address(), a2 == null ? null : a2.address());
        if (r != 0) {
            return r;
        }
        return (a1 == null ? 0 : a1.port()) - (a2 == null ? 0 : a2.port());
    }

    /** libipvs {@code ipvs_cmp_dests}: address (4 u32 words if the first is IPv6, else 1), port. */
    static int compareDestinations(Destination d1, Destination d2) {
        int r = compareAddresses(d1.family(), d1.address(), d2.address());
        return r != 0 ? r : d1.port() - d2.port();
    }

    private static int compareAddresses(Family family, java.net.InetAddress x, java.net.InetAddress y) {
        byte[] b1 = union(x);
        byte[] b2 = union(y);
        int words = family == Family.INET6 ? 4 : 1;
        int r = 0;
        for (int i = 0; r == 0 && i < words; i++) {
            r = (int) (word(b1, i) - word(b2, i));
        }
        return r;
    }

    /** The 16-byte {@code nf_inet_addr} union: an IPv4 address in the first 4 bytes, the rest zero. */
    private static byte[] union(java.net.InetAddress a) {
        byte[] u = new byte[16];
        if (a != null) {
            byte[] raw = a.getAddress();
            System.arraycopy(raw, 0, u, 0, raw.length);
        }
        return u;
    }

    private static long word(byte[] b, int i) {
        return ((b[4 * i] & 0xffL) << 24) | ((b[4 * i + 1] & 0xffL) << 16) | ((b[4 * i + 2] & 0xffL) << 8)
                | (b[4 * i + 3] & 0xffL);
    }

    /** glibc's {@code msort_with_tmp}: split at n/2, sort both halves, merge taking the left on cmp <= 0. */
    static <T> List<T> glibcMergeSort(List<T> list, java.util.Comparator<T> cmp) {
        List<T> a = new ArrayList<>(list);
        msort(a, 0, a.size(), cmp);
        return a;
    }

    private static <T> void msort(List<T> a, int from, int n, java.util.Comparator<T> cmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(a, from, n1, cmp);
        msort(a, from + n1, n2, cmp);
        List<T> tmp = new ArrayList<>(n);
        int i = from;
        int j = from + n1;
        int end1 = from + n1;
        int end2 = from + n;
        while (i < end1 && j < end2) {
            if (cmp.compare(a.get(i), a.get(j)) <= 0) {
                tmp.add(a.get(i++));
            } else {
                tmp.add(a.get(j++));
            }
        }
        while (i < end1) {
            tmp.add(a.get(i++));
        }
        for (int k = 0; k < tmp.size(); k++) {
            a.set(from + k, tmp.get(k));
        }
    }

    static String serviceName(ServiceKey key) {
        if (key instanceof ServiceKey.Address a) {
            return String.format("%-4s %s", a.protocol().name(), Addresses.withPort(a.address(), a.port()));
        }
        ServiceKey.Fwmark f = (ServiceKey.Fwmark) key;
        return "FWM  " + f.mark() + (f.family() == Family.INET6 ? " IPv6" : "");
    }

    static String serviceFlags(Service s) {
        StringBuilder b = new StringBuilder();
        List<String> sched = new ArrayList<>();
        for (ServiceFlag f : List.of(ServiceFlag.SCHED_1, ServiceFlag.SCHED_2, ServiceFlag.SCHED_3)) {
            if (s.flags().contains(f)) {
                sched.add(f.nameFor(s.scheduler()));
            }
        }
        if (!sched.isEmpty()) {
            b.append(" (").append(String.join(",", sched)).append(')');
        }
        if (s.persistent()) {
            b.append(" persistent ").append(s.timeout());
            Family fam = s.key().family();
            if (s.netmask() != fam.maxPrefix()) {
                b.append(" mask ").append(fam == Family.INET ? dotted(s.netmask()) : String.valueOf(s.netmask()));
            }
            if (!s.persistenceEngine().isEmpty()) {
                b.append(" pe ").append(s.persistenceEngine());
            }
        }
        if (s.flags().contains(ServiceFlag.ONE_PACKET)) {
            b.append(" ops");
        }
        return b.toString();
    }

    static String destinationName(Destination d) {
        return Addresses.withPort(d.address(), d.port());
    }

    static String forwardName(Forwarding f) {
        if (f instanceof Forwarding.Nat) {
            return "Masq";
        }
        if (f instanceof Forwarding.DirectRouting) {
            return "Route";
        }
        if (f instanceof Forwarding.Tunnel) {
            return "Tunnel";
        }
        return f instanceof Forwarding.Local ? "Local" : "Bypass";
    }

    private static String counters(Stats s, boolean exact) {
        return " " + largeNumber(s.connections(), exact) + " " + largeNumber(s.inPackets(), exact) + " "
                + largeNumber(s.outPackets(), exact) + " " + largeNumber(s.inBytes(), exact) + " "
                + largeNumber(s.outBytes(), exact);
    }

    /** ipvsadm's eight columns: the number while it fits, then thousands (K), millions (M), ... */
    static String largeNumber(long n, boolean exact) {
        String digits = Long.toUnsignedString(n);
        if (exact || digits.length() <= 8) {
            return String.format("%8s", digits);
        }
        String[] suffix = {"K", "M", "G", "T", "P"};
        long v = n;
        int i = -1;
        while (Long.toUnsignedString(v).length() > 7 && i < suffix.length - 1) {
            v = Long.divideUnsigned(v, 1000);
            i++;
        }
        return String.format("%7s%s", Long.toUnsignedString(v), suffix[Math.max(0, i)]);
    }

    static String dotted(int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (mask >> 24) + "." + ((mask >> 16) & 0xff) + "." + ((mask >> 8) & 0xff) + "." + (mask & 0xff);
    }
}
