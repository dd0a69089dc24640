package dev.holdfast.config.bind;

import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.model.HoldfastSettings;
import dev.holdfast.config.model.Seconds;

/** The {@code holdfast { }} block's keywords and what they have read (see {@link HoldfastSettings}). */
final class HoldfastBlock {
    private static final long DAY = 86_400_000_000L;
    final BlockGrammar<HoldfastBlock> g = new BlockGrammar<>("holdfast");
    private Seconds drainTimeout;
    private Seconds driftCheck;
    private String listen;
    private Boolean keepalivedMetricNames;

    HoldfastBlock() {
        g.add("drain_timeout", "seconds a real server removed by a reload keeps its connections (default 300)",
                (b, st, v) -> b.drainTimeout = seconds(v.timer(0, 0, DAY)));
        g.add("drift_check", "seconds between comparisons of the kernel's IPVS table with the wanted one; 0 never "
                + "(default 30)", (b, st, v) -> b.driftCheck = seconds(v.timer(0, 0, DAY)));
        g.add("listen", "HOST:PORT for /metrics and /status, or off (default 127.0.0.1:9650)",
                (b, st, v) -> b.listen = v.string(0, "HOST:PORT or off"));
        g.add("keepalived_metric_names", "[on|off] also expose keepalived_exporter's metric names",
                (b, st, v) -> b.keepalivedMetricNames = v.optBool(0));
    }

    private static Seconds seconds(Long micros) {
        return micros == null ? null : Seconds.ofMicros(micros);
    }

    HoldfastSettings settings() {
        return new HoldfastSettings(drainTimeout, driftCheck, listen, keepalivedMetricNames);
    }
}
