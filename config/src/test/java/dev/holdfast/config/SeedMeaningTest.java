package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.Forwarding;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VrrpInstance;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the operators who wrote the seed configs meant, asserted value by value. */
class SeedMeaningTest {
    private static LoadResult seed(String name) throws IOException {
        return Corpus.load(Corpus.root().resolve("seeds").resolve(name));
    }

    private static LoadResult sample(String name) throws IOException {
        return Corpus.load(Corpus.root().resolve("samples").resolve(name));
    }

    @Test
    void noBreakSpaceIndentsAreReadAsSpaces() throws IOException {
        LoadResult r = seed("000_c2acc8f0c69156a1-01.conf");
        KeepalivedConfig c = r.config();
        VrrpInstance vi = c.vrrpInstances().get(0);
        assertThat(vi.name()).isEqualTo("VI_1");
        assertThat(vi.iface()).isEqualTo("ens33");
        assertThat(vi.virtualRouterId()).isEqualTo(51);
        assertThat(vi.priority()).isEqualTo(100);
        assertThat(vi.virtualIpaddress()).extracting(a -> a.ip().text()).containsExactly("192.168.119.130");
        assertThat(vi.notifyScripts().master().argv()).containsExactly("/etc/keepalived/start_haproxy.sh", "start");
        VirtualServer vs = c.virtualServers().get(0);
        assertThat(vs.label()).isEqualTo("192.168.119.130:80");
        assertThat(vs.lvsSched()).isEqualTo("rr");
        assertThat(vs.lvsMethod().method()).isEqualTo(Forwarding.Method.DR);
        Checker.Tcp tcp = (Checker.Tcp) vs.realServers().get(0).checkers().get(0);
        assertThat(tcp.connection().connectTimeout().millis()).isEqualTo(10_000);
        assertThat(tcp.schedule().retry()).isEqualTo(3);
        assertThat(r.diagnostics()).anySatisfy(d -> {
            assertThat(d.message()).contains("U+00A0");
            assertThat(d.position().line()).isEqualTo(2);
        });
        assertThat(r.diagnostics()).anySatisfy(d -> {
            assertThat(d.message()).contains("extra '}'");
            assertThat(d.position().line()).isEqualTo(55);
        });
    }

    @Test
    void ideographicSpacesBeforeCommentsDoNotChangeValues() throws IOException {
        LoadResult r = seed("004_b02fe6ce1bb22503-01.conf");
        VrrpInstance vi = r.config().vrrpInstances().get(0);
        assertThat(vi.priority()).as("keepalived reads 100 here").isEqualTo(110);
        assertThat(r.diagnostics()).anySatisfy(d -> {
            assertThat(d.message()).contains("U+3000");
            assertThat(d.position().line()).isEqualTo(26);
            assertThat(d.position().column()).isEqualTo(17);
        });
    }

    @Test
    void misspeltStateIsReadAsTheNearestState() throws IOException {
        LoadResult r = seed("004_b02fe6ce1bb22503-03.conf");
        assertThat(r.config().vrrpInstances().get(0).state()).isEqualTo(VrrpInstance.State.BACKUP);
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.toString())
                .contains(":26:11: error:").contains("did you mean 'BACKUP'"));
    }

    @Test
    void unclosedScriptBlockEndsWhereTheInstanceStarts() throws IOException {
        LoadResult r = seed("000_c2acc8f0c69156a1-05.conf");
        assertThat(r.config().vrrpInstances()).extracting(VrrpInstance::name).containsExactly("VI_1");
        assertThat(r.config().vrrpInstances().get(0).trackScript()).extracting(VrrpInstance.Tracked::name)
                .containsExactly("chk_nginx");
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.toString()).contains(":10:1: error: block "
                + "'vrrp_script chk_nginx' is not closed before 'vrrp_instance' at line 16"));
    }

    @Test
    void lvsDrDirectorWithSorryServer() throws IOException {
        VirtualServer vs = seed("003_95474c0cf374d27c-06.conf").config().virtualServers().get(0);
        assertThat(vs.lvsSched()).isEqualTo("wrr");
        assertThat(vs.lvsMethod().method()).isEqualTo(Forwarding.Method.DR);
        assertThat(vs.persistenceTimeout()).isZero();
        assertThat(vs.sorryServer().label()).isEqualTo("127.0.0.1:80");
        assertThat(vs.realServers()).extracting(rs -> rs.label() + "/" + rs.weight())
                .containsExactly("192.168.60.100:80/1", "192.168.60.110:80/2");
        Checker.Http http = (Checker.Http) vs.realServers().get(1).checkers().get(0);
        assertThat(http.schedule().retry()).as("nb_get_retry 3").isEqualTo(3);
        assertThat(http.schedule().delayBeforeRetry().millis()).isEqualTo(3000);
        assertThat(http.connection().connectTimeout().millis()).isEqualTo(3000);
        assertThat(http.urls().get(0).statusCode()).singleElement().satisfies(c -> assertThat(c).containsExactly(200, 200));
    }

    @Test
    void typographicQuotesAroundAScriptPath() throws IOException {
        LoadResult r = seed("002_4dbf9e54ba4d5812-04.conf");
        assertThat(r.config().vrrpScripts().get(0).script().argv().get(0)).doesNotContain("\u201c", "\u201d", "\"");
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("U+201C"));
    }

    @Test
    void templatePlaceholdersAndTyposAreNamed() throws IOException {
        LoadResult r = seed("002_4dbf9e54ba4d5812-03.conf");
        assertThat(r.diagnostics()).extracting(Diagnostic::toString).anySatisfy(s -> assertThat(s)
                .contains("16:1: error: unknown keyword 'autp_pass' in authentication; did you mean 'auth_pass'?"));
        assertThat(r.diagnostics()).extracting(Diagnostic::toString).anySatisfy(s -> assertThat(s)
                .contains("31:1: error: unknown keyword 'preemtp_delay' in vrrp_instance; did you mean 'preempt_delay'?"));
    }

    @Test
    void quorumSample() throws IOException {
        VirtualServer vs = sample("keepalived.conf.quorum").config().virtualServers().get(0);
        assertThat(vs.quorum()).isEqualTo(7);
        assertThat(vs.hysteresis()).isEqualTo(2);
        assertThat(vs.alpha()).isTrue();
        assertThat(vs.omega()).isTrue();
        assertThat(vs.realServers()).hasSize(10);
        assertThat(vs.quorumUp()).isNotNull();
    }

    @Test
    void fwmarkAndGroups() throws IOException {
        KeepalivedConfig c = sample("keepalived.conf.virtual_server_group").config();
        assertThat(c.virtualServerGroups()).isNotEmpty();
        assertThat(c.virtualServers()).anySatisfy(vs -> assertThat(vs.key()).isInstanceOf(VirtualServer.Group.class));
        KeepalivedConfig f = sample("keepalived.conf.fwmark").config();
        assertThat(f.virtualServers().get(0).key()).isEqualTo(new VirtualServer.Fwmark(1, null));
    }

    @Test
    void everySampleThatKeepalivedAcceptsLoadsWithoutErrors() throws IOException {
        for (String s : new String[] {"keepalived.conf.sample", "keepalived.conf.SSL_GET", "keepalived.conf.IPv6",
            "keepalived.conf.inhibit", "keepalived.conf.status_code", "keepalived.conf.virtualhost",
            "keepalived.conf.HTTP_GET.port", "keepalived.conf.SMTP_CHECK", "keepalived.conf.UDP_CHECK",
            "keepalived.conf.PING_CHECK", "keepalived.conf.fwmark", "keepalived.conf.vrrp"}) {
            assertThat(sample(s).hasErrors()).as(s + ": " + sample(s).diagnostics()).isFalse();
        }
    }
}
