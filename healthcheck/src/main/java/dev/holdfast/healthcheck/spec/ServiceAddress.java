package dev.holdfast.healthcheck.spec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a virtual_server block names: an address and port, a firewall mark, or a virtual_server_group. Each form
 * carries the service protocol because keepalived prints real servers as "[ip]:proto:port" in every case.
 */
public sealed interface ServiceAddress {

    Protocol protocol();

    /** keepalived's FMT_VS: "[192.168.201.15]:tcp:80", "FWM 1" or "[GROUP]:80". */
    String format();

    /** {@code virtual_server IP PORT}. */
    record Endpoint(InetAddress address, int port, Protocol protocol) implements ServiceAddress {
        public Endpoint {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(protocol, "protocol");
            Ports.check(port);
        }

        @Override
        public String format() {
            return TextualAddress.trio(address, protocol, port);
        }
    }

    /** {@code virtual_server fwmark N}. */
    record FirewallMark(long mark, Protocol protocol) implements ServiceAddress {
        public FirewallMark {
            if (mark < 0 || mark > 0xffff_ffffL) {
                throw new IllegalArgumentException("fwmark out of range 0..4294967295: " + mark);
            }
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public String format() {
            return "FWM " + mark;
        }
    }

    /** {@code virtual_server group NAME}; the port is keepalived's internal member index. */
    record Group(String name, int port, Protocol protocol) implements ServiceAddress {
        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public String format() {
            return "[" + name + "]:" + port;
        }
    }
}
