package dev.holdfast.netlink.io;

import static dev.holdfast.netlink.NetlinkConstants.EAGAIN;
import static dev.holdfast.netlink.NetlinkConstants.EINTR;
import static dev.holdfast.netlink.NetlinkConstants.ENOBUFS;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_ACK;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_DUMP;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_REQUEST;

import dev.holdfast.netlink.NetlinkAck;
import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.NlMsgHeader;
import dev.holdfast.netlink.ffi.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The netlink request protocol over a {@link NetlinkChannel}: every request gets its own sequence number,
 * replies are matched by it (stale replies are skipped), and kernel errors become
 * {@link NetlinkException}s carrying the request's description, strerror text and the extended-ack
 * message. Not thread-safe.
 */
public final class NetlinkSocket implements AutoCloseable {
    /**
     * What one queued ack costs in the receive buffer (skb truesize, not payload); batches are sized so
     * their acks fit, because acks that do not fit are dropped by the kernel.
     */
    static final int ACK_TRUESIZE = 1536;
    private static final int MAX_BATCH_MESSAGES = 1024;
    private static final int MAX_DUMP_RETRIES = 3;

    private final NetlinkChannel channel;
    private int sequence;

    public NetlinkSocket(NetlinkChannel channel) {
        this.channel = channel;
    }

    /** Opens a real socket of the given protocol with default buffer sizes and timeout. */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, ChannelOptions.defaults());
    }

    public static NetlinkSocket open(int protocol, ChannelOptions options) {
        return new NetlinkSocket(NativeNetlinkChannel.open(protocol, options));
    }

    public NetlinkChannel channel() {
        return channel;
    }

    /**
     * Sends one request with NLM_F_ACK and waits for its ack. Returns the data messages that came before
     * the ack (a "do" command's reply); throws when the kernel answered with an error.
     */
    public List<NetlinkMessage> request(Request request) {
        Outcome outcome = pipeline(List.of(request)).get(0);
        if (outcome.error().isPresent()) {
            throw outcome.error().get();
        }
        return outcome.replies();
    }

    /**
     * Runs a dump (NLM_F_DUMP) and returns every message up to NLMSG_DONE. A dump the kernel marks
     * inconsistent (NLM_F_DUMP_INTR: the table changed meanwhile) is retried.
     */
    public List<NetlinkMessage> dump(Request request) {
        for (int attempt = 1; ; attempt++) {
            int seq = nextSequence();
            byte[] framed = NetlinkMessage.frame(request.type(), request.flags() | NLM_F_REQUEST | NLM_F_DUMP, seq,
                    0, request.payload());
            channel.send(ByteBuffer.wrap(framed));
            List<NetlinkMessage> out = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (NetlinkMessage m : receive(request.description())) {
                    if (m.sequence() != seq) {
                        continue;
                    }
                    interrupted |= m.header().hasFlag(NLM_F_DUMP_INTR);
                    if (m.isError() || m.isDone()) {
                        NetlinkAck ack = m.ack();
                        if (!ack.ok()) {
                            throw Native.failure(request.description(), ack.errno(), ack.message());
                        }
                        done = true;
                        break;
                    }
                    out.add(m);
                }
            }
            if (!interrupted) {
                return out;
            }
            if (attempt == MAX_DUMP_RETRIES) {
                throw new NetlinkException(request.description(), 0,
                        "dump interrupted " + MAX_DUMP_RETRIES + " times (the table kept changing)", null);
            }
        }
    }

    /**
     * Sends many requests, several per datagram, each with its own sequence number, and returns one {@link Outcome}
     * per request in request order. The kernel processes every message of a datagram even when an earlier one
     * fails, so one failure is reported for its own request only.
     *
     * <p>Only the last request of a datagram asks for an ack (NLM_F_ACK). The kernel answers a failed request with
     * an error message whether or not it asked, and handles a datagram's messages in order before the send returns,
     * so once the last request's ack is read, every earlier request that has no error by then succeeded. That
     * spares the kernel an ack message per request and this side a receive call per request (on a 40,000-entry
     * table, 40,000 of each). Batches stay sized so that an error for every request would fit the receive buffer;
     * should errors still be dropped (ENOBUFS), the requests without an answer are reported as unknown.
     */
    public List<Outcome> pipeline(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        int firstEnd = batchEnd(requests, 0);
        if (firstEnd >= requests.size()) {
            return transmit(prepare(requests));
        }
        // Several datagrams: each is framed here while the one before is with the kernel on a sender thread, so
        // encoding and framing (requests may be made as they are asked for) overlap the kernel's own work. The
        // socket itself is used by the sender thread alone until every datagram is answered.
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netlink-send");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Outcome>>> sent = new ArrayList<>();
            int from = 0;
            int to = firstEnd;
            while (from < requests.size()) {
                Prepared batch = prepare(requests.subList(from, to));
                sent.add(sender.submit(() -> transmit(batch)));
                from = to;
                to = from < requests.size() ? batchEnd(requests, from) : from;
            }
            for (Future<List<Outcome>> f : sent) {
                outcomes.addAll(answer(f));
            }
        } finally {
            sender.shutdownNow();
        }
        return outcomes;
    }

    private static List<Outcome> answer(Future<List<Outcome>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("netlink batch", EINTR, "interrupted while waiting for the kernel's answers",
                    null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many requests at most go into one datagram, given the receive buffer their acks must fit. */
    public int maxBatchMessages() {
        return Math.max(1, Math.min(MAX_BATCH_MESSAGES, channel.receiveBufferSize() / ACK_TRUESIZE));
    }

    /** The largest datagram sent; the kernel refuses datagrams beyond SO_SNDBUF with EMSGSIZE. */
    public int maxBatchBytes() {
        return Math.max(4096, Math.min(256 * 1024, channel.sendBufferSize() / 2));
    }

    public int nextSequence() {
        sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
        return sequence;
    }

    @Override
    public void close() {
        channel.close();
    }

    private int batchEnd(List<Request> requests, int from) {
        int bytes = 0;
        int to = from;
        while (to < requests.size() && to - from < maxBatchMessages()) {
            int size = NetlinkConstants.align(NetlinkConstants.NLMSG_HDRLEN + requests.get(to).payloadLength());
            if (to > from && bytes + size > maxBatchBytes()) {
                break;
            }
            bytes += size;
            to++;
        }
        return to;
    }

    /** A batch framed into one datagram, its sequence numbers running from {@code first}. */
    private record Prepared(List<Request> batch, ByteBuffer datagram, int first) {
    }

    private Prepared prepare(List<Request> batch) {
        int size = batch.size();
        int bytes = 0;
        for (Request r : batch) {
            bytes += NetlinkConstants.align(NetlinkConstants.NLMSG_HDRLEN + r.payloadLength());
        }
        // one datagram, the messages framed in place (the padding between them stays zero)
        ByteBuffer datagram = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
        // the batch's sequence numbers run from first to first + size - 1, so a reply's index is its distance from
        // first
        if (sequence > Integer.MAX_VALUE - size) {
            sequence = 0;
        }
        int first = sequence + 1;
        int last = size - 1;
        for (int i = 0; i < size; i++) {
            frame(datagram, batch.get(i), nextSequence(), i == last);
        }
        return new Prepared(batch, datagram.flip(), first);
    }

    private static void frame(ByteBuffer datagram, Request r, int seq, boolean last) {
        int start = datagram.position();
        int length = NetlinkConstants.NLMSG_HDRLEN + r.payloadLength();
        new NlMsgHeader(length, r.type(), r.flags() | NLM_F_REQUEST | (last ? NLM_F_ACK : 0), seq, 0).write(datagram);
        datagram.put(r.payloadBytes());
        datagram.position(start + NetlinkConstants.align(length));
    }

    private List<Outcome> transmit(Prepared prepared) {
        List<Request> batch = prepared.batch();
        int size = batch.size();
        int first = prepared.first();
        int last = size - 1;
        // data replies per request, made only for a request that gets one; a request is pending while its outcome
        // is null
        List<NetlinkMessage>[] replies = newReplies(size);
        Outcome[] outcomes = new Outcome[size];
        int pending = size;
        try {
            channel.send(prepared.datagram());
        } catch (NetlinkException e) {
            for (int i = 0; i < size; i++) {
                outcomes[i] = Outcome.failure(batch.get(i), relabel(batch.get(i), e));
            }
            return List.of(outcomes);
        }
        NetlinkException overrun = null;
        while (pending > 0) {
            List<NetlinkMessage> messages;
            try {
                ByteBuffer d = channel.receive(overrun == null);
                if (d == null) {
                    break;
                }
                messages = NetlinkMessage.parseAll(d);
            } catch (NetlinkException e) {
                if (e.errno() == ENOBUFS) {
                    // Some answers were dropped: collect the ones still queued; silence no longer means success.
                    overrun = e;
                    continue;
                }
                for (int i = 0; i < size; i++) {
                    if (outcomes[i] == null) {
                        outcomes[i] = Outcome.failure(batch.get(i), relabel(batch.get(i), e));
                    }
                }
                pending = 0;
                break;
            }
            for (NetlinkMessage m : messages) {
                int index = m.sequence() - first;
                if (index < 0 || index >= size || outcomes[index] != null) {
                    continue;
                }
                if (!m.isError()) {
                    if (replies[index] == null) {
                        replies[index] = new ArrayList<>();
                    }
                    replies[index].add(m);
                    continue;
                }
                Request r = batch.get(index);
                try {
                    NetlinkAck ack = m.ack();
                    outcomes[index] = ack.ok() ? Outcome.success(r, repliesOf(replies, index))
                            : Outcome.failure(r, Native.failure(r.description(), ack.errno(), ack.message()));
                } catch (NetlinkDecodeException e) {
                    outcomes[index] = Outcome.failure(r, relabel(r, e));
                }
                pending--;
                if (index == last && overrun == null) {
                    // everything before the last request was handled before it: no error by now means success
                    for (int i = 0; i < size; i++) {
                        if (outcomes[i] == null) {
                            outcomes[i] = Outcome.success(batch.get(i), repliesOf(replies, i));
                        }
                    }
                    pending = 0;
                    break;
                }
            }
        }
        for (int i = 0; i < size; i++) {
            if (outcomes[i] != null) {
                continue;
            }
            Request r = batch.get(i);
            if (replies[i] != null) {
                // its data reply arrived, so it was handled: the kernel sends a reply or an error, not both
                outcomes[i] = Outcome.success(r, repliesOf(replies, i));
            } else if (overrun != null) {
                outcomes[i] = Outcome.failure(r, relabel(r, overrun));
            } else {
                outcomes[i] = Outcome.failure(r, new NetlinkException(r.description(), EAGAIN,
                        "no acknowledgement from the kernel; the outcome is unknown", null));
            }
        }
        return List.of(outcomes);
    }

    @SuppressWarnings("unchecked")
    private static List<NetlinkMessage>[] newReplies(int size) {
        return (List<NetlinkMessage>[]) new List<?>[size];
    }

    private static List<NetlinkMessage> repliesOf(List<NetlinkMessage>[] replies, int index) {
        return replies[index] == null ? List.of() : replies[index];
    }

    private static NetlinkException relabel(Request r, NetlinkException cause) {
        return new NetlinkException(r.description(), cause.errno(), cause.operation() + ": " + cause.reason(),
                cause.kernelMessage());
    }

    private List<NetlinkMessage> receive(String description) {
        ByteBuffer d = channel.receive(true);
        try {
            return NetlinkMessage.parseAll(d);
        } catch (NetlinkDecodeException e) {
            throw new NetlinkDecodeException(description + ": " + e.reason());
        }
    }
}
