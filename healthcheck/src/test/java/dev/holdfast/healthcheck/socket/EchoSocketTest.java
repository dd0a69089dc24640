package dev.holdfast.healthcheck.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoSocketTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "::1"})
    void aRawSocketSeesTheReplyToItsOwnRequestOnly(String address) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if ("true".equalsIgnoreCase(System.getenv("CI")) && !root) {
            throw new AssertionError("CI=true: raw ICMP sockets need root");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "not root: no raw ICMP socket");
        java.net.InetSocketAddress target = new java.net.InetSocketAddress(java.net.InetAddress.getByName(address), 0);
        EchoSocket socket = EchoSocket.open(SocketAddressBytes.family(target), SocketAddressBytes.of(target), null,
                null, false);
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
            socket.send(0x1234, 7);
            boolean replied = false;
            for (int i = 0; i < 200 && !replied; i++) {
                // the request itself comes back on IPv4 loopback too; only the reply with our id and sequence counts
                replied = socket.replied(0x1234, 7, buffer);
                if (!replied) {
                    Thread.sleep(5);
                }
            }
            assertThat(replied).isTrue();
            socket.send(0x1234, 8);
            Thread.sleep(50);
            assertThat(socket.replied(0x1234, 9, buffer)).as("another sequence's reply").isFalse();
        } finally {
            socket.close();
        }
    }

    @Test
    void theInternetChecksumOfRfc1071sExample() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5,
                (byte) 0xf6, (byte) 0xf7});
        // the example's one's-complement sum is ddf2
        assertThat(EchoSocket.checksum(data, 8)).isEqualTo(~0xddf2 & 0xffff);
        // an odd length pads with a zero byte
        assertThat(EchoSocket.checksum(ByteBuffer.wrap(new byte[] {0x01, 0x02, 0x03}), 3))
                .isEqualTo(~(0x0102 + 0x0300) & 0xffff);
    }
}
