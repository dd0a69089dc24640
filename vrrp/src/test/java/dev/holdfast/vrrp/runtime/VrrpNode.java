package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import java.nio.file.Path;

/**
 * A holdfast VRRP node for the namespace tests: {@code java ... VrrpNode keepalived.conf}, started inside a
 * network namespace with {@code ip netns exec}. Prints {@code STARTED}, one {@code STATE name from to priority}
 * line per state change and {@code WARNING text}; SIGTERM stops it gracefully (priority-0 advert, VIPs
 * removed) and prints {@code STOPPED}. A vrrp_sync_group change prints {@code GROUP name from to}; the line
 * {@code snapshot} on stdin prints the instances' counters, {@code reload PATH} reloads (an instance the reload
 * kept prints {@code KEPT name state priority}, then {@code RELOADED} or {@code RELOAD-FAILED reason}).
 */
public final class VrrpNode {
    private VrrpNode() {
    }

    public static void main(String[] args) throws Exception {
        LoadResult result = new ConfigLoader(LoadOptions.defaults()).load(Path.of(args[0]));
        if (result.config() == null || result.hasErrors()) {
            result.diagnostics().forEach(d -> System.out.println("CONFIG " + d));
            System.exit(2);
        }
        VrrpService.Listener listener = new VrrpService.Listener() {
            @Override
            public void stateChanged(String instance, dev.holdfast.vrrp.state.VrrpState from,
                                     dev.holdfast.vrrp.state.VrrpState to, int priority) {
                System.out.println("STATE " + instance + " " + from + " " + to + " " + priority);
                System.out.flush();
            }

            @Override
            public void groupStateChanged(String group, dev.holdfast.vrrp.state.VrrpState from,
                                          dev.holdfast.vrrp.state.VrrpState to) {
                System.out.println("GROUP " + group + " " + from + " " + to);
                System.out.flush();
            }

            @Override
            public void warning(String message) {
                System.out.println("WARNING " + message);
                System.out.flush();
            }

            @Override
            public void kept(String instance, dev.holdfast.vrrp.state.VrrpState state, int priority) {
                System.out.println("KEPT " + instance + " " + state + " " + priority);
                System.out.flush();
            }
        };
        VrrpService[] running = {VrrpService.start(result.config(), listener)};
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running[0].stop();
            System.out.println("STOPPED");
            System.out.flush();
        }));
        System.out.println("STARTED");
        System.out.flush();
        // "snapshot" on stdin prints VrrpService.snapshot(), one SNAPSHOT line per instance, then SNAPSHOT-END
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("reload ")) {
                LoadResult next = new ConfigLoader(LoadOptions.defaults()).load(Path.of(line.substring(7).strip()));
                try {
                    running[0] = running[0].reload(next.config(), listener);
                    System.out.println("RELOADED");
                } catch (RuntimeException e) {
                    System.out.println("RELOAD-FAILED " + e.getMessage());
                }
                System.out.flush();
            }
            VrrpService service = running[0];
            if (line.strip().equals("snapshot")) {
                for (InstanceStatus st : service.snapshot()) {
                    System.out.println("SNAPSHOT " + st.name() + " state=" + st.state() + " base=" + st.basePriority()
                            + " effective=" + st.effectivePriority() + " sent=" + st.advertsSent() + " received="
                            + st.advertsReceived() + " transitions=" + st.transitions() + " errors=" + st.errors());
                }
                System.out.println("REJECTS " + service.rejects().snapshot());
                System.out.println("SNAPSHOT-END");
                System.out.flush();
            }
        }
        Thread.currentThread().join();
    }
}
