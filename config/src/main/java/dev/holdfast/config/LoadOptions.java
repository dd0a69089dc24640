package dev.holdfast.config;

import dev.holdfast.config.bind.HostInfo;
import java.util.Map;
import java.util.Set;

/**
 * What reading a configuration depends on besides the file: the config-id for {@code @id} lines (-i), the
 * environment for {@code ${_ENV}}, the seed for {@code ${_RANDOM}}, -e/--all-config, the host's user names
 * (to tell a script's arguments from its user) and interfaces (null: do not check that interfaces exist), and
 * whether the real servers' checker blocks are read at all ({@code holdfast ipvs apply} programs the table only and
 * never runs a checker: it skips them, as ipvsadm-restore has none to read).
 */
public record LoadOptions(String configId, Map<String, String> environment, long randomSeed, boolean allConfig,
        long maxFileBytes, Set<String> hostUsers, Set<String> hostInterfaces, boolean readCheckers) {

    public LoadOptions(String configId, Map<String, String> environment, long randomSeed, boolean allConfig,
                       long maxFileBytes, Set<String> hostUsers, Set<String> hostInterfaces) {
        this(configId, environment, randomSeed, allConfig, maxFileBytes, hostUsers, hostInterfaces, true);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(HostInfo.shortHostname(), System.getenv(), System.nanoTime(), false,
                256L * 1024 * 1024, HostInfo.users(),
                HostInfo.interfaces());
    }

    public LoadOptions withConfigId(String id) {
        return new LoadOptions(id, environment, randomSeed, allConfig, maxFileBytes, hostUsers, hostInterfaces,
                readCheckers);
    }

    public LoadOptions withAllConfig(boolean all) {
        return new LoadOptions(configId, environment, randomSeed, all, maxFileBytes, hostUsers, hostInterfaces,
                readCheckers);
    }

    public LoadOptions withRandomSeed(long seed) {
        return new LoadOptions(configId, environment, seed, allConfig, maxFileBytes, hostUsers, hostInterfaces,
                readCheckers);
    }

    public LoadOptions withHostUsers(Set<String> users) {
        return new LoadOptions(configId, environment, randomSeed, allConfig, maxFileBytes, users, hostInterfaces,
                readCheckers);
    }

    /** The same without reading checker blocks: each is skipped to its closing brace, unchecked. */
    public LoadOptions withoutCheckers() {
        return new LoadOptions(configId, environment, randomSeed, allConfig, maxFileBytes, hostUsers, hostInterfaces,
                false);
    }
}
