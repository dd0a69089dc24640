package dev.holdfast.healthcheck.spec;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a network checker connects (connect_ip/connect_port, already defaulted to the real server) and, if
 * configured, the local address it binds to first (bindto/bind_port).
 */
public record Connection(InetSocketAddress target, Optional<InetSocketAddress> bindTo) {
    public Connection {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bindTo, "bindTo");
    }

    public static Connection to(InetSocketAddress target) {
        return new Connection(target, Optional.empty());
    }

    /** "10.0.0.5:80" or "[fe80::1]:80", for human reasons. */
    public String targetText() {
        String host = TextualAddress.of(target.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + target.getPort();
    }
}
