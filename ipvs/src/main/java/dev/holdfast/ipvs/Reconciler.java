package dev.holdfast.ipvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the operations that turn the kernel's table into the desired one. A pure function: it adopts
 * whatever already matches (no flush), edits in place whatever only differs in attributes (a weight, a
 * scheduler) and adds or deletes only what is missing or extra, so identical tables give an empty plan
 * and a changed weight gives exactly one {@link Operation.EditDestination}.
 *
 * <p>Order: each desired service comes before its destinations; destinations of a removed service are
 * deleted before the service itself, so every step is valid on the table the previous steps left.
 */
public final class Reconciler {
    private Reconciler() {}

    public static List<Operation> plan(IpvsTable desired, IpvsTable kernel, Ownership ownership) {
        List<Operation> plan = new ArrayList<>();
        for (Service want : desired.services()) {
            ServiceKey key = want.key();
            Optional<Service> have = kernel.service(key);
            if (have.isEmpty()) {
                plan.add(new Operation.AddService(want));
            } else if (!have.get().equals(want)) {
                plan.add(new Operation.EditService(want));
            }
            for (Destination d : desired.destinations(key)) {
                Optional<Destination> current = kernel.destination(key, d.key());
                if (current.isEmpty()) {
                    plan.add(new Operation.AddDestination(key, d));
                } else if (!current.get().equals(d)) {
                    plan.add(new Operation.EditDestination(key, d));
                }
            }
            // Stale destinations go after the additions so the service never runs short of servers.
            for (Destination d : kernel.destinations(key)) {
                if (desired.destination(key, d.key()).isEmpty()) {
                    plan.add(new Operation.DeleteDestination(key, d.key()));
                }
            }
        }
        if (ownership == Ownership.ALL) {
            for (Service extra : kernel.services()) {
                if (desired.service(extra.key()).isEmpty()) {
                    for (Destination d : kernel.destinations(extra.key())) {
                        plan.add(new Operation.DeleteDestination(extra.key(), d.key()));
                    }
                    plan.add(new Operation.DeleteService(extra.key()));
                }
            }
        }
        return List.copyOf(plan);
    }
}
