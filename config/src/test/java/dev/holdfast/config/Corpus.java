package dev.holdfast.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The shared config corpus (../shared/configs), read in place. */
final class Corpus {
    private Corpus() {
    }

    static Path root() {
        String env = System.getenv("HOLDFAST_SHARED");
        Path p = env != null ? Path.of(env) : Path.of("../../shared");
        if (!Files.isDirectory(p.resolve("configs"))) {
            p = Path.of("../../shared");
        }
        if (!Files.isDirectory(p.resolve("configs"))) {
            throw new IllegalStateException("config corpus not found: set HOLDFAST_SHARED to the shared/ directory");
        }
        return p.resolve("configs");
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(root().resolve("seeds")), Files.list(root().resolve("samples")))) {
            return s.filter(f -> !f.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }

    /** Options that do not depend on the machine the tests run on. */
    static LoadOptions options() {
        return new LoadOptions("testhost", java.util.Map.of("HOME", "/root"), 42, false, 64L * 1024 * 1024,
                Set.of("root", "nobody", "daemon", "www-data"), null);
    }

    /** The model as JSON (positions included): comparable where the records hold arrays. */
    static String model(LoadResult r) {
        return r.config() == null ? "null" : dev.holdfast.config.json.ConfigJson.write(r.config());
    }

    static LoadResult load(Path file) throws IOException {
        return new ConfigLoader(options()).loadText(file.getFileName().toString(), Files.readAllBytes(file),
                file.getParent());
    }
}
