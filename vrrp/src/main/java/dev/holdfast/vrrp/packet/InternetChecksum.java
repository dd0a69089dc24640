package dev.holdfast.vrrp.packet;

/** The RFC 1071 one's-complement checksum, with an accumulator so pseudo-headers can be prepended. */
final class InternetChecksum {
    private long sum;

    InternetChecksum add(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8;
        }
        return this;
    }

    InternetChecksum add(byte[] data) {
        return add(data, 0, data.length);
    }

    InternetChecksum addWord(int word) {
        sum += word & 0xFFFF;
        return this;
    }

    /** The checksum to store; verifying data that already holds its checksum yields 0. */
    int value() {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }
}
