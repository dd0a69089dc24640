package dev.holdfast.netlink.io;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need root skip with a message when not root, except under CI=true, where CI runs as root
 * and a skip would hide a broken test: there they fail instead.
 */
final class RootRequirement {
    private RootRequirement() {}

    static void requireRoot() {
        boolean root = effectiveUid() == 0;
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("this test needs root and CI=true forbids skipping it; run CI as root");
        }
        assumeTrue(root, "skipped: needs root (CAP_NET_ADMIN); run as root or with CI=true");
    }

    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
