package dev.holdfast.healthcheck.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP_GET (or SSL_GET with {@code tls}): one request per url; passes when data arrives, the status is accepted
 * and the body digest matches.
 *
 * @param virtualHost  the Host header when the url sets none (checker, else RS, else VS virtualhost); empty means
 *                     keepalived's own fallback "ip:port" of the connection
 * @param fastRecovery walk the urls without delay_loop pauses while down or not yet run
 * @param tls          present for SSL_GET
 */
public record HttpGetSpec(CheckPolicy policy, Connection connection, HttpVersion version, Optional<String> virtualHost,
                          List<UrlSpec> urls, boolean fastRecovery, Optional<TlsSpec> tls)
        implements ScheduledCheckSpec {
    public HttpGetSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(virtualHost, "virtualHost");
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        Objects.requireNonNull(tls, "tls");
        if (urls.isEmpty()) {
            // keepalived drops a checker without url; the config module reports that, we refuse it
            throw new IllegalArgumentException("HTTP_GET/SSL_GET needs at least one url");
        }
    }

    @Override
    public String type() {
        return tls.isPresent() ? "SSL_GET" : "HTTP_GET";
    }

    /** A plain HTTP_GET. */
    public static HttpGetSpec plain(CheckPolicy policy, Connection connection, HttpVersion version,
                                    Optional<String> virtualHost, List<UrlSpec> urls, boolean fastRecovery) {
        return new HttpGetSpec(policy, connection, version, virtualHost, urls, fastRecovery, Optional.empty());
    }
}
