package dev.holdfast.daemon.lvs;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real servers (and whole virtual services) that a reload removed from the configuration. Instead of being cut
 * they are quiesced: weight 0, so IPVS sends them no new connections while the open ones finish, and deleted once
 * their active connections reach 0 or the drain timeout passes (keepalived deletes them at once and cuts live
 * connections). Pure bookkeeping with an injected clock; the kernel writer asks it what to do.
 */
public final class Drain {
    private final Clock clock;
    private final Duration timeout;
    private final Map<Ref, Instant> destinations = new LinkedHashMap<>();
    private final Set<ServiceKey> services = new LinkedHashSet<>();

    /** One destination of one service. */
    public record Ref(ServiceKey service, DestinationKey destination) {
    }

    /** What a tick decided for one draining destination. */
    public record Done(Ref ref, long activeConnections, boolean timedOut) {
    }

    public Drain(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Starts draining a destination removed from the config; a destination already draining keeps its deadline. */
    public void destination(ServiceKey service, DestinationKey destination) {
        destinations.putIfAbsent(new Ref(service, destination), clock.instant().plus(timeout));
    }

    /** Starts draining a whole service removed from the config: it is deleted when its last destination is. */
    public void service(ServiceKey service) {
        services.add(service);
    }

    /** A later reload put this destination back into the config: it is an ordinary destination again. */
    public void restore(ServiceKey service, DestinationKey destination) {
        destinations.remove(new Ref(service, destination));
    }

    /** A later reload put this service back into the config. */
    public void restore(ServiceKey service) {
        services.remove(service);
        destinations.keySet().removeIf(r -> r.service().equals(service));
    }

    public boolean draining(ServiceKey service, DestinationKey destination) {
        return destinations.containsKey(new Ref(service, destination));
    }

    public boolean retiring(ServiceKey service) {
        return services.contains(service);
    }

    public boolean isEmpty() {
        return destinations.isEmpty() && services.isEmpty();
    }

    public Set<ServiceKey> retiringServices() {
        return Set.copyOf(services);
    }

    /** The destinations currently draining, with their deadlines. */
    public Map<Ref, Instant> draining() {
        return Map.copyOf(destinations);
    }

    /**
     * Rewrites a reconcile plan: the deletion of a draining destination becomes "weight 0" (or nothing, if the
     * kernel already has it at weight 0). Other operations pass unchanged.
     *
     * @param kernel the destinations the kernel has now, for the ones the plan deletes
     */
    public List<Operation> rewrite(List<Operation> plan, Map<Ref, Destination> kernel) {
        List<Operation> out = new ArrayList<>(plan.size());
        for (Operation op : plan) {
            if (op instanceof Operation.DeleteDestination d && draining(d.service(), d.destination())) {
                Destination now = kernel.get(new Ref(d.service(), d.destination()));
                if (now != null && now.weight() != 0) {
                    out.add(new Operation.EditDestination(d.service(), quiesced(now)));
                }
            } else {
                out.add(op);
            }
        }
        return out;
    }

    /** The destination as it is, with weight 0. */
    public static Destination quiesced(Destination d) {
        return new Destination(d.address(), d.port(), d.forwarding(), 0, d.upperThreshold(), d.lowerThreshold());
    }

    /**
     * Decides which draining destinations are done: no active connection left, gone from the kernel, or past the
     * deadline. They are forgotten here; the caller deletes the ones still in the kernel.
     *
     * @param status the kernel's view of every draining destination still present (absent ones are forgotten)
     */
    public List<Done> tick(Map<Ref, DestinationStatus> status) {
        Instant now = clock.instant();
        List<Done> done = new ArrayList<>();
        var it = destinations.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            DestinationStatus s = status.get(e.getKey());
            if (s == null) {
                it.remove();
                continue;
            }
            boolean late = !now.isBefore(e.getValue());
            if (s.activeConnections() == 0 || late) {
                done.add(new Done(e.getKey(), s.activeConnections(), late && s.activeConnections() > 0));
                it.remove();
            }
        }
        return done;
    }

    /**
     * The retiring services that may go now: none of their destinations is still draining.
     * They are forgotten here; the caller deletes them.
     */
    public List<ServiceKey> emptyServices() {
        List<ServiceKey> out = new ArrayList<>();
        for (ServiceKey s : services) {
            if (destinations.keySet().stream().noneMatch(r -> r.service().equals(s))) {
                out.add(s);
            }
        }
        services.removeAll(out);
        return out;
    }
}
