package dev.holdfast.vrrp.packet;

import java.util.Objects;

/**
 * What a receiving instance expects on the wire; the decoder checks a packet against these.
 *
 * @param unicast the instance uses unicast peers: no TTL check, and multicast adverts are refused
 */
public record DecodeRules(
        VrrpVersion version,
        IpFamily family,
        Authentication authentication,
        ChecksumMode checksumMode,
        boolean unicast) {

    public DecodeRules {
        Objects.requireNonNull(version);
        Objects.requireNonNull(family);
        Objects.requireNonNull(authentication);
        Objects.requireNonNull(checksumMode);
        if (version == VrrpVersion.V2 && family == IpFamily.IPV6) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only");
        }
        if (version == VrrpVersion.V3 && authentication.type() != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
    }

    /** Multicast rules with RFC checksums and no authentication. */
    public static DecodeRules multicast(VrrpVersion version, IpFamily family) {
        return new DecodeRules(version, family, Authentication.NONE, ChecksumMode.PSEUDO_HEADER, false);
    }

    public DecodeRules withAuthentication(Authentication auth) {
        return new DecodeRules(version, family, auth, checksumMode, unicast);
    }

    public DecodeRules withChecksumMode(ChecksumMode mode) {
        return new DecodeRules(version, family, authentication, mode, unicast);
    }

    public DecodeRules withUnicast(boolean isUnicast) {
        return new DecodeRules(version, family, authentication, checksumMode, isUnicast);
    }
}
