package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.TlsSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 10,000 checks of every network kind plus MISC_CHECK scripts (some killed at misc_timeout with a grandchild),
 * passing and failing, against real nginx, the fault server and closed ports: afterwards the JVM holds no more file
 * descriptors than before, and has no child process left. Wired as the daemon is: plain HTTP_GET and TCP_CHECK on the
 * socket loop, the rest on Netty.
 */
class LeakTest {
    private static final int ROUNDS = 100;
    private static final String MARKER = "31.4159";

    @Test
    void tenThousandChecksLeaveNoFileDescriptorOrProcessBehind() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        EventLoop loop = group.next();
        dev.holdfast.healthcheck.socket.SocketLoop sockets = dev.holdfast.healthcheck.socket.SocketLoop.start(
                java.time.Clock.systemUTC(), "test-socket-loop");
        ExecutorService scripts = Executors.newFixedThreadPool(4);
        try (Nginx nginx = Nginx.start();
             FaultServer reset = new FaultServer(FaultServer.Behaviour.RESET);
             FaultServer garbage = new FaultServer(FaultServer.Behaviour.GARBAGE);
             DnsProbeTest.Responder dns = new DnsProbeTest.Responder(q -> DnsProbeTest.reply(q, 0x81, 0x80))) {
            int closed = ServerProcess.freePort();
            Duration timeout = Duration.ofSeconds(2);
            CheckPolicy policy = Probes.policy(timeout);
            Map<String, Supplier<Probe>> kinds = new TreeMap<>();
            kinds.put("http ok", () -> http(policy, nginx.port(), "/health", Optional.empty(), loop, sockets));
            kinds.put("http 503", () -> http(policy, nginx.port(), "/down", Optional.empty(), loop, sockets));
            kinds.put("https sni", () -> http(policy, nginx.tlsPort(), "/name",
                    Optional.of(new TlsSpec(true, Optional.of("leak.example"), Optional.empty())), loop, sockets));
            kinds.put("http refused", () -> http(policy, closed, "/", Optional.empty(), loop, sockets));
            kinds.put("http reset", () -> http(policy, reset.port(), "/", Optional.empty(), loop, sockets));
            kinds.put("http garbage", () -> http(policy, garbage.port(), "/", Optional.empty(), loop, sockets));
            kinds.put("tcp ok", () -> TcpProbe.onSocketLoop(Probes.loopback(nginx.port()), timeout, sockets)
                    .orElseThrow());
            kinds.put("tcp refused", () -> TcpProbe.onSocketLoop(Probes.loopback(closed), timeout, sockets)
                    .orElseThrow());
            kinds.put("dns ok", () -> new DnsProbe(new DnsCheckSpec(policy, Probes.loopback(dns.port()), "A",
                    "leak.example"), loop));
            kinds.put("dns refused", () -> new DnsProbe(new DnsCheckSpec(policy, Probes.loopback(closed), "A",
                    "leak.example"), loop));
            kinds.put("misc pass", () -> misc(policy, "exit 0", Duration.ofSeconds(5), scripts, loop));
            kinds.put("misc fail", () -> misc(policy, "exit 1", Duration.ofSeconds(5), scripts, loop));
            kinds.put("misc killed", () -> misc(policy, "sleep " + MARKER + " & sleep " + MARKER,
                    Duration.ofMillis(100), scripts, loop));
            List<Supplier<Probe>> mix = new ArrayList<>();
            // per round of 100: mostly network checks, 6 scripts
            kinds.forEach((name, probe) -> {
                int copies = name.startsWith("misc") ? 2 : name.equals("http ok") ? 31 : 7;
                for (int i = 0; i < copies; i++) {
                    mix.add(probe);
                }
            });
            assertThat(mix).hasSize(100);

            run(mix); // warm-up: lazy TLS context, selectors, process reaper
            settle();
            long fdsBefore = fds();
            Set<Long> childrenBefore = children();
            Map<String, Integer> failures = new TreeMap<>();
            Instant start = Instant.now();
            int checks = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<CheckResult> results = run(mix);
                checks += results.size();
                for (CheckResult r : results) {
                    if (r instanceof CheckResult.Failed f) {
                        failures.merge(f.reason().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                    }
                }
            }
            long fdsAfter = settledFds(fdsBefore);
            Set<Long> childrenAfter = settledChildren(childrenBefore);
            System.out.printf("%d checks in %s; fds before %d after %d; children before %s after %s%n", checks,
                    Duration.between(start, Instant.now()), fdsBefore, fdsAfter, childrenBefore, childrenAfter);
            failures.forEach((reason, n) -> System.out.printf("  %5d x %s%n", n, reason));
            assertThat(checks).isEqualTo(10_000);
            assertThat(fdsAfter).as("open file descriptors after 10,000 checks").isLessThanOrEqualTo(fdsBefore);
            assertThat(childrenAfter).as("child processes after 10,000 checks").isEqualTo(childrenBefore);
            assertThat(processesWith(MARKER)).as("script grandchildren killed with their group").isZero();
            // the expected verdicts: 31 http ok, 7 https, 7 tcp ok, 7 dns ok and 2 misc pass pass each round
            assertThat(failures.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(ROUNDS * (100 - 31 - 7 - 7 - 7 - 2));
        } finally {
            scripts.shutdownNow();
            sockets.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Probe http(CheckPolicy policy, int port, String path, Optional<TlsSpec> tls, EventLoop loop,
                              dev.holdfast.healthcheck.socket.SocketLoop sockets) {
        UrlSpec url = Probes.url(path);
        HttpGetSpec spec = new HttpGetSpec(policy, Probes.loopback(port), HttpVersion.HTTP_1_0, Optional.empty(),
                List.of(url), false, tls);
        // as StandardProbes picks: the socket loop unless TLS
        return HttpGetProbe.onSocketLoop(spec, url, sockets).<Probe>map(p -> p)
                .orElseGet(() -> new HttpGetProbe(spec, url, loop));
    }

    private static Probe misc(CheckPolicy policy, String script, Duration timeout, ExecutorService scripts,
                              EventLoop loop) {
        return new MiscProbe(new MiscCheckSpec(policy, List.of("/bin/sh", "-c", script), timeout, false), 1, scripts,
                loop);
    }

    private static List<CheckResult> run(List<Supplier<Probe>> mix) throws Exception {
        List<CompletableFuture<CheckResult>> pending = mix.stream()
                .map(p -> p.get().check().toCompletableFuture()).toList();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static long fds() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Closing is asynchronous: give the loop and the process reaper a moment, then count. */
    private static long settledFds(long target) throws Exception {
        Instant end = Instant.now().plusSeconds(10);
        long now = fds();
        while (now > target && Instant.now().isBefore(end)) {
            Thread.sleep(100);
            now = fds();
        }
        return now;
    }

    private static Set<Long> settledChildren(Set<Long> target) throws Exception {
        Instant end = Instant.now().plusSeconds(10);
        Set<Long> now = children();
        while (!now.equals(target) && Instant.now().isBefore(end)) {
            Thread.sleep(100);
            now = children();
        }
        return now;
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    private static long processesWith(String marker) throws IOException {
        Instant end = Instant.now().plusSeconds(5);
        long count;
        do {
            try (var procs = Files.list(Path.of("/proc"))) {
                count = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> {
                            try {
                                return new String(Files.readAllBytes(p.resolve("cmdline"))).contains(marker);
                            } catch (IOException e) {
                                return false;
                            }
                        }).count();
            }
        } while (count > 0 && Instant.now().isBefore(end));
        return count;
    }
}
