package dev.holdfast.healthcheck.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server from a Debian package (OpenSMTPD, dnsmasq, ...) run in the foreground for one test class with its
 * own configuration in a temporary directory. Outside CI a missing binary skips the tests with a message; under
 * CI=true it fails them (scripts/install-deps installs the packages).
 */
final class ServerProcess implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private ServerProcess(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Skips (or under CI fails) unless {@code binary} is installed from {@code pkg}. */
    static void require(Path binary, String pkg) {
        boolean present = Files.isExecutable(binary);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + binary + " is missing (apt-get install " + pkg + ")");
        }
        Assumptions.assumeTrue(present, binary + " not found: skipping real-server tests (apt-get install " + pkg
                + " to run them)");
    }

    /**
     * Starts {@code command} (output to {@code dir}/server.log) and waits until {@code ready} says so; the
     * directory is deleted by {@link #close()}.
     */
    static ServerProcess start(Path dir, List<String> command, BooleanSupplier ready)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        ServerProcess started = new ServerProcess(dir, process);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log = started.logs();
                started.close();
                throw new AssertionError(command.get(0) + " did not start: " + log);
            }
            Thread.sleep(50);
        }
        return started;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("server.log"));
    }

    /** Every *.log file of the server's directory, for a failure message. */
    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                all.append('\n').append(file.getFileName()).append(": ").append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
    void stop() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
