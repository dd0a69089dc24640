package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.RunAs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enable_script_security's judgement of MISC_CHECK programs, on real files (root-owned files need root). */
class ScriptSecurityTest {
    @TempDir
    Path dir;

    private ScriptSecurity security;
    private Path bin;
    private Path script;

    @BeforeEach
    void setUp() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true: the script security tests must run as root");
        }
        Assumptions.assumeTrue(root, "not root: skipping the script security tests (they need root-owned files)");
        Path passwd = dir.resolve("passwd");
        Files.write(passwd, List.of("root:x:0:0::/root:/bin/sh", "nobody:x:65534:65534::/:/usr/sbin/nologin"));
        bin = Files.createDirectory(dir.resolve("bin"));
        chmod(dir, "rwxr-xr-x");
        chmod(bin, "rwxr-xr-x");
        script = bin.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        chmod(script, "rwxr-xr-x");
        security = new ScriptSecurity(new ScriptUser(passwd), bin.toString());
    }

    private static void chmod(Path p, String perms) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private Optional<String> asRoot(String program) {
        return security.refusal(program, Optional.empty());
    }

    @Test
    void aRootOwnedScriptInRootOwnedDirectoriesRuns() {
        assertThat(asRoot(script.toString())).isEmpty();
        assertThat(asRoot("check.sh")).as("found on PATH").isEmpty();
    }

    @Test
    void aWorldWritableScriptIsRefusedWhenItRunsAsRoot() throws Exception {
        chmod(script, "rwxr-xrwx");
        assertThat(asRoot(script.toString())).hasValue("unsafe permissions on " + script + " for script '"
                + script + "'");
        assertThat(security.refusal(script.toString(), Optional.of(new RunAs("nobody", Optional.empty()))))
                .as("run as nobody it needs no protection").isEmpty();
        assertThat(security.refusal(script.toString(), Optional.of(new RunAs("nobody", Optional.of("root")))))
                .as("group root does").isPresent();
    }

    @Test
    void aWritableDirectoryOnThePathIsRefusedUnlessSticky() throws Exception {
        chmod(bin, "rwxrwxrwx");
        assertThat(asRoot(script.toString())).hasValue("unsafe permissions on " + bin + " for script '" + script
                + "'");
        Files.setAttribute(bin, "unix:mode", 01777);
        assertThat(asRoot(script.toString())).isEmpty();
    }

    @Test
    void aSymbolicLinkIsJudgedByItsTargetsPathToo() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("open"));
        chmod(elsewhere, "rwxrwxrwx");
        Path target = elsewhere.resolve("real.sh");
        Files.writeString(target, "#!/bin/sh\nexit 0\n");
        chmod(target, "rwxr-xr-x");
        Path link = Files.createSymbolicLink(bin.resolve("link.sh"), target);
        assertThat(asRoot(link.toString())).hasValueSatisfying(r -> assertThat(r).startsWith(
                "unsafe permissions on " + elsewhere));
    }

    @Test
    void missingAndNotExecutableScriptsAreRefused() throws Exception {
        assertThat(asRoot("/no/such/check")).hasValue("script '/no/such/check' not found");
        assertThat(asRoot("no-such-check")).hasValue("script 'no-such-check' not found");
        chmod(script, "rw-r--r--");
        assertThat(asRoot(script.toString())).hasValue("script '" + script + "' is not executable");
    }
}
