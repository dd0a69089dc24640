package dev.holdfast.netlink.io;

import dev.holdfast.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A scripted kernel: each sent datagram is answered by a function producing the datagrams to receive. */
final class FakeChannel implements NetlinkChannel {
    final List<ByteBuffer> sent = new ArrayList<>();
    final Deque<Object> inbox = new ArrayDeque<>();
    private final Function<ByteBuffer, List<Object>> kernel;
    private final int receiveBuffer;

    FakeChannel(int receiveBuffer, Function<ByteBuffer, List<Object>> kernel) {
        this.receiveBuffer = receiveBuffer;
        this.kernel = kernel;
    }

    @Override
    public int portId() {
        return 4242;
    }

    @Override
    public void send(ByteBuffer datagram) {
        sent.add(datagram.duplicate());
        inbox.addAll(kernel.apply(datagram.duplicate()));
    }

    @Override
    public ByteBuffer receive(boolean wait) {
        Object next = inbox.poll();
        if (next == null) {
            if (!wait) {
                return null;
            }
            throw new NetlinkException("recvfrom", 11, "no reply from the kernel before the receive timeout", null);
        }
        if (next instanceof NetlinkException e) {
            throw e;
        }
        return ((ByteBuffer) next).duplicate();
    }

    @Override
    public int receiveBufferSize() {
        return receiveBuffer;
    }

    @Override
    public int sendBufferSize() {
        return 1 << 20;
    }

    @Override
    public void close() {}
}
