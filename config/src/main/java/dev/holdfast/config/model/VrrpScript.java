package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;

/** A vrrp_script: a command run every interval whose result moves the priority of the instances tracking it. */
public record VrrpScript(String name, Script script, Seconds interval, Seconds timeout, int weight,
        boolean weightReverse, int rise, int fall, boolean initFail, @JsonIgnore Position position) {
}
