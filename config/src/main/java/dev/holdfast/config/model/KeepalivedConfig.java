package dev.holdfast.config.model;

import java.util.List;
import java.util.Map;

/** A whole keepalived.conf, resolved: what holdfast runs. */
public record KeepalivedConfig(
        GlobalDefs globalDefs,
        List<VrrpScript> vrrpScripts,
        List<TrackFile> trackFiles,
        List<TrackProcess> vrrpTrackProcesses,
        List<SyncGroup> vrrpSyncGroups,
        List<GarpGroup> garpGroups,
        List<VrrpInstance> vrrpInstances,
        List<VirtualAddress> staticIpaddress,
        List<String> staticRoutes,
        List<String> staticRules,
        List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers,
        Map<String, String> ssl,
        Map<String, String> otherSettings,
        HoldfastSettings holdfast) {
}
