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
 */
public record TlsSpec(boolean enableSni, Optional<String> sniName, Optional<String> fallbackSniName) {
    public TlsSpec {
        Objects.requireNonNull(sniName, "sniName");
        Objects.requireNonNull(fallbackSniName, "fallbackSniName");
    }

    /** The name to send for {@code url}, if any. */
    public Optional<String> serverName(UrlSpec url) {
        if (!enableSni) {
            return Optional.empty();
        }
        return sniName.or(url::virtualHost).or(() -> fallbackSniName);
    }
}
