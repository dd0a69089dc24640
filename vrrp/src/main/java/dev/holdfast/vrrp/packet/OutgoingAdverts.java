package dev.holdfast.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The adverts one instance sends, numbered as keepalived numbers them: the IPv4 identification counts
 * 1, 2, ... skipping 0 (which the kernel would overwrite), and the AH sequence number counts up from 1. A
 * running instance only ever changes the priority, so everything else is fixed here. Not thread-safe.
 */
public final class OutgoingAdverts {
    /** keepalived stops counting here; at one advert a second that is 136 years away. */
    private static final long AH_SEQUENCE_LIMIT = 0xFFFF_FFFEL;

    private final Advert template;
    private final Authentication auth;
    private final ChecksumMode checksumMode;
    private final InetAddress source;
    private final InetAddress destination;
    private final int ttl;
    private int identification;
    private long ahSequence;

    /**
     * @param template the advert's fields; its priority is replaced on every {@link #next(int)}
     * @param ttl the IPv4 TTL (255 for multicast, unicast_ttl otherwise); IPv6 sets the hop limit on the socket
     */
    public OutgoingAdverts(Advert template, Authentication auth, ChecksumMode checksumMode, InetAddress source,
                           InetAddress destination, int ttl) {
        this.template = Objects.requireNonNull(template);
        this.auth = Objects.requireNonNull(auth);
        this.checksumMode = Objects.requireNonNull(checksumMode);
        this.source = Objects.requireNonNull(source);
        this.destination = Objects.requireNonNull(destination);
        this.ttl = ttl;
        if (IpFamily.of(source) != template.family() || IpFamily.of(destination) != template.family()) {
            throw new IllegalArgumentException("addresses are not " + template.family());
        }
        if (template.authType() != auth.type()) {
            throw new IllegalArgumentException("template auth " + template.authType() + " but " + auth.type());
        }
    }

    /**
     * The next advert with this priority: a whole IPv4 datagram (sent with IP_HDRINCL), or for IPv6 the VRRP
     * packet alone.
     */
    public byte[] next(int priority) {
        Advert advert = template.withPriority(priority);
        if (template.family() == IpFamily.IPV6) {
            return AdvertEncoder.vrrp(advert, auth, checksumMode, source, destination);
        }
        identification = (identification + 1) & 0xFFFF;
        if (identification == 0) {
            identification = 1;
        }
        if (ahSequence < AH_SEQUENCE_LIMIT) {
            ahSequence++;
        }
        return AdvertEncoder.ipv4(advert, auth, checksumMode, new Ipv4Envelope((Inet4Address) source,
                (Inet4Address) destination, ttl, identification, ahSequence));
    }
}
