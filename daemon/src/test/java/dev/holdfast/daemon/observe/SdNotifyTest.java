package dev.holdfast.daemon.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams reach a real AF_UNIX socket as systemd's would receive them (python3 plays systemd). */
class SdNotifyTest {
    @Test
    void readyReloadingAndStoppingArriveAsSystemdExpectsThem(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("notify");
        Path got = dir.resolve("got");
        Process systemd = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.bind(sys.argv[1])",
                "open(sys.argv[2] + '.bound', 'w').close()",
                "with open(sys.argv[2], 'w') as out:",
                "    for _ in range(3):",
                "        out.write(s.recv(4096).decode() + '|')",
                "        out.flush()"), socket.toString(), got.toString()).redirectErrorStream(true).start();
        Path bound = Path.of(got + ".bound");
        for (int i = 0; i < 100 && !Files.exists(bound); i++) {
            Thread.sleep(50);
        }
        SdNotify n = SdNotify.to(socket.toString());
        n.ready();
        n.reloading();
        n.stopping();
        assertThat(systemd.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(got, StandardCharsets.UTF_8);
        assertThat(text).startsWith("READY=1\nSTATUS=serving|RELOADING=1\nMONOTONIC_USEC=").endsWith("|STOPPING=1|");
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SdNotify n = SdNotify.to(null);
        assertThat(n.enabled()).isFalse();
        n.ready();
    }

    @Test
    void abstractNamesStartWithANulByte() {
        byte[] a = SdNotify.address("@holdfast/notify");
        assertThat(a[0]).isEqualTo((byte) 1);
        assertThat(a[2]).isZero();
        assertThat(a).hasSize(2 + "@holdfast/notify".length());
        assertThat(SdNotify.address("/run/n")).hasSize(2 + 6 + 1);
    }
}
