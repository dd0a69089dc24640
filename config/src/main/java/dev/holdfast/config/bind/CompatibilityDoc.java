package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.grammar.Keyword;
import dev.holdfast.config.grammar.Support;
import java.util.Set;

/** Renders docs/compatibility.md from the keyword tables, so the table and the parser cannot disagree. */
public final class CompatibilityDoc {
    private CompatibilityDoc() {
    }

    public static String render() {
        ConfigBinder binder = new ConfigBinder(new Diagnostics(), Set.of(), null);
        StringBuilder sb = new StringBuilder();
        sb.append("# keepalived.conf compatibility\n\n")
                .append("Generated from holdfast's keyword tables (config/.../bind/*Grammar.java) by ")
                .append("`CompatibilityDocTest`; do not edit by hand.\n\n")
                .append("Status: **read** = read into holdfast's model with keepalived's meaning and defaults; ")
                .append("**accepted** = accepted so existing configs load, kept in `other_settings`, no effect in ")
                .append("holdfast (process tuning, SNMP, DBus, nftables, VMAC); **deprecated** = old spelling, read as ")
                .append("its replacement with a warning. Any keyword not listed is reported as unknown with the ")
                .append("nearest known keyword.\n\n")
                .append("What \"read\" does at run time today: the daemon (`holdfast -n`) acts on the virtual servers ")
                .append("(IPVS, every checker but BFD_CHECK, quorum, sorry server, inhibit, notify scripts and FIFOs, ")
                .append("lvs_sync_daemon) and the VRRP instances (IPv4 v2/v3, VIPs, track_interface/script/file/")
                .append("process, sync groups, notify scripts and FIFOs). Read but not acted on yet: IPv6 VRRP ")
                .append("instances, smtp_alert and the notification_email settings, track_bfd, notify script ")
                .append("`user`. See docs/operations.md.\n");
        int total = 0;
        for (BlockGrammar<?> g : binder.grammars()) {
            sb.append("\n## ").append(g.block()).append("\n\n| keyword | status | meaning |\n|---|---|---|\n");
            for (Keyword<?> k : g.keywords()) {
                total++;
                String status = k.support() == Support.SUPPORTED ? "read" : k.support() == Support.NO_EFFECT
                        ? "accepted" : "deprecated: use `" + k.replacement() + "`";
                sb.append("| `").append(k.name()).append("` | ").append(status).append(" | ")
                        .append(k.summary().replace("|", "\\|")).append(" |\n");
            }
        }
        sb.append("\n").append(total).append(" keywords in ").append(binder.grammars().size()).append(" blocks.\n");
        return sb.toString();
    }
}
