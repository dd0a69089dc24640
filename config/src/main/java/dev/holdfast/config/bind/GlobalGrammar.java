package dev.holdfast.config.bind;

import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.grammar.Values;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import java.util.List;

/** Keyword table of global_defs. */
final class GlobalGrammar {
    private static final long DAY = 86_400_000_000L;
    final BlockGrammar<GlobalBuilder> g = new BlockGrammar<>("global_defs");

    GlobalGrammar() {
        g.add("router_id", "host name in emails", (b, st, v) -> b.routerId = v.string(0, "a name"));
        g.add("notification_email", "{ recipients }", (b, st, v) ->
                VrrpGrammar.lines(st, v, w -> b.emails.add(w.stream().map(t -> t.text())
                        .reduce((x, y) -> x + " " + y).orElse(""))));
        g.add("notification_email_from", "sender address", (b, st, v) -> b.emailFrom = v.string(0, "an address"));
        g.add("smtp_server", "HOST [PORT]", (b, st, v) -> {
            b.smtpServer = v.string(0, "a host or address");
            if (v.count() > 1) {
                b.smtpPort = v.port(1);
            }
        });
        g.add("smtp_helo_name", "HELO name", (b, st, v) -> b.smtpHelo = v.string(0, "a name"));
        g.add("smtp_connect_timeout", "seconds", (b, st, v) -> b.smtpTimeout = v.timer(0, 1, DAY));
        g.add("smtp_alert", "default smtp_alert", (b, st, v) -> b.smtpAlert = v.optBool(0));
        g.add("smtp_alert_vrrp", "default for VRRP", (b, st, v) -> b.smtpAlertVrrp = v.optBool(0));
        g.add("smtp_alert_checker", "default for checkers", (b, st, v) -> b.smtpAlertChecker = v.optBool(0));
        g.add("no_email_faults", "no email on FAULT", (b, st, v) -> b.noEmailFaults = true);
        g.add("checker_log_all_failures", "log every failed check", (b, st, v) -> b.checkerLogAllFailures = v.optBool(0));
        g.add("no_checker_emails", "email only on add/remove", (b, st, v) -> b.noCheckerEmails = true);
        g.add("rs_init_notifies", "notify for servers up at start", (b, st, v) -> b.rsInitNotifies = true);
        g.add("script_user", "USER [GROUP]", (b, st, v) -> {
            b.scriptUser = v.string(0, "a user name");
            b.scriptGroup = v.optString(1);
        });
        g.add("enable_script_security", "refuse insecure root scripts", (b, st, v) -> b.enableScriptSecurity = true);
        g.add("notify_fifo", "FIFO [user [group]]", (b, st, v) -> b.notifyFifo = v.string(0, "a FIFO path"));
        g.add("vrrp_notify_fifo", "FIFO for VRRP events", (b, st, v) -> b.vrrpNotifyFifo = v.string(0, "a FIFO path"));
        g.add("lvs_notify_fifo", "FIFO for LVS events", (b, st, v) -> b.lvsNotifyFifo = v.string(0, "a FIFO path"));
        g.add("lvs_timeouts", "[tcp S] [tcpfin S] [udp S]", (b, st, v) -> {
            Long tcp = null;
            Long fin = null;
            Long udp = null;
            for (int i = 0; i + 1 < v.count() + 1; i += 2) {
                String k = v.optString(i);
                if (k == null) {
                    break;
                }
                Long n = v.integer(i + 1, 1, 86400 * 365L);
                switch (k) {
                    case "tcp" -> tcp = n;
                    case "tcpfin" -> fin = n;
                    case "udp" -> udp = n;
                    default -> v.error(i, "expected tcp, tcpfin or udp, not '" + k + "'");
                }
            }
            b.lvsTimeouts = new GlobalDefs.LvsTimeouts(tcp, fin, udp);
        });
        g.add("lvs_flush", "flush IPVS at start", (b, st, v) -> b.lvsFlush = true);
        g.add("lvs_flush_on_stop", "[VS]: flush at stop", (b, st, v) ->
                b.lvsFlushOnStop = "VS".equals(v.optString(0)) ? "VS" : "FULL");
        g.deprecated("lvs_flush_onstop", "lvs_flush_on_stop");
        g.add("lvs_sync_daemon", "IF [inst] [id N] [maxlen N] [port N] [ttl N] [group ADDR]", (b, st, v) ->
                b.syncDaemon = syncDaemon(v));
        g.add("vrrp_mcast_group4", "IPv4 advert group", (b, st, v) -> b.mcast4 = multicast(v, false));
        g.add("vrrp_mcast_group6", "IPv6 advert group", (b, st, v) -> b.mcast6 = multicast(v, true));
        g.add("default_interface", "interface for addresses without dev", (b, st, v) ->
                b.defaultInterface = v.string(0, "an interface"));
        g.add("vrrp_version", "2|3", (b, st, v) -> b.vrrpVersion = v.choice(0, Values.ordered("2", 2, "3", 3), true));
        g.add("v3_checksum_as_v2", "v3 IPv4 checksum without pseudo-header", (b, st, v) -> b.v3ChecksumAsV2 = v.optBool(0));
        g.add("vrrp_garp_master_delay", "second GARP burst delay", (b, st, v) -> b.garpMasterDelay = v.timer(0, 0, DAY));
        g.add("vrrp_garp_master_repeat", "GARPs per burst", (b, st, v) -> b.garpMasterRepeat = v.integer32(0, 0, 65535));
        g.add("vrrp_garp_lower_prio_delay", "delay on lower priority", (b, st, v) -> b.garpLowerPrioDelay = v.timer(0, 0, DAY));
        g.add("vrrp_garp_lower_prio_repeat", "GARPs on lower priority", (b, st, v) -> b.garpLowerPrioRepeat = v.integer32(0, 0, 65535));
        g.add("vrrp_garp_master_refresh", "periodic GARP", (b, st, v) -> b.garpMasterRefresh = v.timer(0, 0, DAY));
        g.add("vrrp_garp_master_refresh_repeat", "GARPs per refresh", (b, st, v) -> b.garpMasterRefreshRepeat = v.integer32(0, 0, 65535));
        g.add("vrrp_garp_interval", "ARP spacing (0 = none)", (b, st, v) -> b.garpInterval = v.timer(0, 0, DAY));
        g.add("vrrp_gna_interval", "NA spacing (0 = none)", (b, st, v) -> b.gnaInterval = v.timer(0, 0, DAY));
        g.add("vrrp_min_garp", "one GARP, no second burst", (b, st, v) -> b.minGarp = v.optBool(0));
        g.add("vrrp_down_timer_adverts", "adverts before master down", (b, st, v) -> b.downTimerAdverts = v.integer32(0, 1, 100));
        g.add("vrrp_lower_prio_no_advert", "no advert on lower priority", (b, st, v) -> b.lowerPrioNoAdvert = v.optBool(0));
        g.add("vrrp_higher_prio_send_advert", "advert before yielding", (b, st, v) -> b.higherPrioSendAdvert = v.optBool(0));
        g.add("vrrp_owner_ignore_adverts", "owner ignores adverts", (b, st, v) -> b.ownerIgnoreAdverts = v.optBool(0));
        g.add("vrrp_check_unicast_src", "accept only configured peers", (b, st, v) -> b.checkUnicastSrc = true);
        g.add("vrrp_skip_check_adv_addr", "skip the VIP list check", (b, st, v) -> b.skipCheckAdvAddr = true);
        g.add("vrrp_strict", "strict RFC mode", (b, st, v) -> b.strict = true);
        g.add("dynamic_interfaces", "allow missing interfaces", (b, st, v) -> b.dynamicInterfaces = true);
        g.add("vrrp_startup_delay", "delay VRRP start", (b, st, v) -> b.startupDelay = v.timer(0, 0, DAY));
        g.add("state_dump_file", "SIGUSR1 dump path", (b, st, v) -> b.stateDumpFile = v.string(0, "a path"));
        g.add("stats_dump_file", "SIGUSR2 dump path", (b, st, v) -> b.statsDumpFile = v.string(0, "a path"));
        g.add("json_dump_file", "JSON dump path", (b, st, v) -> b.jsonDumpFile = v.string(0, "a path"));
        g.add("random_seed", "seed for ${_RANDOM}", (b, st, v) -> b.randomSeed = v.integer(0, 0, 4_294_967_295L));
        for (String k : List.of("tmp_config_directory", "config_save_dir", "process_names", "process_name",
                "vrrp_process_name", "checker_process_name", "bfd_process_name", "use_symlink_paths",
                "set_supplementary_groups", "startup_script", "startup_script_timeout", "shutdown_script",
                "shutdown_script_timeout", "umask", "reload_check_config", "reload_time_file", "reload_repeat",
                "reload_file", "include_check", "data_use_instance", "json_version", "max_auto_priority",
                "min_auto_priority_delay", "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap",
                "checker_no_swap", "bfd_no_swap", "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority",
                "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime", "vrrp_cpu_affinity",
                "checker_cpu_affinity", "bfd_cpu_affinity", "notify_fifo_script", "vrrp_notify_fifo_script",
                "lvs_notify_fifo_script", "vrrp_notify_priority_changes", "fifo_write_vrrp_states_on_reload",
                "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                "lvs_netlink_monitor_rcv_bufs_force", "nftables_ipvs", "nftables_ipvs_priority",
                "nftables_ipvs_start_fwmark", "nftables_counters", "snmp_vs_stats_update_interval",
                "snmp_rs_stats_update_interval", "vrrp_garp_extra_if", "vrrp_iptables", "vrrp_ipsets", "nftables",
                "nftables_priority", "nftables_ifindex", "disable_local_igmp", "vrrp_netlink_cmd_rcv_bufs",
                "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
                "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
                "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "vrrp_delay_after_boot", "log_unknown_vrids",
                "vmac_prefix", "vmac_addr_prefix", "iproute_usr_dir", "iproute_etc_dir", "snmp_socket",
                "enable_snmp_vrrp", "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2",
                "enable_snmp_rfcv3", "enable_traps", "enable_dbus", "dbus_service_name", "dbus_no_interface_name",
                "linkbeat_use_polling", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
                "child_wait_time")) {
            g.noEffect(k, "accepted for compatibility; no effect in holdfast", b -> b.other);
        }
        g.deprecated("vrrp_vmac_garp_intvl", "vrrp_garp_extra_if");
        g.deprecated("enable_snmp_keepalived", "enable_snmp_vrrp");
        g.deprecated("lvs_process_name", "checker_process_name");
        for (String p : List.of("vrrp", "checker", "bfd")) {
            g.deprecated(p + "_rlimit_rtime", p + "_rlimit_rttime");
        }
        g.deprecated("lvs_sync_daemon_interface", "lvs_sync_daemon");
        g.deprecated("state_file_location", "state_dump_file");
        g.deprecated("stats_file_location", "stats_dump_file");
        g.deprecated("json_file_location", "json_dump_file");
    }

    private static IpAddress multicast(Values v, boolean six) {
        IpAddress a = v.address(0, "a multicast address");
        if (a == null) {
            return null;
        }
        boolean mc = six ? (a.ipv6() && (a.bytes()[0] & 0xff) == 0xff)
                : (!a.ipv6() && (a.bytes()[0] & 0xf0) == 0xe0);
        if (!mc) {
            v.error(0, a + " is not an IPv" + (six ? "6" : "4") + " multicast address");
            return null;
        }
        return a;
    }

    private static GlobalDefs.LvsSyncDaemon syncDaemon(Values v) {
        String iface = v.string(0, "an interface");
        if (iface == null) {
            return null;
        }
        String inst = null;
        Integer id = null;
        int maxlen = 1472;
        int port = 8848;
        int ttl = 1;
        IpAddress group = null;
        for (int i = 1; i < v.count(); i++) {
            String k = v.optString(i);
            switch (k) {
                case "id" -> id = v.integer32(++i, 0, 255);
                case "maxlen" -> maxlen = orDefault(v.integer32(++i, 1, 65507), maxlen);
                case "port" -> port = orDefault(v.port(++i), port);
                case "ttl" -> ttl = orDefault(v.integer32(++i, 1, 255), ttl);
                case "group" -> group = v.address(++i, "a multicast group");
                case "inst" -> inst = v.optString(++i);
                default -> {
                    if (i == 1) {
                        inst = k;
                    } else {
                        v.error(i, "unexpected '" + k + "'");
                    }
                }
            }
        }
        return new GlobalDefs.LvsSyncDaemon(iface, inst, id, maxlen, port, ttl, group);
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }
}
