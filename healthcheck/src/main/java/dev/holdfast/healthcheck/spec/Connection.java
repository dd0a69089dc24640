package dev.holdfast.healthcheck.spec;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a network checker connects (connect_ip/connect_port, already defaulted to the real server) and, if
 * configured, the local address it binds to first (bindto/bind_port), the mark its packets carry (fwmark, SO_MARK)
 * and the interface its socket is bound to (bind_if, SO_BINDTODEVICE; what makes an IPv6 link-local target
 * reachable).
 */
public record Connection(InetSocketAddress target, Optional<InetSocketAddress> bindTo, OptionalLong fwmark,
                         Optional<String> bindInterface) {
    public Connection {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(fwmark, "fwmark");
        Objects.requireNonNull(bindInterface, "bindInterface");
        fwmark.ifPresent(mark -> {
            if (mark < 0 || mark > 0xffff_ffffL) {
                throw new IllegalArgumentException("fwmark out of range 0..4294967295: " + mark);
            }
        });
    }

    /** Neither fwmark nor bind_if. */
    public Connection(InetSocketAddress target, Optional<InetSocketAddress> bindTo) {
        this(target, bindTo, OptionalLong.empty(), Optional.empty());
    }

    /** Whether the socket needs options Java's own sockets cannot set (fwmark, bind_if). */
    public boolean needsSocketOptions() {
        return fwmark.isPresent() || bindInterface.isPresent();
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
