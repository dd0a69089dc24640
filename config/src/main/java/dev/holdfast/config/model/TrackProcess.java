package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A vrrp_track_process: up while between quorum and quorum_max processes match. */
public record TrackProcess(String name, String process, List<String> params, String paramMatch, int weight,
        boolean reverse, long quorum, long quorumMax, Seconds delay, Seconds forkDelay, Seconds terminateDelay,
        boolean fullCommand, @JsonIgnore Position position) {
}
