package dev.holdfast.healthcheck.spec;

/** Shared range check, so every record rejects the same impossible ports with the same message. */
final class Ports {
    private Ports() {
    }

    static void check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }
}
