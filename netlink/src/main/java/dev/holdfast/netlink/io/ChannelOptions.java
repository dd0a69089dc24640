package dev.holdfast.netlink.io;

import java.time.Duration;

/**
 * Socket sizing and timing for a {@link NativeNetlinkChannel}.
 *
 * @param receiveBuffer requested SO_RCVBUF bytes; forced past net.core.rmem_max with SO_RCVBUFFORCE when
 *                      the process has CAP_NET_ADMIN, since pipelined batches queue one ack per request
 * @param sendBuffer requested SO_SNDBUF bytes, which bounds the size of one batch datagram
 * @param receiveTimeout how long one receive waits for the kernel before failing
 */
public record ChannelOptions(int receiveBuffer, int sendBuffer, Duration receiveTimeout) {
    public ChannelOptions {
        if (receiveBuffer <= 0 || sendBuffer <= 0) {
            throw new IllegalArgumentException("buffer sizes must be positive");
        }
        if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
            throw new IllegalArgumentException("receive timeout must be positive");
        }
    }

    public static ChannelOptions defaults() {
        return new ChannelOptions(4 << 20, 1 << 20, Duration.ofSeconds(30));
    }
}
