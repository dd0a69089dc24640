package dev.holdfast.netlink.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.NlMsgHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request protocol against scripted kernels: ack matching, stale replies, overruns, dumps. */
class PipelineTest {

    @Test
    void acksAreMatchedBySequenceAmongStaleReplies() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            List<NetlinkMessage> requests = NetlinkMessage.parseAll(datagram);
            List<Object> replies = new ArrayList<>();
            replies.add(ack(9999, 0)); // stale: from an earlier, abandoned request
            for (NetlinkMessage r : requests) {
                assertThat(r.header().hasFlag(NetlinkConstants.NLM_F_REQUEST)).isTrue();
                replies.add(ack(r.sequence(), r.payload().get(0) == 2 ? -17 : 0));
            }
            return replies;
        });
        NetlinkSocket socket = new NetlinkSocket(channel);
        List<Outcome> outcomes = socket.pipeline(List.of(req("one", 1), req("two", 2), req("three", 3)));
        assertThat(channel.sent).hasSize(1);
        assertThat(outcomes).extracting(o -> o.request().description()).containsExactly("one", "two", "three");
        assertThat(outcomes).extracting(Outcome::ok).containsExactly(true, false, true);
        assertThat(outcomes.get(1).error().orElseThrow()).hasMessage("two: File exists");
    }

    @Test
    void onlyTheLastRequestOfADatagramAsksForAnAckAndSilenceBeforeItMeansSuccess() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            List<Object> replies = new ArrayList<>();
            for (NetlinkMessage r : NetlinkMessage.parseAll(datagram)) {
                // the kernel's rule (netlink_rcv_skb): an error always answers, success only when NLM_F_ACK asks
                boolean fails = r.payload().get(0) == 2;
                if (fails || r.header().hasFlag(NetlinkConstants.NLM_F_ACK)) {
                    replies.add(ack(r.sequence(), fails ? -2 : 0));
                }
            }
            return replies;
        });
        NetlinkSocket socket = new NetlinkSocket(channel);
        List<Outcome> outcomes = socket.pipeline(List.of(req("one", 1), req("two", 2), req("three", 3),
                req("four", 4)));
        assertThat(channel.sent).hasSize(1);
        assertThat(NetlinkMessage.parseAll(channel.sent.get(0).duplicate()))
                .extracting(m -> m.header().hasFlag(NetlinkConstants.NLM_F_ACK)).containsExactly(false, false, false, true);
        assertThat(outcomes).extracting(Outcome::ok).containsExactly(true, false, true, true);
        assertThat(outcomes.get(1).error().orElseThrow()).hasMessage("two: No such file or directory");
        // the last one failing is its own answer, and still settles those before it
        List<Outcome> lastFails = socket.pipeline(List.of(req("five", 5), req("six", 2)));
        assertThat(lastFails).extracting(Outcome::ok).containsExactly(true, false);
    }

    @Test
    void batchesAreSizedToTheReceiveBuffer() {
        int rcvbuf = 10 * NetlinkSocket.ACK_TRUESIZE;
        FakeChannel channel = new FakeChannel(rcvbuf, PipelineTest::ackAll);
        NetlinkSocket socket = new NetlinkSocket(channel);
        List<Request> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(req("r" + i, 0));
        }
        assertThat(socket.pipeline(many)).hasSize(25).allMatch(Outcome::ok);
        assertThat(channel.sent).extracting(d -> NetlinkMessage.parseAll(d.duplicate()).size())
                .containsExactly(10, 10, 5);
    }

    @Test
    void failuresInLaterDatagramsStayWithTheirRequestsInOrder() {
        int rcvbuf = 10 * NetlinkSocket.ACK_TRUESIZE;
        // the marker byte of a request is the errno it gets; only failures are answered before a datagram's last ack
        FakeChannel channel = new FakeChannel(rcvbuf, datagram -> {
            List<NetlinkMessage> requests = NetlinkMessage.parseAll(datagram);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                int errno = requests.get(i).payload().get(0);
                if (errno != 0 || i == requests.size() - 1) {
                    out.add(ack(requests.get(i).sequence(), -errno));
                }
            }
            return out;
        });
        NetlinkSocket socket = new NetlinkSocket(channel);
        List<Request> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(req("r" + i, i == 3 ? 1 : i == 14 || i == 24 ? 2 : 0));
        }
        List<Outcome> outcomes = socket.pipeline(many);
        assertThat(channel.sent).hasSize(3);
        assertThat(outcomes).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(outcomes.get(i).ok()).as("r" + i).isEqualTo(i != 3 && i != 14 && i != 24);
            assertThat(outcomes.get(i).request().description()).isEqualTo("r" + i);
        }
        assertThat(outcomes.get(14).error().orElseThrow().getMessage()).startsWith("r14: ");
    }

    @Test
    void overrunMarksOnlyTheUnackedRequestsAsUnknown() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            List<NetlinkMessage> requests = NetlinkMessage.parseAll(datagram);
            return List.of(ack(requests.get(0).sequence(), 0),
                    new NetlinkException("recvfrom", NetlinkConstants.ENOBUFS, "netlink receive buffer overrun", null),
                    ack(requests.get(2).sequence(), 0));
        });
        List<Outcome> outcomes = new NetlinkSocket(channel).pipeline(List.of(req("a", 0), req("b", 0), req("c", 0)));
        assertThat(outcomes).extracting(Outcome::ok).containsExactly(true, false, true);
        assertThat(outcomes.get(1).error().orElseThrow().getMessage())
                .isEqualTo("b: recvfrom: netlink receive buffer overrun");
        assertThat(outcomes.get(1).error().orElseThrow().errno()).isEqualTo(NetlinkConstants.ENOBUFS);
    }

    @Test
    void missingAckIsReportedAsUnknownOutcome() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> List.of());
        Outcome o = new NetlinkSocket(channel).pipeline(List.of(req("lonely", 0))).get(0);
        assertThat(o.ok()).isFalse();
        assertThat(o.error().orElseThrow()).hasMessageContaining("lonely: recvfrom: no reply from the kernel");
    }

    @Test
    void dumpCollectsMultipartUntilDoneAndSurfacesDumpErrors() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            NetlinkMessage r = NetlinkMessage.parseAll(datagram).get(0);
            assertThat(r.header().hasFlag(NetlinkConstants.NLM_F_DUMP)).isTrue();
            int seq = r.sequence();
            byte[] a = NetlinkMessage.frame(0x20, NetlinkConstants.NLM_F_MULTI, seq, 0, new byte[] {1, 0, 0, 0});
            byte[] b = NetlinkMessage.frame(0x20, NetlinkConstants.NLM_F_MULTI, seq, 0, new byte[] {2, 0, 0, 0});
            return List.of(concat(a, b), done(seq, r.payload().get(0) == 9 ? -1 : 0));
        });
        NetlinkSocket socket = new NetlinkSocket(channel);
        assertThat(socket.dump(req("list", 0))).hasSize(2);
        assertThatThrownBy(() -> socket.dump(req("list", 9))).hasMessage("list: Operation not permitted");
    }

    @Test
    void interruptedDumpIsRetried() {
        int[] calls = {0};
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            int seq = NetlinkMessage.parseAll(datagram).get(0).sequence();
            int flags = NetlinkConstants.NLM_F_MULTI | (calls[0]++ == 0 ? NetlinkConstants.NLM_F_DUMP_INTR : 0);
            return List.of(ByteBuffer.wrap(NetlinkMessage.frame(0x20, flags, seq, 0, new byte[4])), done(seq, 0));
        });
        assertThat(new NetlinkSocket(channel).dump(req("list", 0))).hasSize(1);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void requestReturnsDataRepliesBeforeTheAck() {
        FakeChannel channel = new FakeChannel(1 << 20, datagram -> {
            int seq = NetlinkMessage.parseAll(datagram).get(0).sequence();
            return List.of(ByteBuffer.wrap(NetlinkMessage.frame(0x20, 0, seq, 0, new byte[4])), ack(seq, 0));
        });
        assertThat(new NetlinkSocket(channel).request(req("get", 0))).hasSize(1);
    }

    private static Request req(String description, int marker) {
        return new Request(description, 0x20, 0, new byte[] {(byte) marker, 0, 0, 0});
    }

    private static List<Object> ackAll(ByteBuffer datagram) {
        List<Object> out = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(datagram)) {
            out.add(ack(m.sequence(), 0));
        }
        return out;
    }

    static ByteBuffer ack(int seq, int error) {
        ByteBuffer p = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        p.putInt(error);
        new NlMsgHeader(20, 0x20, 5, seq, 0).write(p);
        return ByteBuffer.wrap(NetlinkMessage.frame(NetlinkConstants.NLMSG_ERROR, NetlinkConstants.NLM_F_CAPPED, seq, 0,
                p.array()));
    }

    static ByteBuffer done(int seq, int error) {
        ByteBuffer p = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(error);
        return ByteBuffer.wrap(NetlinkMessage.frame(NetlinkConstants.NLMSG_DONE, NetlinkConstants.NLM_F_MULTI, seq, 0,
                p.array()));
    }

    private static ByteBuffer concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).flip();
    }
}
