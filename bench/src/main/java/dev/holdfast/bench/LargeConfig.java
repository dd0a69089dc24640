package dev.holdfast.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a keepalived.conf of N virtual servers x M real servers, each real server with an HTTP_GET check. */
public final class LargeConfig {
    private LargeConfig() {
    }

    public static void write(Path file, int virtualServers, int realServers) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("global_defs {\n    router_id bench\n}\n\n");
            for (int v = 0; v < virtualServers; v++) {
                w.write("virtual_server 10." + (v >> 8 & 255) + "." + (v & 255) + ".1 80 {\n"
                        + "    delay_loop 5\n    lvs_sched wrr\n    lvs_method DR\n    protocol TCP\n"
                        + "    persistence_timeout 60\n");
                for (int r = 0; r < realServers; r++) {
                    w.write("    real_server 172." + (16 + (v >> 12 & 15)) + "." + (v >> 4 & 255) + "."
                            + ((v & 15) * 16 + r) + " 80 {\n        weight " + (1 + r % 4) + "\n"
                            + "        HTTP_GET {\n            url {\n                path /health\n"
                            + "                status_code 200\n            }\n            connect_timeout 3\n"
                            + "            retry 3\n            delay_before_retry 2\n        }\n    }\n");
                }
                w.write("}\n");
            }
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }
}
