package dev.holdfast.daemon.observe;

import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import java.util.List;

/**
 * The metric names of gen2brain/keepalived_exporter (keepalived_up, keepalived_vrrp_*, keepalived_lvs_*), for
 * dashboards built on it. Its counters carry no _total suffix, so they are exposed untyped. Its state values are
 * keepalived's numbers: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT.
 */
final class KeepalivedExporterNames {
    private KeepalivedExporterNames() {
    }

    static void add(Snapshot s, Metrics.Families f) {
        f.gauge("keepalived_up", "1: holdfast is running (keepalived_exporter name)", List.of()).add(1);
        List<String> vl = List.of("name", "intf", "vrid", "state");
        Metrics.Families.Family state = f.gauge("keepalived_vrrp_state",
                "VRRP state as keepalived numbers it: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT",
                List.of("name", "intf", "vrid"));
        Metrics.Families.Family become = f.untyped("keepalived_vrrp_become_master",
                "Times the instance became master (keepalived_exporter name)", vl);
        Metrics.Families.Family release = f.untyped("keepalived_vrrp_release_master",
                "Times the instance left the master state (keepalived_exporter name)", vl);
        Metrics.Families.Family sent = f.untyped("keepalived_vrrp_advert_sent", "Adverts sent (keepalived_exporter "
                + "name)", vl);
        Metrics.Families.Family rcvd = f.untyped("keepalived_vrrp_advert_rcvd", "Adverts received (keepalived_exporter "
                + "name)", vl);
        java.util.Map<String, String> errorNames = java.util.Map.of("bad_ttl", "keepalived_vrrp_ip_ttl_err",
                "auth_failure", "keepalived_vrrp_auth_failure", "auth_mismatch", "keepalived_vrrp_authtype_mismatch",
                "bad_auth_type", "keepalived_vrrp_invalid_authtype", "interval_mismatch",
                "keepalived_vrrp_advert_interval_err", "bad_length", "keepalived_vrrp_packet_len_err",
                "bad_type", "keepalived_vrrp_invalid_type_rcvd", "addr_count_mismatch", "keepalived_vrrp_addr_list_err");
        java.util.Map<String, Metrics.Families.Family> errorFamilies = new java.util.TreeMap<>();
        new java.util.TreeMap<>(errorNames).forEach((kind, name) -> errorFamilies.put(kind, f.untyped(name,
                "Adverts refused: " + kind.replace('_', ' ') + " (keepalived_exporter name)", vl)));
        for (Snapshot.VrrpInstanceState i : s.vrrp()) {
            String vrid = Integer.toString(i.vrid());
            state.add(number(i.state()), i.name(), i.iface(), vrid);
            sent.add(i.advertsSent(), i.name(), i.iface(), vrid, i.state());
            rcvd.add(i.advertsReceived(), i.name(), i.iface(), vrid, i.state());
            errorFamilies.forEach((kind, fam) -> fam.add(i.errors().getOrDefault(kind, 0L), i.name(), i.iface(), vrid,
                    i.state()));
            long masters = i.transitions().getOrDefault("MASTER", 0L);
            become.add(masters, i.name(), i.iface(), vrid, i.state());
            release.add(Math.max(0, masters - ("MASTER".equals(i.state()) ? 1 : 0)), i.name(), i.iface(), vrid,
                    i.state());
        }
        List<String> what = List.of("in_packets", "out_packets", "in_bytes", "out_bytes", "conn");
        Metrics.Families.Family[] vip = new Metrics.Families.Family[what.size()];
        Metrics.Families.Family[] rs = new Metrics.Families.Family[what.size()];
        for (int k = 0; k < what.size(); k++) {
            vip[k] = f.untyped("keepalived_lvs_vip_" + what.get(k), "IPVS service " + what.get(k)
                    + " (keepalived_exporter name)", List.of("addr", "proto"));
            rs[k] = f.untyped("keepalived_lvs_rs_" + what.get(k), "IPVS destination " + what.get(k)
                    + " (keepalived_exporter name)", List.of("vip", "addr", "proto"));
        }
        for (KernelWriter.ServiceReading r : s.kernel()) {
            ServiceKey key = r.service().service().key();
            String addr = key instanceof ServiceKey.Address a ? Labels.endpoint(a.address(), a.port())
                    : "fwmark:" + ((ServiceKey.Fwmark) key).mark();
            String proto = key instanceof ServiceKey.Address a ? Integer.toString(a.protocol().number()) : "0";
            put(vip, r.service().stats(), addr, proto);
            for (DestinationStatus d : r.destinations()) {
                put(rs, d.stats(), addr, Labels.endpoint(d.destination().address(), d.destination().port()), proto);
            }
        }
    }

    private static void put(Metrics.Families.Family[] f, Stats st, String... labels) {
        f[0].add(st.inPackets(), labels);
        f[1].add(st.outPackets(), labels);
        f[2].add(st.inBytes(), labels);
        f[3].add(st.outBytes(), labels);
        f[4].add(st.connections(), labels);
    }

    private static int number(String state) {
        return switch (state) {
            case "BACKUP" -> 1;
            case "MASTER" -> 2;
            case "FAULT" -> 3;
            default -> 0;
        };
    }
}
