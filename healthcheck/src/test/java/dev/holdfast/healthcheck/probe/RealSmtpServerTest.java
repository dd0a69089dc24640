package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.SmtpCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP_CHECK against a real mail server, OpenSMTPD from Debian, run in the foreground on a loopback port with its
 * own configuration (no system service). keepalived's rules: greeting 220, HELO answered 250, then QUIT.
 */
class RealSmtpServerTest {
    private static final Path SMTPD = Path.of("/usr/sbin/smtpd");
    private static NioEventLoopGroup group;
    private static EventLoop loop;
    private static ServerProcess smtpd;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.require(SMTPD, "opensmtpd");
        group = new NioEventLoopGroup(1);
        loop = group.next();
        port = ServerProcess.freePort();
        Path dir = Files.createTempDirectory("holdfast-smtpd");
        Files.writeString(dir.resolve("smtpd.conf"), """
                listen on 127.0.0.1 port %d hostname mail.holdfast.test
                action "local" mbox
                match from any for local action "local"
                """.formatted(port));
        smtpd = ServerProcess.start(dir, List.of(SMTPD.toString(), "-d", "-f", dir.resolve("smtpd.conf").toString()),
                () -> ServerProcess.listening(port));
    }

    @AfterAll
    static void stop() throws IOException {
        if (smtpd != null) {
            smtpd.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void passesWhenTheServerGreetsAndAcceptsHelo() throws Exception {
        CheckResult result = check(port, "checker.holdfast.test");
        assertThat(result).isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void failsWhenTheServerRefusesTheHeloName() throws Exception {
        // OpenSMTPD answers 501 to a HELO name that is not a domain: not 250, so down
        CheckResult result = check(port, "not_a!domain");
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).contains("501");
    }

    @Test
    void failsFastWhenNothingListens() throws Exception {
        int closed = ServerProcess.freePort();
        CheckResult result = check(closed, "checker.holdfast.test");
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).contains("connection refused");
    }

    private static CheckResult check(int target, String helo) throws Exception {
        return Probes.run(new SmtpProbe(new SmtpCheckSpec(Probes.policy(Probes.TIMEOUT), Probes.loopback(target),
                helo), loop));
    }
}
