package dev.holdfast.config.bind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The few facts about the local host that keepalived's reading depends on: the host name and the user names. */
public final class HostInfo {
    private HostInfo() {
    }

    /** The node name up to its first dot, keepalived's default config-id and router_id. */
    public static String shortHostname() {
        String h = null;
        try {
            h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            h = System.getenv("HOSTNAME");
        }
        if (h == null || h.isEmpty()) {
            h = "localhost";
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    /** Network interface names of this host (network namespace); null when they cannot be listed. */
    public static Set<String> interfaces() {
        try (var s = Files.list(Path.of("/sys/class/net"))) {
            Set<String> names = new HashSet<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** User names from /etc/passwd; empty when it cannot be read. */
    public static Set<String> users() {
        Set<String> users = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                int c = line.indexOf(':');
                if (c > 0) {
                    users.add(line.substring(0, c));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return users;
    }
}
