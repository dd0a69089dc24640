package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import dev.holdfast.healthcheck.socket.SocketLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One url of an HTTP_GET checker. Passes, in keepalived's order, when some response head arrived before the end
 * of the stream, its status code is in the url's set, and the body's MD5 matches the url's digest (if any). The
 * connect and every read are bounded by connect_timeout, as in keepalived.
 */
public final class HttpGetProbe implements Probe {
    private final HttpGetSpec checker;
    private final UrlSpec url;
    private final Supplier<CompletionStage<HttpOutcome>> exchange;
    private final String what;
    /** the last passing result, handed out again while the server answers the same (no string per check) */
    private CheckResult lastPassed;
    private int lastPassedStatus = -1;

    /** The probe on Netty: every kind of HTTP_GET and SSL_GET. */
    public HttpGetProbe(HttpGetSpec checker, UrlSpec url, EventLoop loop) {
        this(checker, url, netty(new HttpExchange(checker, url, loop)));
    }

    private HttpGetProbe(HttpGetSpec checker, UrlSpec url, Supplier<CompletionStage<HttpOutcome>> exchange) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.url = Objects.requireNonNull(url, "url");
        this.exchange = exchange;
        this.what = checker.type() + (checker.tls().isPresent() ? " https://" : " http://")
                + checker.connection().targetText() + url.path();
    }

    private static Supplier<CompletionStage<HttpOutcome>> netty(HttpExchange exchange) {
        return () -> exchange.run(false, null);
    }

    /**
     * The probe on the socket loop's own sockets, or empty when this checker needs Netty (TLS, or a bind address
     * of the other family than the target).
     */
    public static Optional<HttpGetProbe> onSocketLoop(HttpGetSpec checker, UrlSpec url, SocketLoop loop) {
        PlainDial dial = PlainDial.of(checker.connection());
        if (checker.tls().isPresent() || dial == null) {
            return Optional.empty();
        }
        byte[] text = HttpExchange.request(checker, url).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer request = ByteBuffer.allocateDirect(text.length).put(text).flip();
        long timeout = Math.max(1, checker.policy().connectTimeout().toNanos());
        boolean keepBody = url.regex().isPresent();
        boolean digest = url.digest().isPresent();
        Supplier<CompletionStage<HttpOutcome>> exchange = () -> OnLoop.call(loop,
                () -> new PlainHttpExchange(loop, request.duplicate(), timeout,
                        new HttpResponseParser(keepBody, digest, null)).start(dial));
        return Optional.of(new HttpGetProbe(checker, url, exchange));
    }

    /** keepalived's request for {@code url}, byte for byte (see {@link HttpExchange#request}). */
    public static String request(HttpGetSpec checker, UrlSpec url) {
        return HttpExchange.request(checker, url);
    }

    @Override
    public CompletionStage<CheckResult> check() {
        return exchange.get().thenApply(this::judge);
    }

    private CheckResult judge(HttpOutcome outcome) {
        Duration timeout = checker.policy().connectTimeout();
        if (outcome instanceof HttpOutcome.NotConnected failed) {
            return CheckResult.failed(what + ": connect: " + ConnectFailure.describe(failed.cause(), timeout));
        }
        if (outcome instanceof HttpOutcome.Error error) {
            String phase = error.cause() instanceof javax.net.ssl.SSLException
                    || error.cause().getCause() instanceof javax.net.ssl.SSLException ? "TLS"
                    : error.requestSent() ? "read" : "send request";
            return CheckResult.failed(what + ": " + phase + ": " + ConnectFailure.describe(error.cause(), timeout));
        }
        if (outcome instanceof HttpOutcome.NoData) {
            return CheckResult.failed(what + ": no data received (no complete response head before end of stream)");
        }
        HttpOutcome.Response response = (HttpOutcome.Response) outcome;
        if (!url.statusCodes().contains(response.statusCode())) {
            String status = response.statusCode() == 0 ? "malformed status line" : "status "
                    + response.statusCode();
            return CheckResult.failed(what + ": " + status + " not in " + url.statusCodes());
        }
        if (url.digest().isPresent() && !url.digest().get().equals(response.md5Hex())) {
            return CheckResult.failed(what + ": MD5 digest " + response.md5Hex() + " does not match "
                    + url.digest().get());
        }
        if (url.regex().isPresent() && !url.regex().get().passes(response.body())) {
            return CheckResult.failed(what + ": body " + (url.regex().get().noMatch() ? "matches" : "does not match")
                    + " regex " + url.regex().get().pattern());
        }
        if (response.statusCode() != lastPassedStatus) {
            lastPassed = CheckResult.passed(what + ": status " + response.statusCode()
                    + (url.digest().isPresent() ? ", digest ok" : "") + (url.regex().isPresent() ? ", regex ok" : ""));
            lastPassedStatus = response.statusCode();
        }
        return lastPassed;
    }
}
