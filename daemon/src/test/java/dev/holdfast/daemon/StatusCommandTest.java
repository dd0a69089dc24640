package dev.holdfast.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.daemon.observe.StatusJson;
import dev.holdfast.daemon.observe.StatusSample;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    @Test
    void tablesNameEveryRealServerWithItsLastCheck() throws Exception {
        String text = StatusCommand.render(StatusJson.read(StatusJson.write(StatusSample.snapshot(), "1.0")));
        assertThat(text).contains("holdfast 1.0, configuration /etc/keepalived/keepalived.conf (hash 0123456789abcdef")
                .contains("last reload refused: keepalived.conf:3:5: error: unknown keyword")
                .containsPattern("\\[10\\.0\\.1\\.100\\]:tcp:80 +up +10\\.0\\.2\\.11:80 +UP +3 +3 +HTTP_GET: status 200")
                .containsPattern("\\[2001:db8::12\\]:80 +DOWN +1 +0 +TCP_CHECK: connect: connection refused")
                .containsPattern("VI_1 +eth0 +51 +MASTER +150 +140");
    }

    @Test
    void noRunningHoldfastIsOneClearLine() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int rc = HoldfastCommand.run(new String[] {"status", "--listen", "127.0.0.1:1"},
                new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).startsWith("holdfast status: cannot reach holdfast at http://127.0.0.1:1/status")
                .doesNotContain("Exception");
    }

    @Test
    void unsupportedKeepalivedOptionsAreNamed() {
        var err = new java.io.ByteArrayOutputStream();
        int rc = HoldfastCommand.run(new String[] {"-x", "-f", "/dev/null"}, new java.io.PrintStream(
                new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("holdfast: -x/--snmp is not supported: holdfast has no SNMP "
                + "agent; use the Prometheus metrics (--listen)");
        var out = new java.io.ByteArrayOutputStream();
        assertThat(HoldfastCommand.run(new String[] {"--signum=RELOAD"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err))).isZero();
        assertThat(out.toString().strip()).isEqualTo("1");
    }
}
