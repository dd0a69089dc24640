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
        StringBuilder out = new StringBuilder();
        for (Operation op : plan) {
            out.append(line(op)).append('\n');
        }
        return out.toString();
    }

    public static String line(Operation op) {
        if (op instanceof Operation.AddService a) {
            return "-A " + serviceKey(a.value().key()) + serviceOptions(a.value());
        }
        if (op instanceof Operation.EditService e) {
            return "-E " + serviceKey(e.value().key()) + serviceOptions(e.value());
        }
        if (op instanceof Operation.DeleteService d) {
            return "-D " + serviceKey(d.service());
        }
        if (op instanceof Operation.AddDestination a) {
            return "-a " + serviceKey(a.service()) + " -r " + a.value().key() + destinationOptions(a.value());
        }
        if (op instanceof Operation.EditDestination e) {
            return "-e " + serviceKey(e.service()) + " -r " + e.value().key() + destinationOptions(e.value());
        }
        Operation.DeleteDestination d = (Operation.DeleteDestination) op;
        return "-d " + serviceKey(d.service()) + " -r " + d.destination();
    }

    static String serviceKey(ServiceKey key) {
        if (key instanceof ServiceKey.Address a) {
            return a.protocol().ipvsadmOption() + " " + Addresses.withPort(a.address(), a.port());
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

    private static String destinationOptions(Destination d) {
        StringBuilder b = new StringBuilder(" ").append(forwarding(d.forwarding()));
        b.append(" -w ").append(d.weight());
        if (d.upperThreshold() != 0) {
            b.append(" -x ").append(d.upperThreshold());
        }
        if (d.lowerThreshold() != 0) {
            b.append(" -y ").append(d.lowerThreshold());
        }
        return b.toString();
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
