package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.IPVS_CMD_ATTR_DEST;
import static dev.holdfast.ipvs.kernel.IpvsConstants.IPVS_CMD_ATTR_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceFlag;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.TunnelChecksum;
import dev.holdfast.ipvs.TunnelType;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.PayloadWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever holdfast can describe survives encoding and decoding unchanged; bad bytes fail cleanly. */
class CodecRoundTripPropertiesTest {

    @Property(tries = 500)
    void servicesRoundTrip(@ForAll("services") Service s) {
        PayloadWriter w = new PayloadWriter();
        ServiceCodec.write(w, s);
        Attributes a = Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_SERVICE, "svc").nested();
        assertThat(ServiceCodec.read(a).service()).isEqualTo(s);
    }

    @Property(tries = 500)
    void destinationsRoundTrip(@ForAll("destinations") Destination d, @ForAll Family serviceFamily) {
        PayloadWriter w = new PayloadWriter();
        DestinationCodec.write(w, d);
        Attributes a = Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_DEST, "dest").nested();
        assertThat(DestinationCodec.read(a, serviceFamily).destination()).isEqualTo(d);
    }

    @Property(tries = 500)
    void corruptedServiceAttributesDecodeOrFailCleanly(@ForAll("services") Service s, @ForAll int where,
                                                       @ForAll byte value) {
        PayloadWriter w = new PayloadWriter();
        ServiceCodec.write(w, s);
        byte[] bytes = w.toBytes();
        bytes[Math.floorMod(where, bytes.length)] = value;
        try {
            ServiceCodec.read(Attributes.parse(ByteBuffer.wrap(bytes)).require(IPVS_CMD_ATTR_SERVICE, "svc").nested());
        } catch (NetlinkDecodeException expected) {
            assertThat(expected.getMessage()).startsWith("decode: ");
        }
    }

    @Provide
    Arbitrary<Service> services() {
        Arbitrary<ServiceKey> keys = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Protocol.values()), addresses(), Arbitraries.integers().between(0, 65535))
                        .as(ServiceKey::of),
                Combinators.combine(Arbitraries.longs().between(1, 0xffffffffL), Arbitraries.of(Family.values()))
                        .as(ServiceKey::fwmark));
        return keys.flatMap(k -> Combinators.combine(
                Arbitraries.of(Service.SCHEDULERS),
                Arbitraries.of(ServiceFlag.values()).set(),
                Arbitraries.integers().between(0, 31 * 86400),
                Arbitraries.integers().between(k.family() == Family.INET ? 0 : 1, k.family().maxPrefix()),
                Arbitraries.of("", "sip"))
                .as((sched, flags, timeout, mask, pe) -> new Service(k, sched, flags, timeout, mask, pe)));
    }

    @Provide
    Arbitrary<Destination> destinations() {
        Arbitrary<Forwarding> forwarding = Arbitraries.oneOf(
                Arbitraries.of(Forwarding.NAT, Forwarding.DR, Forwarding.BYPASS, Forwarding.LOCAL),
                Combinators.combine(Arbitraries.of(TunnelType.values()), Arbitraries.integers().between(0, 65535),
                        Arbitraries.of(TunnelChecksum.values())).as(Forwarding::tunnel));
        return Combinators.combine(addresses(), Arbitraries.integers().between(0, 65535), forwarding,
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.longs().between(0, 0xffffffffL),
                Arbitraries.longs().between(0, 0xffffffffL))
                .as(Destination::new);
    }

    private static Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(b -> {
                    try {
                        return InetAddress.getByAddress(b);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
