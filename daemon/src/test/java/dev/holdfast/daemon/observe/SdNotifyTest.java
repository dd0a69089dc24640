package dev.holdfast.daemon.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams reach a real AF_UNIX socket as systemd's would receive them (python3 plays systemd). */
class SdNotifyTest {
    @Test
    void readyReloadingAndStoppingArriveAsSystemdExpectsThem(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("notify");
        DatagramSink systemd = DatagramSink.bind(socket, 3);
        SdNotify n = SdNotify.to(socket.toString());
        n.ready();
        n.reloading();
        n.stopping();
        String text = systemd.received();
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
        byte[] a = UnixDatagram.address("@holdfast/notify");
        assertThat(a[0]).isEqualTo((byte) 1);
        assertThat(a[2]).isZero();
        assertThat(a).hasSize(2 + "@holdfast/notify".length());
        assertThat(UnixDatagram.address("/run/n")).hasSize(2 + 6 + 1);
    }
}
