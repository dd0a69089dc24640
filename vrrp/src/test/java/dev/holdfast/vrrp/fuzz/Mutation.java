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
import java.util.SplittableRandom;

/** One way of damaging (or re-forging) a captured packet. */
sealed interface Mutation {

    byte[] apply(byte[] packet, Context context);

    /** Interesting byte values: zero, all ones, lengths, versions and types, protocol numbers. */
    int[] SPECIAL = {0, 1, 2, 3, 4, 0x10, 0x21, 0x31, 0x33, 0x45, 0x46, 0x60, 0x70, 0x7F, 0x80, 0xFE, 0xFF};

    /**
     * A random mutation: bit flips 30%, special bytes 15%, truncation 10%, extension 10%, noise 5%, and 30%
     * re-forged adverts (valid checksum and authentication) with another priority, sometimes another VRID or
     * interval.
     */
    static Mutation random(SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 30) {
            return new FlipBit(r.nextInt(200), r.nextInt(8));
        } else if (kind < 45) {
            return new SetByte(r.nextInt(200), SPECIAL[r.nextInt(SPECIAL.length)]);
        } else if (kind < 55) {
            return new Truncate(r.nextInt(121));
        } else if (kind < 65) {
            return new Extend(bytes(r, 1 + r.nextInt(64)));
        } else if (kind < 70) {
            return new RandomBytes(bytes(r, r.nextInt(121)));
        }
        int vrid = r.nextInt(10) == 0 ? r.nextInt(256) : -1;
        int interval = r.nextInt(10) < 2 ? r.nextInt(4096) : -1;
        return new Forge(vrid, r.nextInt(256), interval, r.nextLong(0x1_0000_0000L));
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

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
