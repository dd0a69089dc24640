package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.pre.LogicalLine;
import dev.holdfast.config.pre.Preprocessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of keepalived.conf(5) on includes, parameters, ~SEQ/~LST and conditionals expand as documented. */
class ManPageExamplesTest {
    @TempDir
    Path dir;

    private List<String> lines(String configId, String text) {
        Diagnostics d = new Diagnostics();
        Preprocessor p = new Preprocessor(new Preprocessor.Options(configId, Map.of("HOME", "/home/op"), 1, false,
                1 << 20), d);
        List<LogicalLine> out = p.runText("test.conf", text.getBytes(StandardCharsets.UTF_8), dir);
        assertThat(d.sorted()).as("no diagnostics").isEmpty();
        return out.stream().map(LogicalLine::text).toList();
    }

    @Test
    void conditionalConfiguration() {
        String conf = """
                global_defs {
                    @main   router_id main_router
                    @backup router_id backup_router
                }
                vrrp_instance VRRP {
                    @main    unicast_src_ip 1.2.3.4
                    @backup  unicast_src_ip 1.2.3.5
                    @backup2 unicast_src_ip 1.2.3.6
                    unicast_peer {
                        @^main    1.2.3.4
                        @^backup  1.2.3.5
                        @^backup2 1.2.3.6
                    }
                }
                """;
        assertThat(lines("main", conf)).contains("router_id main_router", "unicast_src_ip 1.2.3.4", "1.2.3.5",
                "1.2.3.6").doesNotContain("router_id backup_router", "1.2.3.4");
        assertThat(lines("other", conf)).noneMatch(l -> l.startsWith("router_id"));
    }

    @Test
    void lazyRecursiveParameters() {
        String conf = """
                $ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}
                $ADDRESS_BASE_SUB=0
                ${ADDRESS_BASE}.100/32
                $ADDRESS_BASE_SUB=10
                ${ADDRESS_BASE}.100/32
                """;
        assertThat(lines("x", conf)).containsExactly("10.2.0.100/32", "10.2.10.100/32");
    }

    @Test
    void parametersWithConditionals() {
        String conf = """
                @main $PRIORITY=240
                @backup $PRIORITY=200
                vrrp_instance VI_0 {
                    priority $PRIORITY
                }
                $IF_MAIN=@main
                $IF_MAIN priority 240
                """;
        assertThat(lines("main", conf)).containsExactly("vrrp_instance VI_0 {", "priority 240", "}", "priority 240");
        assertThat(lines("backup", conf)).containsExactly("vrrp_instance VI_0 {", "priority 200", "}");
    }

    @Test
    void multiLineDefinitions() {
        String conf = """
                $INSTANCE= \\
                vrrp_instance VI_${NUM} { \\
                    interface eth0.${NUM} \\
                    use_vmac vrrp${NUM}.1 \\
                    virtual_router_id 1 \\
                    @high priority 130 \\
                    @low priority 120 \\
                    advert_int 1 \\
                    virtual_ipaddress { \\
                        10.0.${NUM}.254/24 \\
                    } \\
                    track_script { \\
                        offset_instance_${NUM} \\
                    } \\
                }

                $NUM=0
                $INSTANCE

                $NUM=1
                $INSTANCE
                """;
        List<String> out = lines("high", conf);
        assertThat(out).containsSubsequence("vrrp_instance VI_0 {", "interface eth0.0", "use_vmac vrrp0.1",
                "priority 130", "10.0.0.254/24", "offset_instance_0", "}", "vrrp_instance VI_1 {", "interface eth0.1",
                "10.0.1.254/24");
        assertThat(out).doesNotContain("priority 120");
    }

    @Test
    void nestedMultiLineDefinitionsMakeTwoVirtualServersOfThreeRealServers() {
        String conf = """
                $RS= \\
                real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\
                    weight 1 \\
                    inhibit_on_failure \\
                    MISC_CHECK { \\
                        misc_path "${_PWD}/scripts/vs.sh RS_misc.${VS_NUM}.${RS_NUM}" \\
                    } \\
                }

                $VS= \\
                virtual_server 10.0.${VS_NUM}.4 80 { \\
                    quorum 2 \\
                    protocol TCP \\
                    $RS_NUM=1 \\
                    $RS \\
                    $RS_NUM=2 \\
                    $RS \\
                    $RS_NUM=3 \\
                    $RS \\
                }

                $VS_NUM=0
                $VS

                $VS_NUM=1
                $VS
                """;
        LoadResult r = new ConfigLoader(Corpus.options()).loadText("t.conf", conf.getBytes(StandardCharsets.UTF_8), dir);
        KeepalivedConfig c = r.config();
        assertThat(c.virtualServers()).hasSize(2);
        assertThat(c.virtualServers().get(1).realServers()).extracting(rs -> rs.ip().text())
                .containsExactly("192.168.1.1", "192.168.1.2", "192.168.1.3");
        assertThat(((dev.holdfast.config.model.Checker.Misc) c.virtualServers().get(0).realServers().get(2)
                .checkers().get(0)).miscPath().argv()).containsExactly(dir + "/scripts/vs.sh", "RS_misc.0.3");
    }

    @Test
    void sequences() {
        assertThat(lines("x", "~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1\n")).containsExactly(
                "ip_address 10.0.0.1", "ip_address 10.0.1.1", "ip_address 10.0.2.1", "ip_address 10.0.3.1");
        assertThat(lines("x", "~SEQx(SUBNET, 144, 16, 192) ip_address fe80::20:${SUBNET}:1\n")).containsExactly(
                "ip_address fe80::20:90:1", "ip_address fe80::20:a0:1", "ip_address fe80::20:b0:1",
                "ip_address fe80::20:c0:1");
        assertThat(lines("x", "~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1\n")).hasSize(4);
        assertThat(lines("x", "~SEQx(AD2, 0x90, 0x10, 0xc0) ~SEQx(AD1, 0x12, -1, 0x0c) fe81::10:${AD2}:${AD1}\n"))
                .hasSize(4 * 7).startsWith("fe81::10:90:12", "fe81::10:90:11").endsWith("fe81::10:c0:c");
        assertThat(lines("x", "~SEQ(N, 3) n${N}\n")).containsExactly("n1", "n2", "n3");
        assertThat(lines("x", "~SEQ(N, 3, 1) n${N}\n")).containsExactly("n3", "n2", "n1");
    }

    @Test
    void sequencesOfAMultiLineDefinition() {
        String conf = """
                $VI4= \\
                vrrp_instance vrrp4.${IF}.${NUM}.${ID} { \\
                    virtual_router_id ${ID} \\
                }
                ~SEQ(IF,0,1) ~SEQ(NUM,0,2) ~SEQ(ID,1,3) $VI4
                """;
        List<String> out = lines("x", conf);
        assertThat(out.stream().filter(l -> l.startsWith("vrrp_instance"))).hasSize(2 * 3 * 3)
                .startsWith("vrrp_instance vrrp4.0.0.1 {").endsWith("vrrp_instance vrrp4.1.2.3 {");
    }

    @Test
    void lists() {
        assertThat(lines("x", "~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) 192.168.${IP}.${IP1}\n"))
                .containsExactly("192.168.10.1", "192.168.20.4", "192.168.5.6", "192.168.12.8");
        assertThat(lines("x", "~LST(IP, 1, 2, 3, 4) ~LST(IP1, 5,6,7) 192.169.${IP}.${IP1}\n")).hasSize(12)
                .startsWith("192.169.1.5", "192.169.1.6", "192.169.1.7", "192.169.2.5").endsWith("192.169.4.7");
        assertThat(lines("x", "~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) ~SEQ(IP2,168,2,172) 192.${IP2}.${IP}.${IP1}\n"))
                .containsExactly("192.168.10.1", "192.170.10.1", "192.172.10.1", "192.168.20.4", "192.170.20.4",
                        "192.172.20.4", "192.168.5.6", "192.170.5.6", "192.172.5.6", "192.168.12.8", "192.170.12.8",
                        "192.172.12.8");
    }

    @Test
    void predefinedParameters() {
        assertThat(lines("node1", "a ${_INSTANCE} ${_HASH} ${_BANG} ${_ENV HOME} ${_PWD}\n"))
                .containsExactly("a node1 # ! /home/op " + dir);
        String r = lines("x", "r ${_RANDOM 5 9}\n").get(0);
        assertThat(Integer.parseInt(r.substring(2))).isBetween(5, 9);
        assertThat(lines("x", "script \"echo $UNDEFINED ${ALSO_UNDEFINED}\"\n"))
                .containsExactly("script \"echo $UNDEFINED ${ALSO_UNDEFINED}\"");
    }

    @Test
    void commentsAndEscapes() {
        assertThat(lines("x", "a b # comment\nc \"d # not a comment\" ! comment\ne \\# f \\! g\n"))
                .containsExactly("a b", "c \"d # not a comment\"", "e # f ! g");
    }

    @Test
    void includesWithGlobsAndBracesRelativeToTheIncludingFile() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(sub.resolve("a.conf"), "from_a\ninclude ../deep/x.conf\n");
        Files.writeString(sub.resolve("b.conf"), "from_b\n");
        Files.writeString(sub.resolve("c.txt"), "from_c\n");
        Files.createDirectories(dir.resolve("deep"));
        Files.writeString(dir.resolve("deep/x.conf"), "from_x ${_PWD}\n");
        assertThat(lines("x", "include conf.d/*.conf\nafter\n"))
                .containsExactly("from_a", "from_x " + dir.resolve("deep"), "from_b", "after");
        assertThat(lines("x", "include conf.d/{b.conf,c.txt}\n")).containsExactly("from_b", "from_c");
        assertThat(lines("x", "includer conf.d/*.nothing\n")).isEmpty();
    }

    @Test
    void includeErrorsFollowTheVariant() {
        Diagnostics d = new Diagnostics();
        new Preprocessor(new Preprocessor.Options("x", Map.of(), 1, false, 1 << 20), d)
                .runText("t.conf", "includea missing/*.conf\nincludem /nonexistent.conf\n".getBytes(), dir);
        assertThat(d.sorted()).extracting(Object::toString).containsExactly(
                "t.conf:1:1: error: includea missing/*.conf: no file matches",
                "t.conf:2:1: error: includem /nonexistent.conf: no file matches");
    }
}
