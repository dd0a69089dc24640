package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A vrrp_sync_group: instances that change state together. */
public record SyncGroup(String name, List<String> group, List<VrrpInstance.Tracked> trackInterface,
        List<VrrpInstance.Tracked> trackScript, List<VrrpInstance.Tracked> trackFile,
        List<VrrpInstance.Tracked> trackProcess, @com.fasterxml.jackson.annotation.JsonProperty("notify") VrrpInstance.Notify notifyScripts, boolean smtpAlert,
        boolean syncGroupTrackingWeight, @JsonIgnore Position position) {
}
