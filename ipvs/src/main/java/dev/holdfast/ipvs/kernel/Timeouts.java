package dev.holdfast.ipvs.kernel;

/**
 * IPVS connection timeouts in seconds (ipvsadm --set tcp tcpfin udp). When setting, 0 leaves that
 * timeout unchanged, as in the kernel.
 */
public record Timeouts(int tcp, int tcpFin, int udp) {
    public Timeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
