package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;
import java.util.Map;

/** A vrrp_instance with global VRRP defaults and strict-mode rules applied. */
public record VrrpInstance(
        String name,
        State state,
        String iface,
        int virtualRouterId,
        int priority,
        Seconds advertInt,
        int version,
        String family,
        Authentication authentication,
        List<VirtualAddress> virtualIpaddress,
        List<VirtualAddress> virtualIpaddressExcluded,
        List<String> virtualRoutes,
        List<String> virtualRules,
        List<Tracked> trackInterface,
        List<Tracked> trackScript,
        List<Tracked> trackFile,
        List<Tracked> trackProcess,
        List<Tracked> trackBfd,
        IpAddress unicastSrcIp,
        List<UnicastPeer> unicastPeer,
        IpAddress mcastSrcIp,
        IpAddress mcastDstIp,
        boolean nopreempt,
        Seconds preemptDelay,
        boolean accept,
        boolean dontTrackPrimary,
        boolean checkUnicastSrc,
        int unicastTtl,
        boolean skipCheckAdvAddr,
        boolean strictMode,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean ownerIgnoreAdverts,
        int downTimerAdverts,
        Garp garp,
        @com.fasterxml.jackson.annotation.JsonProperty("notify") Notify notifyScripts,
        boolean smtpAlert,
        boolean promoteSecondaries,
        boolean noVirtualIpaddress,
        String useVmac,
        Map<String, String> otherSettings,
        @JsonIgnore Position position) {

    public enum State { MASTER, BACKUP }

    public record Authentication(String authType, String authPass) {
    }

    /** A track_interface/track_script/track_file/track_process/track_bfd entry. */
    public record Tracked(String name, Integer weight, boolean reverse, @JsonIgnore Position position) {
    }

    public record UnicastPeer(IpAddress ip, Integer minTtl, Integer maxTtl) {
    }

    /** Gratuitous ARP / unsolicited NA timing, global defaults resolved per instance. */
    public record Garp(Seconds masterDelay, int masterRepeat, Seconds lowerPrioDelay, int lowerPrioRepeat,
            Seconds masterRefresh, int masterRefreshRepeat, Seconds interval, Seconds gnaInterval) {
    }

    /** notify_* scripts. */
    public record Notify(Script master, Script backup, Script fault, Script stop, Script deleted,
            @com.fasterxml.jackson.annotation.JsonProperty("notify") Script generic, Script masterRxLowerPri) {
    }
}
