package dev.holdfast.healthcheck.genhash;

import dev.holdfast.healthcheck.probe.ConnectFailure;
import dev.holdfast.healthcheck.probe.HttpExchange;
import dev.holdfast.healthcheck.probe.HttpOutcome;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.TlsSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Fetches one page as the HTTP_GET/SSL_GET checker does and prints its body's MD5 the way keepalived's genhash
 * does: the 32 hex digits alone, or with --verbose the head and body dumps, the digest dump and the response
 * time. The status code does not matter, as in genhash. Unlike genhash (which exits 0 whatever happened), a
 * failed fetch exits 1, so scripts can tell a digest from an error.
 */
public final class Genhash {
    /** "no timeout" for Netty: about 24 days. */
    private static final Duration FOREVER = Duration.ofMillis(Integer.MAX_VALUE);
    private static final String BEGIN = "-----------------------[";
    private static final String END = "]-----------------------\n";

    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanoTime;

    public Genhash(PrintStream out, PrintStream err, LongSupplier nanoTime) {
        this.out = out;
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** Fetches and prints; returns the exit code (0 digest printed, 1 no digest). */
    public int run(GenhashRequest request) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            return run(request, group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private int run(GenhashRequest request, EventLoopGroup group) throws InterruptedException {
        UrlSpec url = new UrlSpec(request.path(), Optional.empty(), StatusCodes.ANY_2XX, Optional.empty());
        Duration timeout = request.timeout().orElse(FOREVER);
        CheckPolicy policy = new CheckPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, false, timeout);
        Optional<TlsSpec> tls = request.tls()
                ? Optional.of(new TlsSpec(request.sni(), Optional.empty(), request.virtualHost()))
                : Optional.empty();
        HttpGetSpec spec = new HttpGetSpec(policy, Connection.to(request.server()), request.version(),
                request.virtualHost(), List.of(url), false, tls);
        BodyDump body = new BodyDump(request.verbose());
        long start = nanoTime.getAsLong();
        HttpOutcome outcome;
        try {
            outcome = new HttpExchange(spec, url, group.next()).run(true, body::chunk).toCompletableFuture().get();
        } catch (ExecutionException e) {
            outcome = new HttpOutcome.Error(e.getCause(), false);
        }
        long micros = (nanoTime.getAsLong() - start) / 1000;
        return report(request, outcome, body, micros, timeout);
    }

    private int report(GenhashRequest request, HttpOutcome outcome, BodyDump body, long micros,
                       Duration timeout) {
        String target = Connection.to(request.server()).targetText();
        if (outcome instanceof HttpOutcome.Response response) {
            if (request.verbose()) {
                out.print(BEGIN + "    HTTP Header Buffer    " + END);
                out.print(HexDump.of(response.head()));
                out.print(BEGIN + " HTTP Header Ascii Buffer " + END);
                out.print(new String(response.head(), java.nio.charset.StandardCharsets.ISO_8859_1) + "\n");
                out.print(body.text());
                byte[] digest = java.util.HexFormat.of().parseHex(response.md5Hex());
                out.print("\n" + BEGIN + "    HTML hash resulting    " + END);
                out.print(HexDump.of(digest));
                out.print(BEGIN + " HTML hash final resulting " + END);
            }
            out.println(response.md5Hex());
            if (request.verbose()) {
                out.println();
                out.println("Global response time for [" + request.path() + "] = " + micros + " usecs");
            }
            out.flush();
            return 0;
        }
        if (outcome instanceof HttpOutcome.NoData) {
            err.println("no data received from remote webserver");
        } else if (outcome instanceof HttpOutcome.NotConnected failed) {
            out.println(failed.cause() instanceof io.netty.channel.ConnectTimeoutException
                    ? "Connection timed out" : "Connection failed");
            err.println("holdfast genhash: " + target + ": " + ConnectFailure.describe(failed.cause(), timeout));
        } else if (outcome instanceof HttpOutcome.Error error) {
            if (tlsFailure(error.cause())) {
                out.println("SSL handshake/communication error connecting to " + target);
            } else if (error.cause() instanceof io.netty.handler.timeout.ReadTimeoutException) {
                out.println(error.requestSent() ? "Timeout HTTP read" : "Timeout WEB write");
            } else {
                out.println("Read error with " + target);
            }
            err.println("holdfast genhash: " + target + ": " + ConnectFailure.describe(error.cause(), timeout));
        }
        out.flush();
        return 1;
    }

    private static boolean tlsFailure(Throwable cause) {
        return cause instanceof SSLException || cause.getCause() instanceof SSLException;
    }

    /** The "HTML Buffer" section of --verbose: the digested body, dumped as it arrived. */
    private static final class BodyDump {
        private final boolean verbose;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        BodyDump(boolean verbose) {
            this.verbose = verbose;
        }

        void chunk(byte[] data) {
            if (verbose) {
                bytes.writeBytes(data);
            }
        }

        String text() {
            return bytes.size() == 0 ? "" : BEGIN + "        HTML Buffer        " + END + HexDump.of(bytes.toByteArray());
        }
    }
}
