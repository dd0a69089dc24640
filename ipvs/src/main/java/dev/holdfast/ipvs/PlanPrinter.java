package dev.holdfast.ipvs;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints operations the way ipvsadm takes them ("-A -t 10.0.0.1:80 -s wrr", "-a -t ... -r ... -g -w 1"),
 * one per line, for {@code --dry-run}. Operators already read that language.
 */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String print(List<Operation> plan) {
        StringBuilder out = new StringBuilder(plan.size() * 48);
        ServiceKey key = null;
        String keyText = null;
        for (Operation op : plan) {
            if (!op.service().equals(key)) {
                key = op.service();
                keyText = serviceKey(key);
            }
            append(out, op, keyText).append('\n');
        }
        return out.toString();
    }

    public static String line(Operation op) {
        return append(new StringBuilder(64), op, serviceKey(op.service())).toString();
    }

    /** One operation in ipvsadm's words, its service key already formatted. */
    private static StringBuilder append(StringBuilder b, Operation op, String key) {
        if (op instanceof Operation.AddService a) {
            return b.append("-A ").append(key).append(serviceOptions(a.value()));
        }
        if (op instanceof Operation.EditService e) {
            return b.append("-E ").append(key).append(serviceOptions(e.value()));
        }
        if (op instanceof Operation.DeleteService) {
            return b.append("-D ").append(key);
        }
        if (op instanceof Operation.AddDestination a) {
            b.append("-a ").append(key).append(" -r ");
            Addresses.appendWithPort(b, a.value().address(), a.value().port());
            return destinationOptions(b, a.value());
        }
        if (op instanceof Operation.EditDestination e) {
            b.append("-e ").append(key).append(" -r ");
            Addresses.appendWithPort(b, e.value().address(), e.value().port());
            return destinationOptions(b, e.value());
        }
        Operation.DeleteDestination d = (Operation.DeleteDestination) op;
        b.append("-d ").append(key).append(" -r ");
        return Addresses.appendWithPort(b, d.destination().address(), d.destination().port());
    }

    static String serviceKey(ServiceKey key) {
        if (key instanceof ServiceKey.Address a) {
            StringBuilder b = new StringBuilder(32).append(a.protocol().ipvsadmOption()).append(' ');
            return Addresses.appendWithPort(b, a.address(), a.port()).toString();
        }
        ServiceKey.Fwmark f = (ServiceKey.Fwmark) key;
        return "-f " + f.mark() + (f.family() == Family.INET6 ? " -6" : "");
    }

    private static String serviceOptions(Service s) {
        StringBuilder b = new StringBuilder(" -s ").append(s.scheduler());
        if (s.persistent()) {
            b.append(" -p ").append(s.timeout());
        }
        if (s.netmask() != s.key().family().maxPrefix()) {
            b.append(" -M ").append(s.key().family() == Family.INET ? IpvsadmListing.dotted(s.netmask()) : String.valueOf(s.netmask()));
        }
        if (s.flags().contains(ServiceFlag.ONE_PACKET)) {
            b.append(" -o");
        }
        List<String> schedFlags = new ArrayList<>();
        for (ServiceFlag f : List.of(ServiceFlag.SCHED_1, ServiceFlag.SCHED_2, ServiceFlag.SCHED_3)) {
            if (s.flags().contains(f)) {
                schedFlags.add(f.nameFor(s.scheduler()));
            }
        }
        if (!schedFlags.isEmpty()) {
            b.append(" -b ").append(String.join(",", schedFlags));
        }
        if (!s.persistenceEngine().isEmpty()) {
            b.append(" --pe ").append(s.persistenceEngine());
        }
        return b.toString();
    }

    private static StringBuilder destinationOptions(StringBuilder b, Destination d) {
        b.append(' ').append(forwarding(d.forwarding()));
        b.append(" -w ").append(d.weight());
        if (d.upperThreshold() != 0) {
            b.append(" -x ").append(d.upperThreshold());
        }
        if (d.lowerThreshold() != 0) {
            b.append(" -y ").append(d.lowerThreshold());
        }
        return b;
    }

    private static String forwarding(Forwarding f) {
        if (f instanceof Forwarding.Tunnel t) {
            StringBuilder b = new StringBuilder("-i");
            if (t.type() != TunnelType.IPIP || t.checksum() != TunnelChecksum.NOCSUM) {
                b.append(" --tun-type ").append(t.type().name().toLowerCase());
                if (t.type() == TunnelType.GUE) {
                    b.append(" --tun-port ").append(t.port());
                }
                b.append(" --tun-").append(t.checksum().name().toLowerCase());
            }
            return b.toString();
        }
        if (f instanceof Forwarding.DirectRouting) {
            return "-g";
        }
        if (f instanceof Forwarding.Nat) {
            return "-m";
        }
        // ipvsadm has no option for these two; say what they are rather than print something wrong.
        return f instanceof Forwarding.Bypass ? "--forward bypass" : "--forward local";
    }

}
