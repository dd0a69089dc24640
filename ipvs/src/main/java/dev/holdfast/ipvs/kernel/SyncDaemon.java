package dev.holdfast.ipvs.kernel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPVS connection-synchronisation daemon (ipvsadm --start-daemon). Zero values for maxLength, port
 * and ttl and an empty group mean "kernel default" (sync port 8848, multicast 224.0.0.81, ttl 1).
 *
 * @param role master (sends) or backup (receives)
 * @param interfaceName multicast interface, at most 15 characters
 * @param syncId SyncID, 0..255 (0 = any for a backup)
 * @param maxLength UDP payload size of sync messages
 * @param group multicast group, IPv4 or IPv6
 * @param port base UDP port
 * @param ttl multicast TTL
 */
public record SyncDaemon(Role role, String interfaceName, int syncId, int maxLength, Optional<InetAddress> group,
                         int port, int ttl) {

    public enum Role {
        MASTER(IpvsConstants.IP_VS_STATE_MASTER),
        BACKUP(IpvsConstants.IP_VS_STATE_BACKUP);

        private final int state;

        Role(int state) {
            this.state = state;
        }

        public int state() {
            return state;
        }

        public static Role ofState(int state) {
            return state == IpvsConstants.IP_VS_STATE_BACKUP ? BACKUP : MASTER;
        }
    }

    public SyncDaemon {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(group, "group");
        if (interfaceName == null || interfaceName.isEmpty() || interfaceName.length() >= IpvsConstants.IP_VS_IFNAME_MAXLEN) {
            throw new IllegalArgumentException("sync daemon interface name must be 1..15 characters");
        }
        if (maxLength < 0 || maxLength > 65535 || port < 0 || port > 65535 || ttl < 0 || ttl > 255 || syncId < 0) {
            throw new IllegalArgumentException("sync daemon maxlen, port, ttl or syncid out of range");
        }
    }

    /** A daemon with the kernel's defaults for everything but role, interface and SyncID. */
    public static SyncDaemon of(Role role, String interfaceName, int syncId) {
        return new SyncDaemon(role, interfaceName, syncId, 0, Optional.empty(), 0, 0);
    }

    boolean ipv4Group() {
        return group.map(g -> g instanceof Inet4Address).orElse(false);
    }
}
