package dev.holdfast.daemon;

import dev.holdfast.config.LoadResult;
import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VrrpInstance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code holdfast plan}: what holdfast understood from the configuration and would run, in operator terms. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the VRRP instances and virtual servers holdfast would run from the configuration.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    HoldfastCommand parent;

    @Override
    public Integer call() {
        LoadResult r = parent.load();
        HoldfastCommand.print(r, parent.err);
        if (r.config() == null) {
            return LoadResult.EXIT_CANNOT_RUN;
        }
        parent.out.print(render(r.config()));
        return 0;
    }

    static String render(KeepalivedConfig c) {
        StringBuilder sb = new StringBuilder();
        for (VrrpInstance vi : c.vrrpInstances()) {
            sb.append(String.format("VRRP %s: VRID %d on %s, start %s, priority %d, advert every %s (v%d)%s%n",
                    vi.name(), vi.virtualRouterId(), vi.iface(), vi.state(), vi.priority(), vi.advertInt(),
                    vi.version(), vi.nopreempt() ? ", nopreempt" : ""));
            vi.virtualIpaddress().forEach(a -> sb.append(String.format("    VIP %s/%d%s%n", a.ip(), a.prefix(),
                    a.dev() != null ? " dev " + a.dev() : "")));
            vi.trackScript().forEach(t -> sb.append(String.format("    tracks script %s%s%n", t.name(),
                    t.weight() != null ? " weight " + t.weight() : "")));
        }
        for (VirtualServer vs : c.virtualServers()) {
            sb.append(String.format("IPVS %s %s: scheduler %s, %s%s%s%n", vs.protocol() == null ? "" : vs.protocol(),
                    vs.label(), vs.lvsSched(), vs.lvsMethod().method(),
                    vs.persistenceTimeout() > 0 ? ", persistent " + vs.persistenceTimeout() + "s" : "",
                    vs.quorum() > 1 ? ", quorum " + vs.quorum() + " hysteresis " + vs.hysteresis() : ""));
            for (RealServer rs : vs.realServers()) {
                sb.append(String.format("    real server %s weight %d%s%n", rs.label(), rs.weight(),
                        rs.inhibitOnFailure() ? " (inhibit_on_failure)" : ""));
                for (Checker ch : rs.checkers()) {
                    sb.append(String.format("        %s every %s, %d retries %s apart%s%n", describe(ch),
                            ch.schedule().delayLoop(), ch.schedule().retry(), ch.schedule().delayBeforeRetry(),
                            ch.schedule().alpha() ? ", starts down (alpha)" : ""));
                }
                if (rs.checkers().isEmpty()) {
                    sb.append("        no checker: always up\n");
                }
            }
            if (vs.sorryServer() != null) {
                sb.append(String.format("    sorry server %s when quorum is lost%n", vs.sorryServer().label()));
            }
        }
        return sb.toString();
    }

    private static String describe(Checker c) {
        if (c instanceof Checker.Http h) {
            return h.type() + " " + h.connection().connectIp() + ":" + h.connection().connectPort() + " "
                    + h.urls().stream().map(Checker.Url::path).toList() + " timeout " + h.connection().connectTimeout();
        }
        if (c instanceof Checker.Tcp t) {
            return "TCP_CHECK " + t.connection().connectIp() + ":" + t.connection().connectPort() + " timeout "
                    + t.connection().connectTimeout();
        }
        if (c instanceof Checker.Misc m) {
            return "MISC_CHECK " + m.miscPath().command();
        }
        return c.type();
    }
}
