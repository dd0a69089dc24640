package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import java.nio.file.Path;

/**
 * A holdfast VRRP node for the namespace tests: {@code java ... VrrpNode keepalived.conf}, started inside a
 * network namespace with {@code ip netns exec}. Prints {@code STARTED}, one {@code STATE name from to priority}
 * line per state change and {@code WARNING text}; SIGTERM stops it gracefully (priority-0 advert, VIPs
 * removed) and prints {@code STOPPED}.
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
        VrrpService service = VrrpService.start(result.config(), new VrrpService.Listener() {
            @Override
            public void stateChanged(String instance, dev.holdfast.vrrp.state.VrrpState from,
                                     dev.holdfast.vrrp.state.VrrpState to, int priority) {
                System.out.println("STATE " + instance + " " + from + " " + to + " " + priority);
                System.out.flush();
            }

            @Override
            public void warning(String message) {
                System.out.println("WARNING " + message);
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stop();
            System.out.println("STOPPED");
            System.out.flush();
        }));
        System.out.println("STARTED");
        System.out.flush();
        Thread.currentThread().join();
    }
}
