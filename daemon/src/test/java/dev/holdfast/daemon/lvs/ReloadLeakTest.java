package dev.holdfast.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import io.netty.channel.nio.NioEventLoopGroup;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker half of a reload, 2,000 times in a row against real listeners on loopback (the kernel half is the
 * lab's daemon-reloads): threads stay, and the live heap after the warm-up does not keep growing.
 */
class ReloadLeakTest {
    @Test
    void twoThousandReloadsLeaveNoGrowth(@TempDir Path dir) throws Exception {
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<VirtualServerSpec> one = specs(dir, "one", "wrr", new int[] {a.getLocalPort(), b.getLocalPort()},
                    new int[] {1, 2});
            List<VirtualServerSpec> two = specs(dir, "two", "wlc", new int[] {a.getLocalPort()}, new int[] {3});
            NioEventLoopGroup loop = new NioEventLoopGroup(1);
            ExecutorService scripts = Executors.newFixedThreadPool(2);
            AtomicLong wishes = new AtomicLong();
            LvsOutput out = new LvsOutput() {
                @Override
                public void destinations(DesiredDestinations desired) {
                    wishes.incrementAndGet();
                }

                @Override
                public void notify(Notification notification) {
                }
            };
            try {
                Healthchecker checker = Healthchecker.onEventLoop(one, loop.next(), scripts, Clock.systemUTC(),
                        new SecureRandom(), out);
                checker.start(List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
                long[] heap = new long[3];
                int[] threads = new int[3];
                for (int n = 1; n <= 2000; n++) {
                    checker.reload(n % 2 == 1 ? two : one).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    if (n == 200 || n == 1000 || n == 2000) {
                        int k = n == 200 ? 0 : n == 1000 ? 1 : 2;
                        heap[k] = liveHeap();
                        threads[k] = Thread.activeCount();
                    }
                }
                System.out.printf("reload leak test: live heap after 200 / 1000 / 2000 reloads: %d / %d / %d KiB, "
                        + "threads %d / %d / %d, %d desired tables%n", heap[0] / 1024, heap[1] / 1024,
                        heap[2] / 1024, threads[0], threads[1], threads[2], wishes.get());
                assertThat(threads[2]).isLessThanOrEqualTo(threads[0]);
                assertThat(heap[2]).as("live heap after 2000 reloads vs after 1000").isLessThan(heap[1] + 2 * 1024 * 1024);
                checker.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } finally {
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                scripts.shutdownNow();
            }
        }
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<VirtualServerSpec> specs(Path dir, String name, String sched, int[] ports, int[] weights)
            throws Exception {
        StringBuilder c = new StringBuilder("virtual_server 127.0.0.1 80 {\n    delay_loop 1\n    lvs_sched " + sched
                + "\n    lvs_method NAT\n    protocol TCP\n");
        for (int i = 0; i < ports.length; i++) {
            c.append("    real_server 127.0.0.1 ").append(ports[i]).append(" {\n        weight ").append(weights[i])
                    .append("\n        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n");
        }
        c.append("}\n");
        Path f = dir.resolve(name + ".conf");
        Files.writeString(f, c);
        KeepalivedConfig config = new ConfigLoader(LoadOptions.defaults()).load(f).config();
        return CheckSpecs.of(config, msg -> { });
    }
}
