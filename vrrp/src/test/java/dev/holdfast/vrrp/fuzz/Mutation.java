package dev.holdfast.vrrp.fuzz;

import dev.holdfast.vrrp.packet.Advert;
import dev.holdfast.vrrp.packet.AdvertEncoder;
import dev.holdfast.vrrp.packet.Authentication;
import dev.holdfast.vrrp.packet.ChecksumMode;
import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.Ipv4Envelope;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import dev.holdfast.vrrp.packet.VrrpVersion;
import java.net.Inet4Address;
import java.util.Arrays;

/** One way of damaging (or re-forging) a captured packet. */
sealed interface Mutation {

    byte[] apply(byte[] packet, Context context);

    /** What a forging mutation needs: the packet decoded, and how its instance authenticates. */
    record Context(ReceivedAdvert original, Authentication auth) {
    }

    /** Flip one bit. */
    record FlipBit(int position, int bit) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            if (p.length == 0) {
                return p;
            }
            byte[] out = p.clone();
            out[position % p.length] ^= (byte) (1 << bit);
            return out;
        }
    }

    /** Overwrite one byte, often with a value that means something (0, 0xFF, a length, a version). */
    record SetByte(int position, int value) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            if (p.length == 0) {
                return p;
            }
            byte[] out = p.clone();
            out[position % p.length] = (byte) value;
            return out;
        }
    }

    record Truncate(int length) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            return Arrays.copyOf(p, Math.min(length, p.length));
        }
    }

    record Extend(byte[] tail) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            byte[] out = Arrays.copyOf(p, p.length + tail.length);
            System.arraycopy(tail, 0, out, p.length, tail.length);
            return out;
        }
    }

    /** Throw the packet away and send noise instead. */
    record RandomBytes(byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            return bytes.clone();
        }
    }

    /**
     * A well-formed advert with other field values, correctly checksummed and authenticated: the kind of
     * packet that gets past the decoder and exercises the state machine. A negative VRID or interval keeps
     * the capture's own.
     */
    record Forge(int vrid, int priority, int interval, long ahSequence) implements Mutation {
        @Override
        public byte[] apply(byte[] p, Context c) {
            if (c.original() == null) {
                return p;
            }
            ReceivedAdvert r = c.original();
            Advert a = r.advert();
            int max = a.version() == VrrpVersion.V2 ? 255 : 4095;
            Advert forged = new Advert(a.version(), a.family(), vrid < 0 ? a.vrid() : vrid, priority,
                    interval < 0 ? a.interval() : interval % (max + 1), a.authType(), a.addresses());
            if (a.family() == IpFamily.IPV4) {
                return AdvertEncoder.ipv4(forged, c.auth(), ChecksumMode.PSEUDO_HEADER,
                        new Ipv4Envelope((Inet4Address) r.source(), (Inet4Address) r.destination(), 255, 1,
                                ahSequence));
            }
            byte[] vrrp = AdvertEncoder.vrrp(forged, c.auth(), ChecksumMode.PSEUDO_HEADER, r.source(),
                    r.destination());
            byte[] out = Arrays.copyOf(p, 40 + vrrp.length);
            out[4] = (byte) (vrrp.length >> 8);
            out[5] = (byte) vrrp.length;
            System.arraycopy(vrrp, 0, out, 40, vrrp.length);
            return out;
        }
    }
}
