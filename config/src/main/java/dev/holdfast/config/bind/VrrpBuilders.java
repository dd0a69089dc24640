package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Position;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.config.model.VrrpInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What VRRP-side blocks said, before global defaults and strict-mode rules. */
final class VrrpBuilders {
    private VrrpBuilders() {
    }

    static final class Instance {
        final String name;
        final Position position;
        VrrpInstance.State state;
        String iface;
        Integer vrid;
        Position vridAt;
        Integer priority;
        Long advertInt;
        Integer version;
        String authType;
        String authPass;
        final List<VirtualAddress> vips = new ArrayList<>();
        final List<VirtualAddress> excluded = new ArrayList<>();
        final List<String> routes = new ArrayList<>();
        final List<String> rules = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackInterface = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackScript = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackFile = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackProcess = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackBfd = new ArrayList<>();
        IpAddress unicastSrcIp;
        final List<VrrpInstance.UnicastPeer> peers = new ArrayList<>();
        IpAddress mcastSrcIp;
        IpAddress mcastDstIp;
        boolean nopreempt;
        Long preemptDelay;
        Boolean accept;
        boolean dontTrackPrimary;
        boolean checkUnicastSrc;
        Integer unicastTtl;
        Boolean skipCheckAdvAddr;
        Boolean strict;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        Boolean ownerIgnoreAdverts;
        Integer downTimerAdverts;
        Long garpMasterDelay;
        Integer garpMasterRepeat;
        Long garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        Long garpMasterRefresh;
        Integer garpMasterRefreshRepeat;
        Script notifyMaster;
        Script notifyBackup;
        Script notifyFault;
        Script notifyStop;
        Script notifyDeleted;
        Script notify;
        Script notifyMasterRxLowerPri;
        Boolean smtpAlert;
        boolean promoteSecondaries;
        boolean noVip;
        String useVmac;
        final Map<String, String> other = new LinkedHashMap<>();

        Instance(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class VScript {
        final String name;
        final Position position;
        Script script;
        Long interval;
        Long timeout;
        Integer weight;
        boolean reverse;
        Integer rise;
        Integer fall;
        boolean initFail;
        final Map<String, String> other = new LinkedHashMap<>();

        VScript(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class TFile {
        final String name;
        final Position position;
        String file;
        Integer weight;
        boolean reverse;
        String initFile;
        boolean overwrite;

        TFile(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class TProcess {
        final String name;
        final Position position;
        String process;
        List<String> params = List.of();
        String paramMatch;
        Integer weight;
        boolean reverse;
        Long quorum;
        Long quorumMax;
        Long delay;
        Long forkDelay;
        Long terminateDelay;
        boolean fullCommand;

        TProcess(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class Group {
        final String name;
        final Position position;
        final List<String> members = new ArrayList<>();
        final List<Position> memberAt = new ArrayList<>();
        boolean hadGroupBlock;
        final List<VrrpInstance.Tracked> trackInterface = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackScript = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackFile = new ArrayList<>();
        final List<VrrpInstance.Tracked> trackProcess = new ArrayList<>();
        Script notifyMaster;
        Script notifyBackup;
        Script notifyFault;
        Script notifyStop;
        Script notify;
        Boolean smtpAlert;
        boolean trackingWeight;
        final Map<String, String> other = new LinkedHashMap<>();

        Group(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class Garp {
        final Position position;
        Long garpInterval;
        Long gnaInterval;
        final List<String> interfaces = new ArrayList<>();

        Garp(Position position) {
            this.position = position;
        }
    }
}
