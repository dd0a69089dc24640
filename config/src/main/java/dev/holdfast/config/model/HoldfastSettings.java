package dev.holdfast.config.model;

/**
 * The {@code holdfast { }} block: settings keepalived has no keyword for. Written as {@code @holdfast} lines,
 * keepalived skips them (a conditional line for another config id) and holdfast reads them; a bare block also
 * works, keepalived then warns about unknown keywords. Absent values (null) leave the command line's or the
 * built-in default; a command-line option always wins.
 *
 * @param drainTimeout          how long a real server removed by a reload may keep its connections
 * @param driftCheck            how often the kernel's IPVS table is compared with the wanted one (0: never)
 * @param listen                where /metrics and /status are served: HOST:PORT or "off"
 * @param keepalivedMetricNames also expose keepalived_exporter's metric names
 */
public record HoldfastSettings(Seconds drainTimeout, Seconds driftCheck, String listen,
                               Boolean keepalivedMetricNames) {
    public static final HoldfastSettings NONE = new HoldfastSettings(null, null, null, null);
}
