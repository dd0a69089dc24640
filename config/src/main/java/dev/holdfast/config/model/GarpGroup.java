package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A garp_group: ARP/NA rate limits for a set of interfaces. */
public record GarpGroup(Seconds garpInterval, Seconds gnaInterval, List<String> interfaces,
        @JsonIgnore Position position) {
}
