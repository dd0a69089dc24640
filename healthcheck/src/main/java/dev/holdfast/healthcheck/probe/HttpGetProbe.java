package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.probe.HttpResponseReader.Outcome;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.TextualAddress;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One url of an HTTP_GET checker. Passes, in keepalived's order, when some response head arrived before the end
 * of the stream, its status code is in the url's set, and the body's MD5 matches the url's digest (if any). The
 * connect and every read are bounded by connect_timeout, as in keepalived.
 */
public final class HttpGetProbe implements Probe {
    private final HttpGetSpec checker;
    private final UrlSpec url;
    private final EventLoop loop;
    private final byte[] request;
    private final String what;

    public HttpGetProbe(HttpGetSpec checker, UrlSpec url, EventLoop loop) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.url = Objects.requireNonNull(url, "url");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.request = request(checker, url).getBytes(StandardCharsets.ISO_8859_1);
        this.what = checker.type() + (checker.tls().isPresent() ? " https://" : " http://")
                + checker.connection().targetText() + url.path();
    }

    /**
     * keepalived's request, byte for byte: {@code GET <path> HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n
     * [Connection: close\r\n]Host: <host>\r\n\r\n}; the Host is the url's or checker's virtualhost, else the
     * target's address and port (IPv6 in brackets).
     */
    public static String request(HttpGetSpec checker, UrlSpec url) {
        String host = url.virtualHost().or(checker::virtualHost).orElseGet(() -> {
            InetSocketAddress target = checker.connection().target();
            String address = TextualAddress.of(target.getAddress());
            return (target.getAddress() instanceof Inet6Address ? "[" + address + "]" : address) + ":"
                    + target.getPort();
        });
        return "GET " + url.path() + " HTTP/" + checker.version().requestVersion() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (checker.version().connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Duration timeout = checker.policy().connectTimeout();
        ChannelFuture connect = TcpProbe.connect(loop, checker.connection(), timeout,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // first in line, so a stalled TLS handshake is bounded too
                        ch.pipeline().addLast(new ReadTimeoutHandler(Math.max(1, timeout.toNanos()),
                                TimeUnit.NANOSECONDS));
                        checker.tls().ifPresent(tls -> {
                            InetSocketAddress target = checker.connection().target();
                            SslHandler ssl = tls.serverName(url)
                                    .map(name -> ClientTls.context().newHandler(ch.alloc(), name, target.getPort()))
                                    .orElseGet(() -> ClientTls.context().newHandler(ch.alloc()));
                            ssl.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
                            ch.pipeline().addLast(ssl);
                        });
                        ch.pipeline().addLast(new HttpResponseReader(request, url.regex().isPresent(),
                                o -> result.complete(judge(o))));
                    }
                });
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(CheckResult.failed(what + ": connect: "
                        + ConnectFailure.describe(f.cause(), timeout)));
            }
        });
        return result;
    }

    private CheckResult judge(Outcome outcome) {
        Duration timeout = checker.policy().connectTimeout();
        if (outcome instanceof Outcome.Error error) {
            String phase = error.cause() instanceof javax.net.ssl.SSLException
                    || error.cause().getCause() instanceof javax.net.ssl.SSLException ? "TLS"
                    : error.requestSent() ? "read" : "send request";
            return CheckResult.failed(what + ": " + phase + ": " + ConnectFailure.describe(error.cause(), timeout));
        }
        if (outcome instanceof Outcome.NoData) {
            return CheckResult.failed(what + ": no data received (no complete response head before end of stream)");
        }
        Outcome.Response response = (Outcome.Response) outcome;
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
        return CheckResult.passed(what + ": status " + response.statusCode()
                + (url.digest().isPresent() ? ", digest ok" : "") + (url.regex().isPresent() ? ", regex ok" : ""));
    }
}
