package dev.holdfast.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Address family, with the AF_* numbers the kernel uses. */
public enum Family {
    INET(2),
    INET6(10);

    private final int number;

    Family(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Family of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    public static Family ofNumber(int number) {
        for (Family f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        throw new IllegalArgumentException("unsupported address family " + number);
    }

    /** The host-route prefix length: 32 or 128. */
    public int maxPrefix() {
        return this == INET ? 32 : 128;
    }
}
