package dev.holdfast.ipvs;

import java.util.Objects;

/**
 * One change to the kernel table, as the reconciler plans it and the IPVS client executes it. Each knows
 * how to describe itself in an error message ({@link #describe()}).
 */
public sealed interface Operation {

    /** The service this operation is about. */
    ServiceKey service();

    /** A short phrase naming the action and the object, e.g. "add service TCP 10.0.0.1:80 (scheduler wrr)". */
    String describe();

    record AddService(Service value) implements Operation {
        public AddService {
            Objects.requireNonNull(value);
        }

        @Override
        public ServiceKey service() {
            return value.key();
        }

        @Override
        public String describe() {
            return "add service " + value.key() + details(value);
        }
    }

    /** Changes scheduler, flags, persistence or engine of an existing service in place. */
    record EditService(Service value) implements Operation {
        public EditService {
            Objects.requireNonNull(value);
        }

        @Override
        public ServiceKey service() {
            return value.key();
        }

        @Override
        public String describe() {
            return "edit service " + value.key() + details(value);
        }
    }

    /** Removes a service; the kernel removes any destinations it still has. */
    record DeleteService(ServiceKey service) implements Operation {
        public DeleteService {
            Objects.requireNonNull(service);
        }

        @Override
        public String describe() {
            return "delete service " + service;
        }
    }

    record AddDestination(ServiceKey service, Destination value) implements Operation {
        public AddDestination {
            Objects.requireNonNull(service);
            Objects.requireNonNull(value);
        }

        @Override
        public String describe() {
            return "add destination " + value.key() + " to service " + service;
        }
    }

    /** Changes forwarding, weight or thresholds of an existing destination in place. */
    record EditDestination(ServiceKey service, Destination value) implements Operation {
        public EditDestination {
            Objects.requireNonNull(service);
            Objects.requireNonNull(value);
        }

        @Override
        public String describe() {
            return "edit destination " + value.key() + " of service " + service;
        }
    }

    record DeleteDestination(ServiceKey service, DestinationKey destination) implements Operation {
        public DeleteDestination {
            Objects.requireNonNull(service);
            Objects.requireNonNull(destination);
        }

        @Override
        public String describe() {
            return "delete destination " + destination + " from service " + service;
        }
    }

    private static String details(Service s) {
        String engine = s.persistenceEngine().isEmpty() ? "" : ", persistence engine " + s.persistenceEngine();
        return " (scheduler " + s.scheduler() + engine + ")";
    }
}
