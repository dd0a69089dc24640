package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.spec.SorryServerSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The sorry_server of a virtual server: in the pool at weight 1 while the quorum is lost, otherwise absent, or
 * present at weight 0 with sorry_server_inhibit so that switching is an edit rather than an add.
 */
public final class SorryServer {
    private final SorryServerSpec spec;
    private boolean active;

    SorryServer(SorryServerSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public SorryServerSpec spec() {
        return spec;
    }

    /** Serving instead of the real servers. */
    public boolean active() {
        return active;
    }

    void active(boolean active) {
        this.active = active;
    }

    /** Whether {@code other} is the same server (address and port), so its state can carry over a reload. */
    boolean sameServer(SorryServer other) {
        return spec.address().equals(other.spec.address()) && spec.port() == other.spec.port();
    }

    boolean isAt(Destination destination) {
        return destination.address().equals(spec.address()) && destination.port() == spec.port();
    }

    /** Its IPVS destination right now, if it should be in the table. */
    Optional<Destination> destination() {
        if (!active && !spec.inhibit()) {
            return Optional.empty();
        }
        return Optional.of(new Destination(spec.address(), spec.port(), active ? 1 : 0, spec.forwarding(), 0, 0,
                true));
    }
}
