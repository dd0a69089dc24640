package dev.holdfast.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The --listen value: "HOST:PORT", "[V6]:PORT", ":PORT" (loopback) or "off". */
final class Listen {
    private Listen() {
    }

    /** @return null for "off" */
    static InetSocketAddress parse(String text) {
        if (text == null || text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:9650, or off");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0..65535");
        }
        if (host.isEmpty()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (!host.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("the host must be an IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host);
        }
    }
}
