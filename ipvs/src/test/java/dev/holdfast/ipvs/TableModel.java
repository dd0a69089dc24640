package dev.holdfast.ipvs;

import java.util.List;

/**
 * An independent, strict model of what the kernel does with each operation: a step that the kernel
 * would refuse (adding what exists, touching what does not, deleting a service that still has
 * destinations before they were deleted) fails the test. Used to check plans, not shipped.
 */
final class TableModel {
    private TableModel() {}

    static IpvsTable apply(IpvsTable start, List<Operation> plan) {
        IpvsTable t = start;
        for (Operation op : plan) {
            t = apply(t, op);
        }
        return t;
    }

    static IpvsTable apply(IpvsTable t, Operation op) {
        IpvsTable.Builder b = t.toBuilder();
        if (op instanceof Operation.AddService a) {
            check(t.service(a.service()).isEmpty(), op, "service exists");
            return b.service(a.value()).build();
        }
        if (op instanceof Operation.EditService e) {
            check(t.service(e.service()).isPresent(), op, "no such service");
            return b.service(e.value(), t.destinations(e.service())).build();
        }
        if (op instanceof Operation.DeleteService d) {
            check(t.service(d.service()).isPresent(), op, "no such service");
            check(t.destinations(d.service()).isEmpty(), op, "destinations must be deleted before their service");
            return b.removeService(d.service()).build();
        }
        if (op instanceof Operation.AddDestination a) {
            check(t.service(a.service()).isPresent(), op, "no such service");
            check(t.destination(a.service(), a.value().key()).isEmpty(), op, "destination exists");
            return b.destination(a.service(), a.value()).build();
        }
        if (op instanceof Operation.EditDestination e) {
            check(t.destination(e.service(), e.value().key()).isPresent(), op, "no such destination");
            return b.destination(e.service(), e.value()).build();
        }
        Operation.DeleteDestination d = (Operation.DeleteDestination) op;
        check(t.destination(d.service(), d.destination()).isPresent(), op, "no such destination");
        return b.removeDestination(d.service(), d.destination()).build();
    }

    private static void check(boolean ok, Operation op, String why) {
        if (!ok) {
            throw new AssertionError("invalid step " + op.describe() + ": " + why);
        }
    }
}
