package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;

/** A track_file: a file whose number is multiplied by weight (weight 0: non-zero means fault). */
public record TrackFile(String name, String file, int weight, boolean reverse, String initFile,
        boolean initOverwrite, @JsonIgnore Position position) {
}
