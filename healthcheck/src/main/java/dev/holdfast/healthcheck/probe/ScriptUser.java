package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.RunAs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a MISC_CHECK program behind util-linux's setpriv so it runs as its script user: real and effective uid and
 * gid, and the user's supplementary groups, as keepalived sets them before exec. The user's primary group comes
 * from the passwd database when no group is configured. Root (or no user at all) runs the program directly.
 */
final class ScriptUser {
    private final Path passwd;

    ScriptUser(Path passwd) {
        this.passwd = passwd;
    }

    static ScriptUser system() {
        return new ScriptUser(Path.of("/etc/passwd"));
    }

    /**
     * The full command line, or an exception naming the missing user. Without a configured user keepalived uses
     * {@value RunAs#DEFAULT_USER} if it exists, else runs the script as itself.
     */
    List<String> command(Optional<RunAs> configured, List<String> program) throws UnknownUserException {
        RunAs runAs = configured.orElseGet(() -> primaryGid(RunAs.DEFAULT_USER).isPresent()
                ? new RunAs(RunAs.DEFAULT_USER, Optional.empty()) : null);
        if (runAs == null || runAs.user().equals("root") || runAs.user().equals("0")) {
            return program;
        }
        String group = runAs.group().isPresent() ? runAs.group().get() : primaryGid(runAs.user())
                .orElseThrow(() -> new UnknownUserException(runAs.user()));
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + runAs.user(), "--regid=" + group,
                "--init-groups", "--"));
        argv.addAll(program);
        return argv;
    }

    /**
     * Whether the program would run with uid or gid 0: no user configured and no {@value RunAs#DEFAULT_USER}
     * (the daemon runs as root), or a user or group that is root. An unknown user never runs at all.
     */
    boolean runsAsRoot(Optional<RunAs> configured) {
        Optional<RunAs> runAs = configured.isPresent() ? configured
                : entry(RunAs.DEFAULT_USER).map(f -> new RunAs(RunAs.DEFAULT_USER, Optional.empty()));
        if (runAs.isEmpty()) {
            return true;
        }
        Optional<String[]> user = entry(runAs.get().user());
        if (user.isEmpty()) {
            return false;
        }
        String group = runAs.get().group().orElse(user.get()[3]);
        return user.get()[2].equals("0") || group.equals("0") || group.equals("root");
    }

    /** The primary gid of {@code user} (a name or a uid) from the passwd file. */
    private Optional<String> primaryGid(String user) {
        return entry(user).map(f -> f[3]);
    }

    /** The passwd fields of {@code user} (a name or a uid). */
    private Optional<String[]> entry(String user) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && (f[0].equals(user) || f[2].equals(user))) {
                    return Optional.of(f);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The configured script user is not on this host. */
    static final class UnknownUserException extends Exception {
        UnknownUserException(String user) {
            super("user '" + user + "' does not exist");
        }
    }
}
