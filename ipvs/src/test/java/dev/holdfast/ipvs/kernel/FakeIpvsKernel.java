package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.GenlMessage;
import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.NlMsgHeader;
import dev.holdfast.netlink.PayloadWriter;
import dev.holdfast.netlink.io.NetlinkChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test kernel speaking the IPVS generic netlink protocol from memory, with the kernel's errno choices:
 * EEXIST for duplicates, ESRCH for a missing service, ENOENT for a missing destination or an unknown
 * scheduler, EPERM for everything when {@link #denyAll} is set. It answers the way ip_vs_ctl.c does
 * (HASHED flag set on dumped services, STATS64, capped acks), so the client is exercised end to end
 * without root or an IPVS kernel.
 */
final class FakeIpvsKernel implements NetlinkChannel {
    static final int FAMILY_ID = 0x25;

    boolean hasIpvs = true;
    boolean denyAll;
    int datagramsReceived;
    final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    final Map<ServiceKey, Map<DestinationKey, Destination>> destinations = new LinkedHashMap<>();
    final Map<SyncDaemon.Role, SyncDaemon> daemons = new LinkedHashMap<>();
    int[] timeouts = {900, 120, 300};
    final List<String> zeroed = new java.util.ArrayList<>();
    private final Deque<ByteBuffer> outbox = new ArrayDeque<>();

    @Override
    public int portId() {
        return 31337;
    }

    @Override
    public int receiveBufferSize() {
        return 1 << 22;
    }

    @Override
    public int sendBufferSize() {
        return 1 << 20;
    }

    @Override
    public void close() {}

    @Override
    public ByteBuffer receive(boolean wait) {
        ByteBuffer next = outbox.poll();
        if (next == null && wait) {
            throw new NetlinkException("recvfrom", NetlinkConstants.EAGAIN, "no reply from the kernel", null);
        }
        return next;
    }

    @Override
    public void send(ByteBuffer datagram) {
        datagramsReceived++;
        for (NetlinkMessage m : NetlinkMessage.parseAll(datagram)) {
            handle(m);
        }
    }

    private void handle(NetlinkMessage m) {
        NlMsgHeader h = m.header();
        GenlMessage g = m.genl();
        if (h.type() == NetlinkConstants.GENL_ID_CTRL) {
            String name = g.attributes().require(NetlinkConstants.CTRL_ATTR_FAMILY_NAME, "name").string();
            if (!hasIpvs || !name.equals(IPVS_GENL_NAME)) {
                ack(h, -NetlinkConstants.ENOENT);
                return;
            }
            reply(h, 0, PayloadWriter.genl(NetlinkConstants.CTRL_CMD_NEWFAMILY, 2)
                    .putU16(NetlinkConstants.CTRL_ATTR_FAMILY_ID, FAMILY_ID)
                    .putString(NetlinkConstants.CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME)
                    .putU32(NetlinkConstants.CTRL_ATTR_VERSION, IPVS_GENL_VERSION)
                    .putU32(NetlinkConstants.CTRL_ATTR_MAXATTR, IPVS_CMD_ATTR_TIMEOUT_UDP));
            ack(h, 0);
            return;
        }
        if (h.type() != FAMILY_ID) {
            ack(h, -NetlinkConstants.EINVAL);
            return;
        }
        if (denyAll) {
            ack(h, -NetlinkConstants.EPERM);
            return;
        }
        Attributes a = g.attributes();
        switch (g.command()) {
            case IPVS_CMD_GET_INFO -> {
                reply(h, 0, PayloadWriter.genl(IPVS_CMD_SET_INFO, 1).putU32(IPVS_INFO_ATTR_VERSION, 0x010201)
                        .putU32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096));
                ack(h, 0);
            }
            case IPVS_CMD_GET_SERVICE -> {
                for (Service s : services.values()) {
                    PayloadWriter w = PayloadWriter.genl(IPVS_CMD_NEW_SERVICE, 1);
                    writeAsKernel(w, s);
                    reply(h, NetlinkConstants.NLM_F_MULTI, w);
                }
                done(h);
            }
            case IPVS_CMD_GET_DEST -> {
                ServiceKey key = serviceKey(a);
                for (Destination d : destinations.getOrDefault(key, Map.of()).values()) {
                    PayloadWriter w = PayloadWriter.genl(IPVS_CMD_NEW_DEST, 1);
                    int n = w.beginNested(IPVS_CMD_ATTR_DEST);
                    w.putBytes(IPVS_DEST_ATTR_ADDR, AddressCodec.encode(d.address()))
                            .putBe16(IPVS_DEST_ATTR_PORT, d.port())
                            .putU32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().method())
                            .putU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
                    if (d.forwarding() instanceof dev.holdfast.ipvs.Forwarding.Tunnel t) {
                        w.putU8(IPVS_DEST_ATTR_TUN_TYPE, t.type().number()).putBe16(IPVS_DEST_ATTR_TUN_PORT, t.port())
                                .putU16(IPVS_DEST_ATTR_TUN_FLAGS, t.checksum().bits());
                    } else {
                        w.putU8(IPVS_DEST_ATTR_TUN_TYPE, 0).putBe16(IPVS_DEST_ATTR_TUN_PORT, 0)
                                .putU16(IPVS_DEST_ATTR_TUN_FLAGS, 0);
                    }
                    w.putU32(IPVS_DEST_ATTR_U_THRESH, (int) d.upperThreshold())
                            .putU32(IPVS_DEST_ATTR_L_THRESH, (int) d.lowerThreshold())
                            .putU32(IPVS_DEST_ATTR_ACTIVE_CONNS, 3).putU32(IPVS_DEST_ATTR_INACT_CONNS, 4)
                            .putU32(IPVS_DEST_ATTR_PERSIST_CONNS, 5)
                            .putU16(IPVS_DEST_ATTR_ADDR_FAMILY, Family.of(d.address()).number());
                    StatsCodec.write64(w, IPVS_DEST_ATTR_STATS64, new Stats(1L << 40, 2, 3, 4, 5, 6, 7, 8, 9, 10));
                    w.endNested(n);
                    reply(h, NetlinkConstants.NLM_F_MULTI, w);
                }
                done(h);
            }
            case IPVS_CMD_NEW_SERVICE, IPVS_CMD_SET_SERVICE -> {
                Service s = ServiceCodec.read(a.require(IPVS_CMD_ATTR_SERVICE, "svc").nested()).service();
                boolean exists = services.containsKey(s.key());
                if (g.command() == IPVS_CMD_NEW_SERVICE && exists) {
                    ack(h, -NetlinkConstants.EEXIST);
                } else if (g.command() == IPVS_CMD_SET_SERVICE && !exists) {
                    ack(h, -NetlinkConstants.ESRCH);
                } else if (!Service.SCHEDULERS.contains(s.scheduler())
                        || !List.of("", "sip").contains(s.persistenceEngine())) {
                    ack(h, -NetlinkConstants.ENOENT);
                } else {
                    services.put(s.key(), s);
                    destinations.computeIfAbsent(s.key(), k -> new LinkedHashMap<>());
                    ack(h, 0);
                }
            }
            case IPVS_CMD_DEL_SERVICE -> {
                ServiceKey key = serviceKey(a);
                if (services.remove(key) == null) {
                    ack(h, -NetlinkConstants.ESRCH);
                } else {
                    destinations.remove(key);
                    ack(h, 0);
                }
            }
            case IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST -> {
                ServiceKey key = serviceKey(a);
                if (!services.containsKey(key)) {
                    ack(h, -NetlinkConstants.ESRCH);
                    return;
                }
                Destination d = DestinationCodec.read(a.require(IPVS_CMD_ATTR_DEST, "dest").nested(), key.family())
                        .destination();
                Map<DestinationKey, Destination> dests = destinations.get(key);
                boolean exists = dests.containsKey(d.key());
                boolean tunnel = d.forwarding() instanceof dev.holdfast.ipvs.Forwarding.Tunnel;
                boolean gueWithoutPort = tunnel && ((dev.holdfast.ipvs.Forwarding.Tunnel) d.forwarding()).type()
                        == dev.holdfast.ipvs.TunnelType.GUE && ((dev.holdfast.ipvs.Forwarding.Tunnel) d.forwarding()).port() == 0;
                if (g.command() != IPVS_CMD_DEL_DEST
                        && ((d.family() != key.family() && !tunnel) || gueWithoutPort)) {
                    ack(h, -NetlinkConstants.EINVAL);
                } else if (g.command() == IPVS_CMD_NEW_DEST && exists) {
                    ack(h, -NetlinkConstants.EEXIST);
                } else if (g.command() != IPVS_CMD_NEW_DEST && !exists) {
                    ack(h, -NetlinkConstants.ENOENT);
                } else {
                    if (g.command() == IPVS_CMD_DEL_DEST) {
                        dests.remove(d.key());
                    } else {
                        dests.put(d.key(), d);
                    }
                    ack(h, 0);
                }
            }
            case IPVS_CMD_ZERO -> {
                zeroed.add(a.get(IPVS_CMD_ATTR_SERVICE).map(x -> serviceKey(a).toString()).orElse("all"));
                ack(h, 0);
            }
            case IPVS_CMD_FLUSH -> {
                services.clear();
                destinations.clear();
                ack(h, 0);
            }
            case IPVS_CMD_GET_CONFIG -> {
                reply(h, 0, PayloadWriter.genl(IPVS_CMD_SET_CONFIG, 1).putU32(IPVS_CMD_ATTR_TIMEOUT_TCP, timeouts[0])
                        .putU32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, timeouts[1]).putU32(IPVS_CMD_ATTR_TIMEOUT_UDP, timeouts[2]));
                ack(h, 0);
            }
            case IPVS_CMD_SET_CONFIG -> {
                int[] types = {IPVS_CMD_ATTR_TIMEOUT_TCP, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, IPVS_CMD_ATTR_TIMEOUT_UDP};
                for (int i = 0; i < 3; i++) {
                    int index = i;
                    a.get(types[i]).ifPresent(t -> timeouts[index] = t.u32());
                }
                ack(h, 0);
            }
            case IPVS_CMD_NEW_DAEMON -> {
                SyncDaemon d = DaemonCodec.read(a.require(IPVS_CMD_ATTR_DAEMON, "daemon").nested());
                if (d.group().isPresent() && !d.group().get().isMulticastAddress()) {
                    ack(h, -NetlinkConstants.EINVAL);
                } else if (daemons.putIfAbsent(d.role(), d) != null) {
                    ack(h, -NetlinkConstants.EEXIST);
                } else {
                    ack(h, 0);
                }
            }
            case IPVS_CMD_DEL_DAEMON -> {
                int state = a.require(IPVS_CMD_ATTR_DAEMON, "daemon").nested().require(IPVS_DAEMON_ATTR_STATE, "s").u32();
                ack(h, daemons.remove(SyncDaemon.Role.ofState(state)) == null ? -NetlinkConstants.ESRCH : 0);
            }
            case IPVS_CMD_GET_DAEMON -> {
                for (SyncDaemon d : daemons.values()) {
                    PayloadWriter w = PayloadWriter.genl(IPVS_CMD_NEW_DAEMON, 1);
                    DaemonCodec.write(w, d);
                    reply(h, NetlinkConstants.NLM_F_MULTI, w);
                }
                done(h);
            }
            default -> ack(h, -NetlinkConstants.EOPNOTSUPP);
        }
    }

    /** As ip_vs_genl_fill_service: HASHED set in the flags, 64-bit stats, full mask. */
    private static void writeAsKernel(PayloadWriter w, Service s) {
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        w.putU16(IPVS_SVC_ATTR_AF, s.key().family().number());
        if (s.key() instanceof ServiceKey.Address k) {
            w.putU16(IPVS_SVC_ATTR_PROTOCOL, k.protocol().number())
                    .putBytes(IPVS_SVC_ATTR_ADDR, AddressCodec.encode(k.address()))
                    .putBe16(IPVS_SVC_ATTR_PORT, k.port());
        } else {
            w.putU32(IPVS_SVC_ATTR_FWMARK, (int) ((ServiceKey.Fwmark) s.key()).mark());
        }
        w.putString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        if (!s.persistenceEngine().isEmpty()) {
            w.putString(IPVS_SVC_ATTR_PE_NAME, s.persistenceEngine());
        }
        w.putBytes(IPVS_SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(s.flagBits() | IP_VS_SVC_F_HASHED).putInt(-1).array());
        w.putU32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == Family.INET) {
            w.putBe32(IPVS_SVC_ATTR_NETMASK, ServiceCodec.prefixToMask(s.netmask()));
        } else {
            w.putU32(IPVS_SVC_ATTR_NETMASK, s.netmask());
        }
        StatsCodec.write64(w, IPVS_SVC_ATTR_STATS64, new Stats(11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
        w.endNested(n);
    }

    private static ServiceKey serviceKey(Attributes a) {
        Attributes s = a.require(IPVS_CMD_ATTR_SERVICE, "svc").nested();
        return ServiceCodec.readKey(s, Family.ofNumber(s.require(IPVS_SVC_ATTR_AF, "af").u16()));
    }

    private void reply(NlMsgHeader request, int flags, PayloadWriter payload) {
        outbox.add(ByteBuffer.wrap(NetlinkMessage.frame(FAMILY_ID, flags, request.sequence(), portId(), payload.toBytes())));
    }

    private void done(NlMsgHeader request) {
        byte[] zero = new byte[4];
        outbox.add(ByteBuffer.wrap(NetlinkMessage.frame(NetlinkConstants.NLMSG_DONE, NetlinkConstants.NLM_F_MULTI,
                request.sequence(), portId(), zero)));
    }

    private void ack(NlMsgHeader request, int error) {
        if (error == 0 && !request.hasFlag(NetlinkConstants.NLM_F_ACK)) {
            return; // as the kernel: success is only acknowledged when asked for, an error always is
        }
        ByteBuffer p = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(error);
        request.write(p);
        outbox.add(ByteBuffer.wrap(NetlinkMessage.frame(NetlinkConstants.NLMSG_ERROR, NetlinkConstants.NLM_F_CAPPED,
                request.sequence(), portId(), p.array())));
    }
}
