package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.RunAs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's enable_script_security judgement of a MISC_CHECK program: a program that runs as root (or is set-uid
 * or set-gid root) must not be replaceable by anyone but root, so every directory on its path and the file itself
 * must be owned by root, and not writable by a non-root group or by everyone (a directory with the sticky bit
 * may be). The path as written and the real path behind a symbolic link are both walked. A program that cannot be
 * found, or is not executable, is refused too. keepalived removes a refused checker; the caller does the same.
 */
public final class ScriptSecurity {
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;

    private final ScriptUser users;
    private final String searchPath;

    ScriptSecurity(ScriptUser users, String searchPath) {
        this.users = users;
        this.searchPath = searchPath;
    }

    public static ScriptSecurity system() {
        return new ScriptSecurity(ScriptUser.system(), System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Why {@code program} (argv[0]) run as {@code runAs} must not run, or empty when it may. */
    public Optional<String> refusal(String program, Optional<RunAs> runAs) {
        Optional<Path> found = locate(program);
        if (found.isEmpty()) {
            return Optional.of("script '" + program + "' not found");
        }
        Path path = found.get();
        try {
            if (!Files.isExecutable(path)) {
                return Optional.of("script '" + program + "' is not executable");
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            int uid = (Integer) Files.getAttribute(path, "unix:uid");
            int gid = (Integer) Files.getAttribute(path, "unix:gid");
            boolean setRoot = (uid == 0 && (mode & S_ISUID) != 0) || (gid == 0 && (mode & S_ISGID) != 0);
            if (!users.runsAsRoot(runAs) && !setRoot) {
                return Optional.empty();
            }
            List<Path> walks = new ArrayList<>(List.of(path.toAbsolutePath().normalize()));
            Path real = path.toRealPath();
            if (!real.equals(walks.get(0))) {
                walks.add(real);
            }
            for (Path walk : walks) {
                Optional<Path> unsafe = firstUnsafe(walk);
                if (unsafe.isPresent()) {
                    return Optional.of("unsafe permissions on " + unsafe.get() + " for script '" + program + "'");
                }
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("script '" + program + "': " + e.getMessage());
        }
    }

    private Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> firstUnsafe(Path absolute) throws IOException {
        Path at = absolute.getRoot();
        List<Path> steps = new ArrayList<>(List.of(at));
        for (Path name : absolute) {
            at = at.resolve(name);
            steps.add(at);
        }
        for (Path step : steps) {
            int uid = (Integer) Files.getAttribute(step, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(step, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(step, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean dir = Files.isDirectory(step, LinkOption.NOFOLLOW_LINKS);
            boolean file = Files.isRegularFile(step, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(step, LinkOption.NOFOLLOW_LINKS);
            boolean checked = (dir && (mode & S_ISVTX) == 0) || file;
            boolean writable = (gid != 0 && perms.contains(PosixFilePermission.GROUP_WRITE))
                    || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (uid != 0 || (checked && writable)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
