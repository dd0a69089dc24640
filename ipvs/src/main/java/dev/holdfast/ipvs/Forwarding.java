package dev.holdfast.ipvs;

import java.util.Objects;

/**
 * How packets reach a destination: masquerading (NAT), direct routing, tunnelling, or bypass. The
 * kernel also reports LOCAL for destinations that are the director itself.
 */
public sealed interface Forwarding
        permits Forwarding.Nat, Forwarding.DirectRouting, Forwarding.Tunnel, Forwarding.Bypass, Forwarding.Local {

    Forwarding NAT = new Nat();
    Forwarding DR = new DirectRouting();
    Forwarding BYPASS = new Bypass();
    Forwarding LOCAL = new Local();

    /** IPIP tunnelling without checksums, the classic "TUN". */
    static Tunnel tunnel() {
        return new Tunnel(TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);
    }

    static Tunnel tunnel(TunnelType type, int port, TunnelChecksum checksum) {
        return new Tunnel(type, port, checksum);
    }

    /** IP_VS_CONN_F_MASQ / LOCALNODE / TUNNEL / DROUTE / BYPASS. */
    int method();

    record Nat() implements Forwarding {
        @Override
        public int method() {
            return 0;
        }
    }

    record Local() implements Forwarding {
        @Override
        public int method() {
            return 1;
        }
    }

    record DirectRouting() implements Forwarding {
        @Override
        public int method() {
            return 3;
        }
    }

    record Bypass() implements Forwarding {
        @Override
        public int method() {
            return 4;
        }
    }

    /**
     * Tunnelling; {@code port} is the GUE destination port (0 for IPIP and GRE). The kernel rejects GUE
     * without a port; ipip takes no checksum option and gre no remcsum (kernel 5.2+ for GUE, 5.3+ GRE).
     */
    record Tunnel(TunnelType type, int port, TunnelChecksum checksum) implements Forwarding {
        public Tunnel {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(checksum, "checksum");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("tunnel port out of range: " + port);
            }
        }

        @Override
        public int method() {
            return 2;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tunnel t && t.type == type && t.port == port && t.checksum == checksum;
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + port) * 31 + checksum.hashCode();
        }
    }
}
