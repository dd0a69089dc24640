package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.vrrp.packet.AuthType;
import dev.holdfast.vrrp.packet.ChecksumMode;
import dev.holdfast.vrrp.packet.VrrpVersion;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The config model's vrrp_instance mapped onto what the state machine and the sockets need. No root. */
class InstancePlanTest {

    static KeepalivedConfig load(String text) {
        LoadOptions options = new LoadOptions("test", Map.of(), 1, false, 1 << 20, Set.of("root"), null);
        LoadResult result = new ConfigLoader(options).loadText("test.conf", text.getBytes(StandardCharsets.UTF_8),
                Path.of("."));
        assertThat(result.hasErrors()).as(result.diagnostics().toString()).isFalse();
        return result.config();
    }

    static InstancePlan plan(String text) {
        KeepalivedConfig c = load(text);
        return InstancePlan.of(c.vrrpInstances().get(0), c.globalDefs(), iface -> address("192.168.78.1"));
    }

    static Inet4Address address(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void v2WithPassAndEveryTimer() {
        InstancePlan p = plan("""
                vrrp_instance VI_1 {
                  state MASTER
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  advert_int 2
                  authentication {
                    auth_type PASS
                    auth_pass secretpassword
                  }
                  garp_master_delay 3
                  garp_master_repeat 2
                  garp_master_refresh 60
                  garp_master_refresh_repeat 3
                  virtual_ipaddress {
                    10.0.0.100/24 dev eth1 label eth1:vip
                    10.0.0.101
                  }
                  virtual_ipaddress_excluded {
                    2001:db8::5/64
                  }
                }
                """);
        var c = p.config();
        assertThat(c.name()).isEqualTo("VI_1");
        assertThat(c.version()).isEqualTo(VrrpVersion.V2);
        assertThat(c.vrid()).isEqualTo(51);
        assertThat(c.basePriority()).isEqualTo(150);
        assertThat(c.advertIntervalCentis()).isEqualTo(200);
        assertThat(c.initialState()).isEqualTo(VrrpState.MASTER);
        assertThat(c.primaryAddress()).isEqualTo(address("192.168.78.1"));
        assertThat(c.vips()).containsExactly(address("10.0.0.100"), address("10.0.0.101"));
        assertThat(c.garpMasterRepeat()).isEqualTo(2);
        assertThat(c.garpMasterDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.garpMasterRefresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.garpMasterRefreshRepeat()).isEqualTo(3);
        assertThat(p.authentication().type()).isEqualTo(AuthType.PASS);
        assertThat(p.rules().authentication().type()).isEqualTo(AuthType.PASS);
        assertThat(p.protocol()).isEqualTo(VrrpSocket.IPPROTO_VRRP);
        assertThat(p.group()).isEqualTo(address("224.0.0.18"));
        assertThat(p.destinations()).containsExactly(address("224.0.0.18"));
        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.vips().get(0).dev()).isEqualTo("eth1");
        assertThat(p.vips()).hasSize(3);
        assertThat(p.vips().get(2).ip().text()).isEqualTo("2001:db8::5");
        assertThat(p.template().interval()).isEqualTo(2);
        assertThat(p.template().priority()).isEqualTo(150);
    }

    @Test
    void v3UnicastWithSourceAndPeersAndNopreempt() {
        InstancePlan p = plan("""
                global_defs {
                  vrrp_version 3
                }
                vrrp_instance VI_U {
                  interface eth0
                  virtual_router_id 7
                  priority 90
                  advert_int 0.5
                  nopreempt
                  unicast_src_ip 192.168.78.9
                  unicast_ttl 64
                  unicast_peer {
                    192.168.78.2
                    192.168.78.3
                  }
                  virtual_ipaddress {
                    10.0.0.100/24
                  }
                }
                """);
        assertThat(p.config().version()).isEqualTo(VrrpVersion.V3);
        assertThat(p.config().advertIntervalCentis()).isEqualTo(50);
        assertThat(p.config().nopreempt()).isTrue();
        assertThat(p.config().primaryAddress()).isEqualTo(address("192.168.78.9"));
        assertThat(p.config().unicastPeers()).containsExactly(address("192.168.78.2"), address("192.168.78.3"));
        assertThat(p.group()).isNull();
        assertThat(p.destinations()).containsExactly(address("192.168.78.2"), address("192.168.78.3"));
        assertThat(p.ttl()).isEqualTo(64);
        assertThat(p.rules().unicast()).isTrue();
        assertThat(p.checksumMode()).isEqualTo(ChecksumMode.PSEUDO_HEADER);
    }

    @Test
    void ahUsesTheAhProtocolAndMcastDstIpIsHonoured() {
        InstancePlan p = plan("""
                vrrp_instance VI_AH {
                  interface eth0
                  virtual_router_id 53
                  mcast_dst_ip 224.0.0.77
                  authentication {
                    auth_type AH
                    auth_pass ahsecret
                  }
                  virtual_ipaddress {
                    10.0.0.120
                  }
                }
                """);
        assertThat(p.protocol()).isEqualTo(VrrpSocket.IPPROTO_AH);
        assertThat(p.group()).isEqualTo(address("224.0.0.77"));
        assertThat(p.config().initialState()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void whatTheRuntimeCannotRunYetIsRefusedWithAReason() {
        String v6 = """
                vrrp_instance VI_6 {
                  interface eth0
                  virtual_router_id 9
                  virtual_ipaddress {
                    fe80::9/64
                  }
                }
                """;
        assertThatThrownBy(() -> plan(v6)).isInstanceOf(InstancePlan.Unusable.class)
                .hasMessage("vrrp_instance VI_6: IPv6 instances are not supported by the holdfast VRRP runtime yet");
        KeepalivedConfig c = load("""
                vrrp_instance VI_N {
                  interface eth0
                  virtual_router_id 9
                  virtual_ipaddress {
                    10.0.0.9
                  }
                }
                """);
        assertThatThrownBy(() -> InstancePlan.of(c.vrrpInstances().get(0), c.globalDefs(), iface -> null))
                .hasMessage("vrrp_instance VI_N: interface eth0 has no IPv4 address to send adverts from");
    }

    @Test
    void trackInterfaceIsTrackedScriptsAreReported() {
        InstancePlan p = plan("""
                global_defs {
                  enable_script_security
                  script_user root
                }
                vrrp_script chk {
                  script "/bin/true"
                }
                vrrp_instance VI_T {
                  interface eth0
                  dont_track_primary
                  virtual_router_id 9
                  track_interface {
                    eth1
                    eth2 weight -20
                    eth3 reverse
                  }
                  track_script {
                    chk
                  }
                  virtual_ipaddress {
                    10.0.0.9
                  }
                }
                """);
        assertThat(p.dontTrackPrimary()).isTrue();
        assertThat(p.trackInterfaces()).containsExactly(new InstancePlan.TrackedInterface("eth1", 0, false),
                new InstancePlan.TrackedInterface("eth2", -20, false), new InstancePlan.TrackedInterface("eth3", 0, true));
        assertThat(p.warnings()).noneMatch(w -> w.contains("track_script"));
    }

    @Test
    void gratuitousArpFrameIsKeepalivedsArpRequest() {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        byte[] f = GarpSocket.frame(mac, address("10.0.0.100"));
        assertThat(f).hasSize(42);
        String hex = java.util.HexFormat.of().formatHex(f);
        assertThat(hex).isEqualTo("ffffffffffff" + "020000000001" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001"
                + "020000000001" + "0a000064" + "ffffffffffff" + "0a000064");
    }

    @Test
    void broadcastPlusIsThePrefixBroadcast() {
        var vip = load("""
                vrrp_instance VI_B {
                  interface eth0
                  virtual_router_id 9
                  virtual_ipaddress {
                    10.1.2.3/20 brd +
                    10.1.2.4/24 brd 10.1.2.254
                    10.1.2.5/24
                  }
                }
                """).vrrpInstances().get(0).virtualIpaddress();
        assertThat(VirtualAddresses.broadcast(vip.get(0))).isEqualTo(address("10.1.15.255"));
        assertThat(VirtualAddresses.broadcast(vip.get(1))).isEqualTo(address("10.1.2.254"));
        assertThat(VirtualAddresses.broadcast(vip.get(2))).isNull();
    }
}
