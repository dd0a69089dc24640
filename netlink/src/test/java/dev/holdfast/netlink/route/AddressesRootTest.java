package dev.holdfast.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.holdfast.netlink.ffi.Native;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Adds and deletes a host address on lo of the running kernel (needs root; removed again in any case). */
class AddressesRootTest {

    @Test
    void addIsIdempotentAndDeleteRemoves() throws Exception {
        requireRoot();
        InetAddress test = InetAddress.getByName("127.251.77.9");
        InterfaceAddress a = new InterfaceAddress(Native.interfaceIndex("lo"), test, 32, null,
                InterfaceAddress.SCOPE_HOST, null);
        try (Addresses addresses = Addresses.open()) {
            try {
                assertThat(addresses.add(a)).isTrue();
                assertThat(onLo(test)).isTrue();
                assertThat(addresses.add(a)).isFalse();
                assertThat(addresses.delete(a)).isTrue();
                assertThat(onLo(test)).isFalse();
                assertThat(addresses.delete(a)).isFalse();
            } finally {
                addresses.delete(a);
            }
        }
    }

    private static boolean onLo(InetAddress address) throws Exception {
        return Collections.list(NetworkInterface.getByName("lo").getInetAddresses()).contains(address);
    }

    private static void requireRoot() throws Exception {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("this test needs root and CI=true forbids skipping it");
        }
        assumeTrue(root, "skipped: needs root (CAP_NET_ADMIN)");
    }
}
