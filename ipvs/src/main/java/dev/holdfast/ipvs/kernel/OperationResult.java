package dev.holdfast.ipvs.kernel;

import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.netlink.NetlinkConstants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How one operation of {@link IpvsClient#apply} ended. */
public record OperationResult(Operation operation, Optional<IpvsException> error) {
    public boolean ok() {
        return error.isEmpty();
    }

    /**
     * One line per failure, for an operator: a destination refused with ESRCH because its service could not be
     * added in the same batch is not a failure of its own (the kernel only says "no such service"), so it is folded
     * into the service's line ("...; its 2 destination(s) were not added") instead of repeating the cause.
     */
    public static List<String> errorLines(List<OperationResult> results) {
        Set<ServiceKey> failedAdds = new HashSet<>();
        for (OperationResult r : results) {
            if (!r.ok() && r.operation() instanceof Operation.AddService a) {
                failedAdds.add(a.value().key());
            }
        }
        Map<ServiceKey, Integer> folded = new LinkedHashMap<>();
        for (OperationResult r : results) {
            if (!r.ok() && r.operation() instanceof Operation.AddDestination d && failedAdds.contains(d.service())
                    && r.error().get().errno() == NetlinkConstants.ESRCH) {
                folded.merge(d.service(), 1, Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        for (OperationResult r : results) {
            if (r.ok()) {
                continue;
            }
            if (r.operation() instanceof Operation.AddDestination d && failedAdds.contains(d.service())
                    && r.error().get().errno() == NetlinkConstants.ESRCH) {
                continue;
            }
            String line = r.error().get().getMessage();
            if (r.operation() instanceof Operation.AddService a && folded.containsKey(a.value().key())) {
                line += "; its " + folded.get(a.value().key()) + " destination(s) were not added";
            }
            lines.add(line);
        }
        return lines;
    }
}
