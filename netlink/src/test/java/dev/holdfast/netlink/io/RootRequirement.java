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

    enum Decision { RUN, SKIP, FAIL }

    static void requireRoot() {
        Decision d = decide(effectiveUid() == 0, System.getenv("CI"));
        if (d == Decision.FAIL) {
            fail("this test needs root and CI=true forbids skipping it; run CI as root");
        }
        assumeTrue(d == Decision.RUN, "skipped: needs root (CAP_NET_ADMIN); run as root or with CI=true");
    }

    static Decision decide(boolean root, String ciEnvironment) {
        if (root) {
            return Decision.RUN;
        }
        return "true".equalsIgnoreCase(ciEnvironment) ? Decision.FAIL : Decision.SKIP;
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
