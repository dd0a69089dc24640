package dev.holdfast.healthcheck.spec;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One url block of HTTP_GET.
 *
 * @param path        request path, sent as is
 * @param digest      expected MD5 of the body as 32 hex digits (genhash output), if any
 * @param statusCodes accepted status codes
 * @param virtualHost url-level Host header, overriding the checker's
 * @param regex       a regex the body must (or, with regex_no_match, must not) match
 * @param tlsCompliant the url's own tls_compliant (SSL_GET): end its TLS sessions with close_notify
 */
public record UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualHost,
                      Optional<BodyRegex> regex, boolean tlsCompliant) {

    /** A url without its own tls_compliant. */
    public UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualHost,
                   Optional<BodyRegex> regex) {
        this(path, digest, statusCodes, virtualHost, regex, false);
    }

    /** A url without regex check. */
    public UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualHost) {
        this(path, digest, statusCodes, virtualHost, Optional.empty());
    }

    public UrlSpec {
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(statusCodes, "statusCodes");
        Objects.requireNonNull(virtualHost, "virtualHost");
        digest = digest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
        digest.ifPresent(d -> {
            if (d.length() != 32 || !d.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("digest must be 32 hex digits: " + d);
            }
        });
    }
}
