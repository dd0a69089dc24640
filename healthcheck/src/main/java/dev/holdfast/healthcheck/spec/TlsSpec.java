package dev.holdfast.healthcheck.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * What turns an HTTP_GET into an SSL_GET. Like keepalived, the server certificate is not verified: the check
 * asks "does the service answer", not "is it who it claims to be".
 *
 * @param enableSni        send a server name (enable_sni, implied by sni_name)
 * @param sniName          sni_name, which wins over everything
 * @param fallbackSniName  the checker's virtualhost, else the VS's (keepalived skips the RS level here); a url's
 *                         own virtualhost comes before it
 * @param compliant        the checker's tls_compliant: close every session with a close_notify alert (and answer
 *                         the server's), where keepalived's default is a quiet shutdown that just closes the socket
 */
public record TlsSpec(boolean enableSni, Optional<String> sniName, Optional<String> fallbackSniName,
                      boolean compliant) {
    public TlsSpec {
        Objects.requireNonNull(sniName, "sniName");
        Objects.requireNonNull(fallbackSniName, "fallbackSniName");
    }

    /** Quiet shutdown (tls_compliant off). */
    public TlsSpec(boolean enableSni, Optional<String> sniName, Optional<String> fallbackSniName) {
        this(enableSni, sniName, fallbackSniName, false);
    }

    /** Whether the session of {@code url} ends with close_notify: the checker's or the url's tls_compliant. */
    public boolean compliant(UrlSpec url) {
        return compliant || url.tlsCompliant();
    }

    /** The name to send for {@code url}, if any. */
    public Optional<String> serverName(UrlSpec url) {
        if (!enableSni) {
            return Optional.empty();
        }
        return sniName.or(url::virtualHost).or(() -> fallbackSniName);
    }
}
