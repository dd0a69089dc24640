package dev.holdfast.ipvs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.PlanPrinter;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.Ownership;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table a configuration asks for, in ipvsadm's words. */
class ConfiguredTableTest {
    private static String rules(String conf) {
        LoadResult r = new ConfigLoader(new LoadOptions("x", Map.of(), 1, false, 1 << 20, Set.of("root"), null))
                .loadText("t.conf", conf.getBytes(StandardCharsets.UTF_8), Path.of("."));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        IpvsTable t = ConfiguredTable.allUp(r.config());
        return PlanPrinter.print(Reconciler.plan(t, IpvsTable.EMPTY, Ownership.ALL));
    }

    @Test
    void everySchedulerFlagForwardingAndTunnel() {
        String conf = """
                virtual_server 10.0.0.1 80 {
                    lvs_sched sh
                    sh-port
                    sh-fallback
                    lvs_method DR
                    protocol TCP
                    persistence_timeout 600
                    persistence_granularity 255.255.255.0
                    real_server 10.0.1.1 8080 { weight 4 }
                    real_server 10.0.1.2 80 { lvs_method TUN type gue port 6080 csum
                        weight 2
                        uthreshold 100
                        lthreshold 10 }
                }
                virtual_server 10.0.0.2 53 {
                    lvs_sched rr
                    ops
                    lvs_method NAT
                    protocol UDP
                    real_server 10.0.1.3 5353 { weight 1 }
                    real_server 10.0.1.4 { weight 1 }
                }
                virtual_server fwmark 7 {
                    lvs_sched mh
                    mh-port
                    lvs_method TUN type gre nocsum
                    real_server 10.0.1.5 { weight 1 }
                }
                virtual_server 2001:db8::1 443 {
                    lvs_sched wlc
                    lvs_method NAT
                    protocol SCTP
                    real_server 2001:db8::2 443 { weight 3 }
                }
                """;
        assertThat(rules(conf)).isEqualTo("""
                -A -t 10.0.0.1:80 -s sh -p 600 -M 255.255.255.0 -b sh-fallback,sh-port
                -a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 4
                -a -t 10.0.0.1:80 -r 10.0.1.2:80 -i --tun-type gue --tun-port 6080 --tun-csum -w 2 -x 100 -y 10
                -A -u 10.0.0.2:53 -s rr -o
                -a -u 10.0.0.2:53 -r 10.0.1.3:5353 -m -w 1
                -a -u 10.0.0.2:53 -r 10.0.1.4:53 -m -w 1
                -A -f 7 -s mh -b mh-port
                -a -f 7 -r 10.0.1.5:0 -i --tun-type gre --tun-nocsum -w 1
                -A --sctp-service [2001:db8::1]:443 -s wlc
                -a --sctp-service [2001:db8::1]:443 -r [2001:db8::2]:443 -m -w 3
                """);
    }

    @Test
    void groupsExpandToOneServicePerAddressAndMark() {
        String conf = """
                virtual_server_group G {
                    10.0.0.1 80
                    10.0.0.5-7 80
                    10.0.1.0/30 443
                    fwmark 9
                }
                virtual_server group G {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 10.0.2.1 { weight 1 }
                }
                """;
        String out = rules(conf);
        assertThat(out.lines().filter(l -> l.startsWith("-A"))).containsExactly("-A -t 10.0.0.1:80 -s rr",
                "-A -t 10.0.0.5:80 -s rr", "-A -t 10.0.0.6:80 -s rr", "-A -t 10.0.0.7:80 -s rr",
                "-A -t 10.0.1.0:443 -s rr", "-A -t 10.0.1.1:443 -s rr", "-A -t 10.0.1.2:443 -s rr",
                "-A -t 10.0.1.3:443 -s rr", "-A -f 9 -s rr");
        assertThat(out).contains("-a -t 10.0.1.2:443 -r 10.0.2.1:443 -m -w 1");
    }
}
