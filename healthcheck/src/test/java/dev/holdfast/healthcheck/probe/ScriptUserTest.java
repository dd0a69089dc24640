package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.RunAs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISC_CHECK {@code user} / script_user: the command line (pure) and real runs as another user (root only). */
class ScriptUserTest {
    private static final List<String> PROGRAM = List.of("/bin/check", "arg");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private ScriptUser users(String... lines) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.write(passwd, List.of(lines));
        return new ScriptUser(passwd);
    }

    @Test
    void aUserWithoutGroupGetsItsPrimaryGroupAndSupplementaryGroups() throws Exception {
        ScriptUser users = users("root:x:0:0::/root:/bin/sh", "web:x:1001:33::/home/web:/bin/sh");
        assertThat(users.command(Optional.of(new RunAs("web", Optional.empty())), PROGRAM)).containsExactly(
                "setpriv", "--reuid=web", "--regid=33", "--init-groups", "--", "/bin/check", "arg");
        assertThat(users.command(Optional.of(new RunAs("web", Optional.of("adm"))), PROGRAM)).containsExactly(
                "setpriv", "--reuid=web", "--regid=adm", "--init-groups", "--", "/bin/check", "arg");
    }

    @Test
    void rootRunsTheProgramDirectly() throws Exception {
        ScriptUser users = users("root:x:0:0::/root:/bin/sh");
        assertThat(users.command(Optional.of(new RunAs("root", Optional.empty())), PROGRAM)).isEqualTo(PROGRAM);
    }

    @Test
    void withoutAConfiguredUserKeepalivedScriptIsUsedWhenItExists() throws Exception {
        assertThat(users("root:x:0:0::/root:/bin/sh").command(Optional.empty(), PROGRAM)).isEqualTo(PROGRAM);
        assertThat(users("keepalived_script:x:998:997::/:/usr/sbin/nologin").command(Optional.empty(), PROGRAM))
                .startsWith("setpriv", "--reuid=keepalived_script", "--regid=997");
    }

    @Test
    void anUnknownUserIsNamed() throws Exception {
        ScriptUser users = users("root:x:0:0::/root:/bin/sh");
        assertThatThrownBy(() -> users.command(Optional.of(new RunAs("ghost", Optional.empty())), PROGRAM))
                .hasMessage("user 'ghost' does not exist");
    }

    private CheckResult run(String script, Optional<RunAs> runAs) throws Exception {
        MiscCheckSpec spec = new MiscCheckSpec(Probes.policy(Duration.ofSeconds(1)), List.of("/bin/sh", "-c", script),
                Duration.ofSeconds(5), false, runAs);
        return new MiscProbe(spec, 1, Runnable::run, timer).check().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void needRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true: the script-user tests must run as root");
        }
        Assumptions.assumeTrue(root, "not root: skipping MISC_CHECK runs as another user");
    }

    @Test
    void theScriptRunsAsTheConfiguredUserAndItsPrimaryGroup() throws Exception {
        needRoot();
        RunAs nobody = new RunAs("nobody", Optional.empty());
        assertThat(run("test \"$(id -un)\" = nobody && test \"$(id -u)\" = \"$(id -ru)\"", Optional.of(nobody)))
                .isInstanceOf(CheckResult.Passed.class);
        assertThat(run("test \"$(id -g)\" = \"$(id -g nobody)\"", Optional.of(nobody)))
                .isInstanceOf(CheckResult.Passed.class);
        assertThat(run("test \"$(id -un)\" = root", Optional.of(nobody))).isInstanceOf(CheckResult.Failed.class);
        assertThat(run("test \"$(id -gn)\" = daemon", Optional.of(new RunAs("nobody", Optional.of("daemon")))))
                .isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void anUnknownUserFailsTheCheckWithItsName() throws Exception {
        assertThat(run("exit 0", Optional.of(new RunAs("no-such-user-here", Optional.empty())))).isEqualTo(
                CheckResult.failed("MISC_CHECK /bin/sh -c exit 0: cannot run: user 'no-such-user-here' does not exist"));
    }
}
