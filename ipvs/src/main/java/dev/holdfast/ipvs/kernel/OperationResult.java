package dev.holdfast.ipvs.kernel;

import dev.holdfast.ipvs.Operation;
import java.util.Optional;

/** How one operation of {@link IpvsClient#apply} ended. */
public record OperationResult(Operation operation, Optional<IpvsException> error) {
    public boolean ok() {
        return error.isEmpty();
    }
}
