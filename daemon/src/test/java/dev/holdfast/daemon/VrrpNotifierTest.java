package dev.holdfast.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.vrrp.state.VrrpState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notify scripts get keepalived's arguments, for instances and for sync groups (real scripts, no root). */
class VrrpNotifierTest {

    @Test
    void instanceAndGroupScriptsRunWithKeepalivedsArguments(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Path script = noteScript(dir, log);
        String conf = "global_defs {\n  enable_script_security\n  script_user root\n}\n"
                + "vrrp_sync_group G1 {\n  group {\n    VI_1\n  }\n  notify_master \"" + script + " group-master\"\n"
                + "  notify \"" + script + "\"\n}\n"
                + "vrrp_instance VI_1 {\n  interface lo\n  virtual_router_id 1\n  priority 120\n"
                + "  notify_backup \"" + script + " own-backup\"\n  notify " + script + "\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n";
        LoadResult loaded = new ConfigLoader(LoadOptions.defaults()).loadText("k.conf",
                conf.getBytes(StandardCharsets.UTF_8), dir);
        assertThat(loaded.config()).isNotNull();
        try (VrrpNotifier notifier = new VrrpNotifier(loaded.config())) {
            notifier.stateChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP, 120);
            notifier.groupStateChanged("G1", VrrpState.BACKUP, VrrpState.MASTER);
        }
        assertThat(Files.readAllLines(log)).containsExactly("own-backup", "INSTANCE VI_1 BACKUP 120",
                "group-master", "GROUP G1 MASTER 0");
    }

    @Test
    void fifoGetsKeepalivedsLinesInOrder(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("vrrp.fifo");
        String conf = "global_defs {\n  vrrp_notify_fifo " + fifo + "\n}\n"
                + "vrrp_sync_group G1 {\n  group {\n    VI_1\n  }\n}\n"
                + "vrrp_instance VI_1 {\n  interface lo\n  virtual_router_id 1\n  priority 120\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n";
        LoadResult loaded = new ConfigLoader(LoadOptions.defaults()).loadText("k.conf",
                conf.getBytes(StandardCharsets.UTF_8), dir);
        try (VrrpNotifier notifier = new VrrpNotifier(loaded.config());
             java.io.RandomAccessFile reader = new java.io.RandomAccessFile(fifo.toFile(), "r")) {
            notifier.stateChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP, 120);
            notifier.groupStateChanged("G1", VrrpState.INIT, VrrpState.BACKUP);
            notifier.stateChanged("VI_1", VrrpState.BACKUP, VrrpState.MASTER, 120);
            notifier.masterReceivedLowerPriority("VI_1", java.net.InetAddress.getByName("10.0.0.2"), 120);
            assertThat(reader.readLine()).isEqualTo("INSTANCE \"VI_1\" BACKUP 120");
            assertThat(reader.readLine()).isEqualTo("GROUP \"G1\" BACKUP 0");
            assertThat(reader.readLine()).isEqualTo("INSTANCE \"VI_1\" MASTER 120");
            assertThat(reader.readLine()).isEqualTo("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 120");
        }
    }

    @Test
    void anInstanceRemovedByAReloadIsDeletedWithNotifyDeletedAndFaultWithout(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Path script = noteScript(dir, log);
        String conf = "global_defs {\n  enable_script_security\n  script_user root\n}\n"
                + "vrrp_instance VI_1 {\n  interface lo\n  virtual_router_id 1\n  priority 120\n"
                + "  notify_deleted \"" + script + " own-deleted\"\n  notify_stop \"" + script + " own-stop\"\n"
                + "  notify " + script + "\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n"
                + "vrrp_instance VI_2 {\n  interface lo\n  virtual_router_id 2\n  priority 120\n"
                + "  notify_fault \"" + script + " own-fault\"\n  virtual_ipaddress {\n    10.0.0.2\n  }\n}\n";
        LoadResult loaded = new ConfigLoader(LoadOptions.defaults()).loadText("k.conf",
                conf.getBytes(StandardCharsets.UTF_8), dir);
        try (VrrpNotifier notifier = new VrrpNotifier(loaded.config())) {
            notifier.stateChanged("VI_1", VrrpState.MASTER, VrrpState.STOP, 120);
            notifier.reloading();
            notifier.stateChanged("VI_1", VrrpState.MASTER, VrrpState.STOP, 120);
            notifier.stateChanged("VI_2", VrrpState.BACKUP, VrrpState.STOP, 120);
        }
        assertThat(Files.readAllLines(log)).containsExactly("own-stop", "INSTANCE VI_1 STOP 120",
                "own-deleted", "INSTANCE VI_1 DELETED 120", "own-fault");
    }

    /** A script that appends its arguments as one line to {@code log}. */
    private static Path noteScript(Path dir, Path log) throws java.io.IOException {
        Path script = dir.resolve("note.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
        script.toFile().setExecutable(true);
        return script;
    }
}
