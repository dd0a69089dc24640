package dev.holdfast.config.bind;

import dev.holdfast.config.grammar.Values;
import dev.holdfast.config.model.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code SCRIPT [user [[:]group]]}: the command in quotes (or one unquoted word), then optional user and
 * group. Splits the command into words as keepalived does: blanks separate, single quotes group, backslash escapes.
 */
final class ScriptReader {
    private final Set<String> hostUsers;

    ScriptReader(Set<String> hostUsers) {
        this.hostUsers = hostUsers;
    }

    Script read(Values v) {
        if (!v.need(0, "a script (quote it when it has arguments)")) {
            return null;
        }
        var args = v.statement().args();
        String command = args.get(0).text();
        boolean quoted = args.get(0).quoted();
        String user = null;
        String group = null;
        int next = 1;
        if (!quoted && args.size() > 1 && !hostUsers.isEmpty() && !hostUsers.contains(args.get(1).text())) {
            StringBuilder sb = new StringBuilder(command);
            for (int i = 1; i < args.size(); i++) {
                sb.append(' ').append(args.get(i).text());
            }
            v.warning(1, "'" + args.get(1).text() + "' is not a user on this host, so it is read as an argument of "
                    + "the script (keepalived would try to run the script as user '" + args.get(1).text()
                    + "'); write \"" + sb + "\" in quotes to say so");
            command = sb.toString();
            next = args.size();
        }
        if (next < args.size()) {
            user = args.get(next).text();
            if (next + 1 < args.size()) {
                group = args.get(next + 1).text();
                v.atMost(next + 2);
            }
        }
        if (group != null && group.startsWith(":")) {
            group = group.substring(1);
        }
        if (user != null && user.contains(":")) {
            int c = user.indexOf(':');
            group = user.substring(c + 1);
            user = user.substring(0, c);
        }
        return new Script(command, split(command), user, group == null || group.isEmpty() ? null : group);
    }

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        boolean single = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (single) {
                if (c == '\'') {
                    single = false;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '\'') {
                single = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                cur.append(unescape(command, ++i));
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    private static char unescape(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case 'a': return 7;
            case 'b': return 8;
            case 'E': return 27;
            case 'f': return 12;
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return 11;
            default: return c;
        }
    }
}
