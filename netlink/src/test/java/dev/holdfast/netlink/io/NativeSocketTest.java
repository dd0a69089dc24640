package dev.holdfast.netlink.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.PayloadWriter;
import dev.holdfast.netlink.ffi.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the running kernel's generic netlink controller; none of these need root unless they say so. */
class NativeSocketTest {

    @Test
    void resolvesTheControllerFamily() {
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC)) {
            GenlFamily nlctrl = GenericNetlink.resolve(socket, "nlctrl");
            assertThat(nlctrl.id()).isEqualTo(NetlinkConstants.GENL_ID_CTRL);
            assertThat(nlctrl.name()).isEqualTo("nlctrl");
            assertThat(nlctrl.version()).isPositive();
            // maxattr is 0 on kernels whose nlctrl uses per-command policies, so it is not checked here
            assertThat(socket.channel().portId()).isNotZero();
        }
    }

    @Test
    void missingIpvsFamilyIsAClearError() {
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC)) {
            if (Files.exists(Path.of("/proc/net/ip_vs"))) {
                // A kernel with IPVS (the lab VM): the same call must resolve it instead.
                assertThat(GenericNetlink.resolve(socket, "IPVS").id()).isGreaterThanOrEqualTo(NetlinkConstants.NLMSG_MIN_TYPE);
                return;
            }
            assertThatThrownBy(() -> GenericNetlink.resolve(socket, "IPVS"))
                    .isInstanceOf(GenlFamilyNotFoundException.class)
                    .hasMessage("generic netlink family IPVS not found");
        }
    }

    @Test
    void dumpsAllFamiliesUntilDone() {
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC)) {
            Request dump = new Request("dump families", NetlinkConstants.GENL_ID_CTRL, 0,
                    PayloadWriter.genl(NetlinkConstants.CTRL_CMD_GETFAMILY, 2).toBytes());
            List<String> names = new ArrayList<>();
            for (NetlinkMessage m : socket.dump(dump)) {
                names.add(m.genl().attributes().get(NetlinkConstants.CTRL_ATTR_FAMILY_NAME).map(Attribute::string)
                        .orElse("?"));
            }
            assertThat(names).contains("nlctrl").doesNotHaveDuplicates();
        }
    }

    @Test
    void pipelinedBatchReportsEachFailureForItsOwnRequest() {
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC)) {
            List<Request> requests = List.of(
                    GenericNetlink.getFamilyRequest("nlctrl"),
                    GenericNetlink.getFamilyRequest("no-such-family"),
                    GenericNetlink.getFamilyRequest("nlctrl"));
            List<Outcome> outcomes = socket.pipeline(requests);
            assertThat(outcomes).extracting(Outcome::ok).containsExactly(true, false, true);
            assertThat(outcomes.get(0).replies()).hasSize(1);
            assertThat(outcomes.get(2).replies()).hasSize(1);
            assertThat(outcomes.get(1).error().orElseThrow())
                    .hasMessageStartingWith("resolve generic netlink family no-such-family: No such file or directory");
            assertThat(outcomes.get(1).error().orElseThrow().errno()).isEqualTo(NetlinkConstants.ENOENT);
        }
    }

    @Test
    void extendedAckTextReachesTheException() {
        // A family name longer than GENL_NAMSIZ fails policy validation; the kernel says so in words.
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC)) {
            Request bad = new Request("resolve overlong family", NetlinkConstants.GENL_ID_CTRL, 0,
                    PayloadWriter.genl(NetlinkConstants.CTRL_CMD_GETFAMILY, 2)
                            .putString(NetlinkConstants.CTRL_ATTR_FAMILY_NAME, "x".repeat(40)).toBytes());
            assertThatThrownBy(() -> socket.request(bad))
                    .isInstanceOfSatisfying(dev.holdfast.netlink.NetlinkException.class, e -> {
                        assertThat(e.errno()).isEqualTo(NetlinkConstants.EINVAL);
                        assertThat(e.kernelMessage()).isEqualTo("Attribute failed policy validation");
                        assertThat(e.getMessage()).isEqualTo(
                                "resolve overlong family: Invalid argument (Attribute failed policy validation)");
                    });
        }
    }

    @Test
    void smallReceiveBufferShrinksBatchesInsteadOfOverrunning() {
        ChannelOptions tiny = new ChannelOptions(1, 1 << 16, Duration.ofSeconds(5));
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC, tiny)) {
            List<Request> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(GenericNetlink.getFamilyRequest("nlctrl"));
            }
            List<Outcome> outcomes = socket.pipeline(many);
            assertThat(outcomes).hasSize(200).allMatch(Outcome::ok);
        }
    }

    @Test
    void realOverrunIsReportedPerRequestNotAsACrash() {
        // A channel that claims a huge receive buffer makes the socket send one oversized batch into a
        // tiny real buffer: the kernel drops replies and recvfrom reports ENOBUFS.
        NativeNetlinkChannel real = NativeNetlinkChannel.open(NetlinkConstants.NETLINK_GENERIC,
                new ChannelOptions(1, 1 << 20, Duration.ofSeconds(5)));
        NetlinkChannel lying = new NetlinkChannel() {
            @Override public int portId() { return real.portId(); }
            @Override public void send(java.nio.ByteBuffer d) { real.send(d); }
            @Override public java.nio.ByteBuffer receive(boolean wait) { return real.receive(wait); }
            @Override public int receiveBufferSize() { return 1 << 30; }
            @Override public int sendBufferSize() { return real.sendBufferSize(); }
            @Override public void close() { real.close(); }
        };
        try (NetlinkSocket socket = new NetlinkSocket(lying)) {
            List<Request> many = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                many.add(GenericNetlink.getFamilyRequest("nlctrl"));
            }
            List<Outcome> outcomes = socket.pipeline(many);
            assertThat(outcomes).hasSize(300);
            assertThat(outcomes.get(0).ok()).isTrue();
            assertThat(outcomes).filteredOn(o -> !o.ok()).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.error().orElseThrow().getMessage())
                            .startsWith("resolve generic netlink family nlctrl: "));
            assertThat(outcomes).anySatisfy(o -> assertThat(o.error()).hasValueSatisfying(e ->
                    assertThat(e.getMessage()).contains("netlink receive buffer overrun (ENOBUFS)")));
            // the socket is still usable afterwards
            assertThat(GenericNetlink.resolve(socket, "nlctrl").id()).isEqualTo(NetlinkConstants.GENL_ID_CTRL);
        }
    }

    @Test
    void errnoBecomesOperationAndStrerror() {
        assertThat(Native.failure("sendmsg", NetlinkConstants.EPERM, null))
                .hasMessage("sendmsg: Operation not permitted");
        assertThat(Native.failure("sendmsg", NetlinkConstants.EINVAL, "missing attribute"))
                .hasMessage("sendmsg: Invalid argument (missing attribute)");
        assertThatThrownBy(() -> Native.interfaceIndex("no-such-if0"))
                .hasMessageStartingWith("if_nametoindex no-such-if0: No such device");
        assertThat(Native.interfaceIndex("lo")).isPositive();
    }

    @Test
    void forcedReceiveBufferExceedsRmemMaxAsRoot() {
        RootRequirement.requireRoot();
        ChannelOptions big = new ChannelOptions(8 << 20, 1 << 20, Duration.ofSeconds(5));
        try (NativeNetlinkChannel channel = NativeNetlinkChannel.open(NetlinkConstants.NETLINK_GENERIC, big)) {
            // the kernel doubles the value it stores; SO_RCVBUFFORCE bypasses net.core.rmem_max
            assertThat(channel.receiveBufferSize()).isGreaterThanOrEqualTo(8 << 20);
        }
    }
}
