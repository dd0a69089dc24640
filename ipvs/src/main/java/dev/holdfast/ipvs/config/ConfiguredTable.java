package dev.holdfast.ipvs.config;

import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VirtualServerGroup;
import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceFlag;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.TunnelChecksum;
import dev.holdfast.ipvs.TunnelType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The IPVS table a configuration asks for. The weight of each real server comes from a function, so the same
 * mapping serves {@code holdfast ipvs apply} (every real server at its configured weight) and the health-check
 * controller (live weights, removed servers). Sorry servers are left to the controller.
 */
public final class ConfiguredTable {
    /** Most services a single virtual_server_group range may expand to. */
    public static final int MAX_RANGE = 65_536;

    private ConfiguredTable() {
    }

    /** Every real server at its configured weight, as {@code ipvsadm-restore} of the configuration would. */
    public static IpvsTable allUp(KeepalivedConfig config) {
        // a resolved virtual server holds each real server once, so its own weight is the whole answer
        return buildWith(config, vs -> rs -> (int) Math.min(Integer.MAX_VALUE, rs.weight()));
    }

    /**
     * The table with the weights given per virtual server: a map from real-server label ("ip:port") to the IPVS
     * weight; a real server absent from the map is not in the table.
     */
    public static IpvsTable build(KeepalivedConfig config, Function<VirtualServer, Map<String, Integer>> weights) {
        return buildWith(config, vs -> {
            Map<String, Integer> w = weights.apply(vs);
            return rs -> w.get(rs.label());
        });
    }

    /** The table with, per virtual server, each real server's weight or null for one left out. */
    private static IpvsTable buildWith(KeepalivedConfig config,
                                       Function<VirtualServer, Function<RealServer, Integer>> weights) {
        Map<String, VirtualServerGroup> groups = config.virtualServerGroups().stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, g -> g, (a, b) -> a));
        IpvsTable.Builder table = IpvsTable.builder();
        for (VirtualServer vs : config.virtualServers()) {
            Function<RealServer, Integer> w = weights.apply(vs);
            for (ServiceKey key : keys(vs, groups)) {
                Service service = service(vs, key);
                List<Destination> dests = new ArrayList<>(vs.realServers().size());
                for (RealServer rs : vs.realServers()) {
                    Integer weight = w.apply(rs);
                    if (weight != null) {
                        dests.add(destination(rs, key, weight));
                    }
                }
                table.service(service, dests);
            }
        }
        return table.build();
    }

    /** The IPVS services one virtual server stands for (one per address of a group). */
    public static List<Service> services(VirtualServer vs, List<VirtualServerGroup> groups) {
        Map<String, VirtualServerGroup> byName = groups.stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, g -> g, (a, b) -> a));
        return keys(vs, byName).stream().map(k -> service(vs, k)).toList();
    }

    static List<ServiceKey> keys(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        List<ServiceKey> keys = new ArrayList<>();
        Protocol protocol = protocol(vs);
        if (vs.key() instanceof VirtualServer.Address a) {
            keys.add(new ServiceKey.Address(protocol, inet(a.ip()), a.port()));
        } else if (vs.key() instanceof VirtualServer.Fwmark f) {
            keys.add(new ServiceKey.Fwmark(f.mark(), family(vs, f.family())));
        } else if (vs.key() instanceof VirtualServer.Group g) {
            VirtualServerGroup group = groups.get(g.name());
            if (group == null) {
                return keys;
            }
            for (VirtualServerGroup.Range r : group.addresses()) {
                BigInteger first = new BigInteger(1, r.first().bytes());
                BigInteger last = new BigInteger(1, r.last().bytes());
                int count = 0;
                for (BigInteger i = first; i.compareTo(last) <= 0 && count < MAX_RANGE; i = i.add(BigInteger.ONE)) {
                    keys.add(new ServiceKey.Address(protocol, inet(i, r.first().ipv6()), r.port()));
                    count++;
                }
            }
            for (VirtualServer.Fwmark f : group.fwmarks()) {
                keys.add(new ServiceKey.Fwmark(f.mark(), family(vs, f.family())));
            }
        }
        return keys;
    }

    private static Family family(VirtualServer vs, String declared) {
        String f = declared != null ? declared : vs.ipFamily();
        if (f == null && !vs.realServers().isEmpty()) {
            return vs.realServers().get(0).ip().ipv6() ? Family.INET6 : Family.INET;
        }
        return "inet6".equals(f) ? Family.INET6 : Family.INET;
    }

    private static Protocol protocol(VirtualServer vs) {
        if (vs.protocol() == null) {
            return Protocol.TCP;
        }
        return switch (vs.protocol()) {
            case TCP -> Protocol.TCP;
            case UDP -> Protocol.UDP;
            case SCTP -> Protocol.SCTP;
        };
    }

    static Service service(VirtualServer vs, ServiceKey key) {
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        for (String f : vs.schedulerFlags()) {
            switch (f) {
                case "flag-1", "sh-fallback", "mh-fallback" -> flags.add(ServiceFlag.SCHED_1);
                case "flag-2", "sh-port", "mh-port" -> flags.add(ServiceFlag.SCHED_2);
                case "flag-3" -> flags.add(ServiceFlag.SCHED_3);
                default -> { }
            }
        }
        if (vs.ops()) {
            flags.add(ServiceFlag.ONE_PACKET);
        }
        Service s = Service.of(key, vs.lvsSched()).withFlags(flags);
        if (vs.persistenceTimeout() > 0) {
            s = s.withPersistence((int) vs.persistenceTimeout());
            s = s.withNetmask(netmask(vs.persistenceGranularity(), key.family()));
        }
        if (vs.persistenceEngine() != null) {
            s = s.withPersistenceEngine(vs.persistenceEngine());
        }
        return s;
    }

    static int netmask(String granularity, Family family) {
        if (granularity == null) {
            return family.maxPrefix();
        }
        IpAddress mask = IpAddress.parse(granularity);
        if (mask != null && !mask.ipv6()) {
            return new BigInteger(1, mask.bytes()).bitCount();
        }
        return Integer.parseInt(granularity);
    }

    /** A real (or sorry) server as a destination of one service, at the given weight. */
    public static Destination destination(RealServer rs, ServiceKey key, int weight) {
        var m = rs.lvsMethod();
        Forwarding fwd = switch (m.method()) {
            case NAT -> Forwarding.NAT;
            case DR -> Forwarding.DR;
            case TUN -> new Forwarding.Tunnel(TunnelType.valueOf(m.tunnelType().name().toUpperCase()),
                    m.tunnelPort() == null ? 0 : m.tunnelPort(),
                    TunnelChecksum.valueOf(m.checksum().name().toUpperCase()));
        };
        int port = rs.port();
        if (key instanceof ServiceKey.Address a && port == 0) {
            port = a.port();
        }
        return Destination.of(inet(rs.ip()), port, fwd, weight).withThresholds(rs.uthreshold(), rs.lthreshold());
    }

    static InetAddress inet(IpAddress ip) {
        try {
            return InetAddress.getByAddress(ip.bytes());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip.text(), e);
        }
    }

    private static InetAddress inet(BigInteger value, boolean six) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[six ? 16 : 4];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, b, b.length - n, n);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
