package dev.holdfast.config.model;

import java.util.List;

/**
 * A script keepalived runs: the command line as written, its words split as keepalived splits them (blanks
 * separate, single quotes group, backslash escapes), and the user/group to run it as (null: script_user).
 */
public record Script(String command, List<String> argv, String user, String group) {
}
