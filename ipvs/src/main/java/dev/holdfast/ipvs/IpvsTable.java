package dev.holdfast.ipvs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Services with their destinations: what holdfast wants in the kernel, or what the kernel has. Immutable;
 * equality ignores order, iteration keeps insertion order so plans come out in a stable order.
 */
public final class IpvsTable {
    public static final IpvsTable EMPTY = new Builder().build();

    private final Map<ServiceKey, Service> services;
    private final Map<ServiceKey, Map<DestinationKey, Destination>> destinations;

    /** Takes over a builder's maps, already aligned (one destination map per service) and no longer the builder's. */
    private IpvsTable(Map<ServiceKey, Service> services, Map<ServiceKey, Map<DestinationKey, Destination>> destinations,
                      boolean handedOver) {
        this.services = Collections.unmodifiableMap(services);
        for (Map.Entry<ServiceKey, Map<DestinationKey, Destination>> e : destinations.entrySet()) {
            e.setValue(Collections.unmodifiableMap(e.getValue()));
        }
        this.destinations = Collections.unmodifiableMap(destinations);
    }

    private IpvsTable(Map<ServiceKey, Service> services, Map<ServiceKey, Map<DestinationKey, Destination>> destinations) {
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        Map<ServiceKey, Map<DestinationKey, Destination>> d = new LinkedHashMap<>();
        for (ServiceKey k : services.keySet()) {
            d.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(destinations.getOrDefault(k, Map.of()))));
        }
        this.destinations = Collections.unmodifiableMap(d);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this table's content. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.services.putAll(services);
        destinations.forEach((k, v) -> b.destinations.put(k, new LinkedHashMap<>(v)));
        return b;
    }

    public Collection<Service> services() {
        return services.values();
    }

    public Optional<Service> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }

    /** The service's destinations; empty when the service is not in the table. */
    public List<Destination> destinations(ServiceKey key) {
        return List.copyOf(destinations.getOrDefault(key, Map.of()).values());
    }

    public Optional<Destination> destination(ServiceKey service, DestinationKey destination) {
        return Optional.ofNullable(destinations.getOrDefault(service, Map.of()).get(destination));
    }

    public int size() {
        return services.size();
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpvsTable t && t.services.equals(services) && t.destinations.equals(destinations);
    }

    @Override
    public int hashCode() {
        return services.hashCode() * 31 + destinations.hashCode();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        services.forEach((k, s) -> lines.add(s + " -> " + destinations.get(k).values()));
        return "IpvsTable" + lines;
    }

    /** Collects services and destinations; a later service with the same key replaces the earlier one. */
    public static final class Builder {
        private Map<ServiceKey, Service> services = new LinkedHashMap<>();
        private Map<ServiceKey, Map<DestinationKey, Destination>> destinations = new LinkedHashMap<>();
        private IpvsTable handedOver;

        private Builder() {}

        /**
         * Adds a service (replacing one with the same key) and adds the given destinations to it; any
         * destinations it already had in this builder stay.
         */
        public Builder service(Service service, Collection<Destination> dests) {
            own();
            services.put(service.key(), service);
            Map<DestinationKey, Destination> d = destinations.get(service.key());
            if (d == null) {
                d = new LinkedHashMap<>(Math.max(16, dests.size() * 2));
                destinations.put(service.key(), d);
            }
            for (Destination dest : dests) {
                d.put(dest.key(), dest);
            }
            return this;
        }

        public Builder service(Service service, Destination... dests) {
            return service(service, List.of(dests));
        }

        /** Adds or replaces a destination of a service already in the builder. */
        public Builder destination(ServiceKey service, Destination destination) {
            own();
            if (!services.containsKey(service)) {
                throw new IllegalArgumentException("no service " + service + " for destination " + destination.key());
            }
            destinations.get(service).put(destination.key(), destination);
            return this;
        }

        public Builder removeService(ServiceKey key) {
            own();
            services.remove(key);
            destinations.remove(key);
            return this;
        }

        public Builder removeDestination(ServiceKey service, DestinationKey destination) {
            own();
            Map<DestinationKey, Destination> d = destinations.get(service);
            if (d != null) {
                d.remove(destination);
            }
            return this;
        }

        /**
         * The table; the builder's maps are handed over, not copied (a large table is built once), and a builder
         * changed after that goes on with copies of them.
         */
        public IpvsTable build() {
            if (services == null) {
                return handedOver;
            }
            Map<ServiceKey, Service> s = services;
            Map<ServiceKey, Map<DestinationKey, Destination>> d = destinations;
            services = null;
            destinations = null;
            handedOver = new IpvsTable(s, d, true);
            return handedOver;
        }

        /** After {@link #build()}: the maps again, copied from the table built. */
        private void own() {
            if (services == null) {
                services = new LinkedHashMap<>(handedOver.services);
                destinations = new LinkedHashMap<>();
                handedOver.destinations.forEach((k, v) -> destinations.put(k, new LinkedHashMap<>(v)));
            }
        }
    }
}
