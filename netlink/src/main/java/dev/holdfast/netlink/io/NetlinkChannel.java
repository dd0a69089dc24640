package dev.holdfast.netlink.io;

import java.nio.ByteBuffer;

/**
 * A datagram pipe to the kernel: one send is one sendto(2), one receive is one recvfrom(2). The real
 * implementation is {@link NativeNetlinkChannel}; tests substitute a fake kernel.
 */
public interface NetlinkChannel extends AutoCloseable {

    /** The port id the kernel assigned at bind time (nl_pid). */
    int portId();

    /** Sends one datagram holding one or more netlink messages. */
    void send(ByteBuffer datagram);

    /**
     * Receives one datagram. With {@code wait} false returns null when nothing is queued. Fails with a
     * {@link dev.holdfast.netlink.NetlinkException} of errno ENOBUFS when the kernel dropped replies
     * because the receive buffer was full, and of errno EAGAIN when the receive timeout passed.
     */
    ByteBuffer receive(boolean wait);

    /** The effective receive buffer (SO_RCVBUF as the kernel reports it). */
    int receiveBufferSize();

    /** The effective send buffer (SO_SNDBUF); a datagram must stay below it. */
    int sendBufferSize();

    @Override
    void close();
}
