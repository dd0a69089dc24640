package dev.holdfast.vrrp.packet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An instance's VRRPv2 authentication. keepalived keeps only the first 8 bytes of {@code auth_pass}
 * (zero padded); for PASS they travel in the advert, for AH they are the HMAC-MD5 key.
 */
public sealed interface Authentication {

    AuthType type();

    /** The 8-byte key or password field (all zero for NONE). A fresh copy. */
    byte[] key();

    Authentication NONE = new None();

    static Authentication pass(String password) {
        return new Pass(password);
    }

    static Authentication ah(String password) {
        return new Ah(password);
    }

    /** No authentication: the 8 auth bytes of a v2 advert are sent as zero and not checked. */
    record None() implements Authentication {
        @Override
        public AuthType type() {
            return AuthType.NONE;
        }

        @Override
        public byte[] key() {
            return new byte[8];
        }
    }

    /** Simple text password (RFC 2338 type 1, deprecated by RFC 3768 but still spoken by keepalived). */
    record Pass(String password) implements Authentication {
        public Pass {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("auth_pass must not be empty");
            }
        }

        @Override
        public AuthType type() {
            return AuthType.PASS;
        }

        @Override
        public byte[] key() {
            return truncated(password);
        }
    }

    /** keepalived's IPSEC-AH: an AH header with a 96-bit HMAC-MD5 ICV in front of the VRRP packet. */
    record Ah(String password) implements Authentication {
        public Ah {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("auth_pass must not be empty");
            }
        }

        @Override
        public AuthType type() {
            return AuthType.AH;
        }

        @Override
        public byte[] key() {
            return truncated(password);
        }
    }

    private static byte[] truncated(String password) {
        // keepalived memcpy()s at most sizeof(auth_data) == 8 bytes of the string into a zeroed buffer
        return Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 8);
    }
}
