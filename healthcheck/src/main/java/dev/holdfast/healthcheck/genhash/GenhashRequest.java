package dev.holdfast.healthcheck.genhash;

import dev.holdfast.healthcheck.spec.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code holdfast genhash} fetches, in keepalived genhash's terms.
 *
 * @param server      -s/-p: the address (never a name) and port
 * @param path        -u: the url path, sent as is
 * @param tls         -S: SSL_GET instead of HTTP_GET
 * @param sni         -I: send the virtualhost as TLS server name
 * @param virtualHost -V: the Host header; without it keepalived's "address:port"
 * @param version     -P: 1.0, 1.0c or 1.1
 * @param timeout     -t: connect and read timeout; empty waits as long as the server takes, as genhash does
 * @param verbose     -v: dump head, body and digest as genhash does
 */
public record GenhashRequest(InetSocketAddress server, String path, boolean tls, boolean sni,
                             Optional<String> virtualHost, HttpVersion version, Optional<Duration> timeout,
                             boolean verbose) {
    public GenhashRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timeout, "timeout");
    }
}
