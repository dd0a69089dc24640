package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VirtualServerGroup;
import dev.holdfast.config.syntax.Statement;
import dev.holdfast.config.syntax.Token;
import java.util.ArrayList;
import java.util.List;

/** Reads virtual_server_group entries: IP [PORT], last-octet ranges, full ranges, CIDR blocks, fwmark N [family]. */
final class VirtualServerGroups {
    private VirtualServerGroups() {
    }

    static VirtualServerGroup read(String name, Statement st, Diagnostics diags) {
        List<VirtualServerGroup.Range> ranges = new ArrayList<>();
        List<VirtualServer.Fwmark> marks = new ArrayList<>();
        for (Statement line : st.block()) {
            List<Token> w = line.words();
            String first = w.get(0).text();
            if (first.equals("fwmark")) {
                try {
                    long m = Long.parseLong(w.size() > 1 ? w.get(1).text() : "");
                    marks.add(new VirtualServer.Fwmark(m, w.size() > 2 ? w.get(2).text() : null));
                } catch (NumberFormatException e) {
                    diags.error(line.position(), Kind.VALUE, "virtual_server_group " + name + ": 'fwmark' needs a number");
                }
                continue;
            }
            int port = 0;
            if (w.size() > 1) {
                try {
                    port = Integer.parseInt(w.get(1).text());
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    diags.error(w.get(1).position(), Kind.VALUE, "virtual_server_group " + name + ": '"
                            + w.get(1).text() + "' is not a port");
                    continue;
                }
            }
            VirtualServerGroup.Range r = range(first);
            if (r == null) {
                diags.error(line.position(), Kind.VALUE, "virtual_server_group " + name + ": '" + first
                        + "' is not an address, range (a.b.c.d-e, a-b) or CIDR block");
                continue;
            }
            ranges.add(new VirtualServerGroup.Range(r.first(), r.last(), port));
        }
        if (ranges.isEmpty() && marks.isEmpty()) {
            diags.error(st.position(), Kind.SEMANTIC, "virtual_server_group " + name + " is empty");
        }
        return new VirtualServerGroup(name, List.copyOf(ranges), List.copyOf(marks), st.position());
    }

    static VirtualServerGroup.Range range(String s) {
        int slash = s.indexOf('/');
        if (slash > 0) {
            IpAddress base = IpAddress.parse(s.substring(0, slash));
            int prefix;
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (base == null || prefix < 0 || prefix > base.maxPrefix()) {
                return null;
            }
            byte[] last = base.bytes().clone();
            for (int bit = prefix; bit < last.length * 8; bit++) {
                if ((base.bytes()[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                    return null;
                }
                last[bit / 8] |= (byte) (0x80 >> (bit % 8));
            }
            return new VirtualServerGroup.Range(base, IpAddress.parse(text(last, base.ipv6())), 0);
        }
        int dash = s.lastIndexOf('-');
        if (dash > 0) {
            IpAddress first = IpAddress.parse(s.substring(0, dash));
            String tail = s.substring(dash + 1);
            if (first == null) {
                return null;
            }
            IpAddress last = IpAddress.parse(tail);
            if (last == null) {
                try {
                    int v = Integer.parseInt(tail, first.ipv6() ? 16 : 10);
                    byte[] b = first.bytes().clone();
                    if (first.ipv6()) {
                        b[14] = (byte) (v >> 8);
                        b[15] = (byte) v;
                    } else {
                        if (v > 255) {
                            return null;
                        }
                        b[3] = (byte) v;
                    }
                    last = IpAddress.parse(text(b, first.ipv6()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (last == null || last.ipv6() != first.ipv6()) {
                return null;
            }
            return new VirtualServerGroup.Range(first, last, 0);
        }
        IpAddress a = IpAddress.parse(s);
        return a == null ? null : new VirtualServerGroup.Range(a, a, 0);
    }

    private static String text(byte[] b, boolean six) {
        if (!six) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
