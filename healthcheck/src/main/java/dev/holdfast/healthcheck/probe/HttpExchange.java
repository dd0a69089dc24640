package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.TextualAddress;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One GET of one url as keepalived's HTTP_GET/SSL_GET (and genhash) does it: connect bounded by connect_timeout,
 * optional TLS with SNI, keepalived's exact request, the response read to the end of the stream; all that follows
 * the connect is bounded by one more connect_timeout ({@link ResponseDeadline}). Says what came back; judging it
 * is the caller's job.
 */
public final class HttpExchange {
    private final HttpGetSpec checker;
    private final UrlSpec url;
    private final EventLoop loop;
    private final byte[] request;

    public HttpExchange(HttpGetSpec checker, UrlSpec url, EventLoop loop) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.url = Objects.requireNonNull(url, "url");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.request = request(checker, url).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * keepalived's request, byte for byte: {@code GET <path> HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n
     * [Connection: close\r\n]Host: <host>\r\n\r\n}; the Host is the url's or checker's virtualhost, else the
     * target's address and port (IPv6 in brackets).
     */
    static String request(HttpGetSpec checker, UrlSpec url) {
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

    /**
     * Runs the exchange once.
     *
     * @param digest  compute the body's MD5 even when the url has no digest to compare (genhash)
     * @param bodyTap sees every body chunk in order, or null
     */
    public CompletionStage<HttpOutcome> run(boolean digest, Consumer<byte[]> bodyTap) {
        CompletableFuture<HttpOutcome> result = new CompletableFuture<>();
        Duration timeout = checker.policy().connectTimeout();
        ChannelFuture connect = TcpProbe.connect(loop, checker.connection(), timeout,
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // first in line, so a stalled TLS handshake is bounded too
                        ch.pipeline().addLast(new ResponseDeadline(timeout));
                        checker.tls().ifPresent(tls -> {
                            InetSocketAddress target = checker.connection().target();
                            SslHandler ssl = tls.serverName(url)
                                    .map(name -> ClientTls.context().newHandler(ch.alloc(), name, target.getPort()))
                                    .orElseGet(() -> ClientTls.context().newHandler(ch.alloc()));
                            ssl.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
                            TlsShutdown shutdown = new TlsShutdown(ssl, tls.compliant(url));
                            ch.pipeline().addLast(shutdown.gate(), ssl, shutdown);
                        });
                        ch.pipeline().addLast(new HttpResponseReader(request, url.regex().isPresent(),
                                digest || url.digest().isPresent(), bodyTap,
                                result::complete));
                    }
                });
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(new HttpOutcome.NotConnected(f.cause()));
            }
        });
        return result;
    }
}
