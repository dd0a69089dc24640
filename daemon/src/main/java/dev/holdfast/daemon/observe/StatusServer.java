package dev.holdfast.daemon.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The read-only HTTP listener: {@code /metrics} (Prometheus text format), {@code /status} (JSON) and
 * {@code /healthz}. Anything but GET or HEAD is refused. Binds to loopback unless told otherwise.
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-http");
        t.setDaemon(true);
        return t;
    });

    private StatusServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static StatusServer start(InetSocketAddress address, Supplier<String> metrics, Supplier<String> status)
            throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        StatusServer s = new StatusServer(http);
        http.createContext("/metrics", ex -> s.answer(ex, "text/plain; version=0.0.4; charset=utf-8", metrics));
        http.createContext("/status", ex -> s.answer(ex, "application/json", status));
        http.createContext("/healthz", ex -> s.answer(ex, "text/plain", () -> "ok\n"));
        http.createContext("/", ex -> s.answer(ex, "text/plain", () -> {
            throw new NotFound();
        }));
        http.setExecutor(s.threads);
        http.start();
        return s;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    private void answer(HttpExchange ex, String type, Supplier<String> body) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain", "read-only: " + method + " is not allowed\n");
                return;
            }
            String text;
            try {
                text = body.get();
            } catch (NotFound e) {
                send(ex, 404, "text/plain", "not found; try /metrics, /status or /healthz\n");
                return;
            } catch (RuntimeException e) {
                send(ex, 500, "text/plain", "holdfast: " + e.getMessage() + "\n");
                return;
            }
            send(ex, 200, type, method.equals("HEAD") ? null : text);
        }
    }

    private static void send(HttpExchange ex, int code, String type, String text) throws IOException {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
