package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.TrackFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A track_file: the number at the start of the file (keepalived reads it with strtol: leading blanks, a sign,
 * digits; anything else, an empty or a missing file, reads 0). {@code init_file} writes the initial value
 * when the file is missing, or always with {@code overwrite}.
 */
final class FileTracker {
    private final TrackFile file;

    FileTracker(TrackFile file) {
        this.file = file;
    }

    static String tracker(String name) {
        return "file " + name;
    }

    String tracker() {
        return tracker(file.name());
    }

    /** keepalived's init_file: create (or overwrite) the file with the initial value. */
    void initialise() throws IOException {
        if (file.initFile() == null) {
            return;
        }
        Path path = Path.of(file.file());
        if (file.initOverwrite() || !Files.exists(path)) {
            Files.writeString(path, file.initFile().isEmpty() ? "0\n" : file.initFile() + "\n");
        }
    }

    TrackerBoard.Reading read() {
        try {
            return new TrackerBoard.Reading.Value(parse(Files.readString(Path.of(file.file()), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return new TrackerBoard.Reading.Value(0);
        }
    }

    static long parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && i - digits < 18 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i == digits ? 0 : Long.parseLong(text.substring(start, i));
    }
}
