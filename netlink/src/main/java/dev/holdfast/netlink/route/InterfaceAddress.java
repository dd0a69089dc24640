package dev.holdfast.netlink.route;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One address on one interface, as {@code ip addr add ADDRESS/PREFIX [brd B] [scope S] [label L] dev IF}
 * takes it.
 *
 * @param broadcast IPv4 broadcast address, or null for none
 * @param scope rtnetlink scope: {@link #SCOPE_GLOBAL}, {@link #SCOPE_SITE}, {@link #SCOPE_LINK}, {@link #SCOPE_HOST}
 *              or {@link #SCOPE_NOWHERE}
 * @param label IPv4 label (e.g. "eth0:vip"), or null
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefix, InetAddress broadcast,
                               int scope, String label) {
    public static final int SCOPE_GLOBAL = 0;
    public static final int SCOPE_SITE = 200;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;
    public static final int SCOPE_NOWHERE = 255;

    public InterfaceAddress {
        Objects.requireNonNull(address);
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix /" + prefix + " outside 0.." + max);
        }
        if (interfaceIndex <= 0) {
            throw new IllegalArgumentException("interface index " + interfaceIndex);
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope);
        }
        if (label != null && (label.isEmpty() || label.length() > 15)) {
            throw new IllegalArgumentException("label '" + label + "' must be 1..15 characters");
        }
    }

    /** A plain address with global scope, no broadcast and no label. */
    public static InterfaceAddress of(int interfaceIndex, InetAddress address, int prefix) {
        return new InterfaceAddress(interfaceIndex, address, prefix, null, SCOPE_GLOBAL, null);
    }

    /** The scope number for {@code ip}'s scope names (and plain numbers); -1 for an unknown name. */
    public static int scopeOf(String name) {
        if (name == null) {
            return SCOPE_GLOBAL;
        }
        switch (name) {
            case "global":
                return SCOPE_GLOBAL;
            case "site":
                return SCOPE_SITE;
            case "link":
                return SCOPE_LINK;
            case "host":
                return SCOPE_HOST;
            case "nowhere":
                return SCOPE_NOWHERE;
            default:
                try {
                    int n = Integer.parseInt(name);
                    return n >= 0 && n <= 255 ? n : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix + " on interface " + interfaceIndex;
    }
}
