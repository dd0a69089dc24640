package dev.holdfast.daemon.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogHandlerTest {
    @Test
    void facilitiesAsKeepalivedNamesThem() {
        assertThat(SyslogHandler.facility("daemon")).isEqualTo(3);
        assertThat(SyslogHandler.facility("user")).isEqualTo(1);
        assertThat(SyslogHandler.facility("0")).isEqualTo(16);
        assertThat(SyslogHandler.facility("local7")).isEqualTo(23);
        assertThatThrownBy(() -> SyslogHandler.facility("kern")).hasMessage(
                "expected 0-7, local0-local7, user or daemon");
    }

    @Test
    void aLineReachesTheSocketInTheBsdFormat(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("log");
        DatagramSink syslog = DatagramSink.bind(socket, 1);
        SyslogHandler h = new SyslogHandler(socket.toString(), SyslogHandler.facility("local1"));
        h.publish(new LogRecord(Level.WARNING, "RS [10.0.2.11]:tcp:80 DOWN"));
        assertThat(syslog.received())
                .matches("<140>[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d holdfast\\[\\d+\\]: RS \\[10.0.2.11\\]:tcp:80 DOWN\\|");
    }
}
