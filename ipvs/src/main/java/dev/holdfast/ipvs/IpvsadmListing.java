package dev.holdfast.ipvs;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel table in the columns of {@code ipvsadm -Ln} and {@code ipvsadm -Ln --stats}, byte for byte, so scripts
 * and eyes used to ipvsadm read holdfast's listing the same way. Services come in the order the kernel lists them.
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
