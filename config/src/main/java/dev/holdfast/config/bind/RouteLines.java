package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.syntax.Token;
import java.util.List;
import java.util.Set;

/**
 * Checks the addresses of virtual_routes / virtual_rules / static_routes / static_rules lines (ip route / ip rule
 * syntax) so a malformed prefix is reported where it is written, as keepalived does, instead of failing when the
 * route is installed.
 */
final class RouteLines {
    private static final Set<String> ADDRESS_AFTER = Set.of("from", "to", "via", "gw", "src", "or");
    private static final Set<String> ROUTE_WORDS = Set.of("blackhole", "unreachable", "prohibit", "throw", "local",
            "broadcast", "anycast", "multicast", "nat", "unicast", "add", "append", "prepend", "default");

    private RouteLines() {
    }

    /** True when the line's addresses are valid; otherwise reports and returns false. */
    static boolean check(List<Token> w, boolean rule, Diagnostics d) {
        boolean hasPreference = false;
        boolean sawDestination = false;
        for (int i = 0; i < w.size(); i++) {
            String s = w.get(i).text();
            if (!rule && (s.equals("or") || s.equals("gw"))) {
                d.warning(w.get(i).position(), Kind.DEPRECATED, "'" + s + "' in a route is deprecated; read as '"
                        + (s.equals("or") ? "nexthop" : "via") + "'");
            }
            if (rule && (s.equals("preference") || s.equals("priority") || s.equals("pref") || s.equals("order"))) {
                hasPreference = true;
            }
            boolean addressHere = i > 0 && ADDRESS_AFTER.contains(w.get(i - 1).text());
            if (!rule && !sawDestination && i == (ROUTE_WORDS.contains(w.get(0).text()) ? 1 : 0)
                    && !ADDRESS_AFTER.contains(s) && !ROUTE_WORDS.contains(s)) {
                addressHere = true;
                sawDestination = true;
            }
            if (addressHere && !s.equals("all") && !s.equals("default") && !validPrefix(s)) {
                d.error(w.get(i).position(), Kind.VALUE, "invalid address '" + s + "' in " + (rule ? "rule" : "route")
                        + "; the " + (rule ? "rule" : "route") + " is ignored");
                return false;
            }
        }
        if (rule && !hasPreference) {
            d.warning(w.get(0).position(), Kind.SEMANTIC, "rule has no preference; keepalived and holdfast give it "
                    + "one (16384 downwards), which is probably not what you want");
        }
        return true;
    }

    private static boolean validPrefix(String s) {
        int slash = s.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int p = Integer.parseInt(s.substring(slash + 1));
            return p >= 0 && p <= a.maxPrefix();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
