package dev.holdfast.healthcheck.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The probes' failure reasons, as they word them, fall into the metric's kinds. */
class FailureKindTest {

    @Test
    void probeReasonsAreClassified() {
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/health: connect: timed out after 3s"))
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(FailureKind.of("TCP_CHECK 10.0.0.5:80: connect: connection refused"))
                .isEqualTo(FailureKind.REFUSED);
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/: read: connection reset by peer"))
                .isEqualTo(FailureKind.RESET);
        assertThat(FailureKind.of("TCP_CHECK 10.0.0.5:80: connect: no route to host"))
                .isEqualTo(FailureKind.UNREACHABLE);
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/health: status 503 not in 200-299"))
                .isEqualTo(FailureKind.STATUS);
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/: MD5 digest 0a does not match 0b"))
                .isEqualTo(FailureKind.DIGEST);
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/: body does not match regex ok"))
                .isEqualTo(FailureKind.REGEX);
        assertThat(FailureKind.of("SSL_GET https://10.0.0.5:443/: SSL handshake failed"))
                .isEqualTo(FailureKind.TLS);
        assertThat(FailureKind.of("HTTP_GET http://10.0.0.5:80/: connection closed by server"))
                .isEqualTo(FailureKind.CLOSED);
        assertThat(FailureKind.of("SMTP_CHECK 10.0.0.5:25: bad greeting \"554 go away\""))
                .isEqualTo(FailureKind.BAD_REPLY);
        assertThat(FailureKind.of("DNS_CHECK 10.0.0.5:53: RCODE 3 (NXDOMAIN)")).isEqualTo(FailureKind.BAD_REPLY);
        assertThat(FailureKind.of("MISC_CHECK /usr/local/bin/chk: exited with status 1"))
                .isEqualTo(FailureKind.EXIT_STATUS);
        assertThat(FailureKind.of("MISC_CHECK /nope: cannot run: No such file")).isEqualTo(FailureKind.CANNOT_RUN);
        assertThat(FailureKind.of("something new")).isEqualTo(FailureKind.OTHER);
    }
}
