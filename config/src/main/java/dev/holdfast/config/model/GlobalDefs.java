package dev.holdfast.config.model;

import java.util.List;
import java.util.Map;

/** global_defs with keepalived's defaults. */
public record GlobalDefs(
        String routerId,
        List<String> notificationEmail,
        String notificationEmailFrom,
        String smtpServer,
        int smtpPort,
        String smtpHeloName,
        Seconds smtpConnectTimeout,
        Boolean smtpAlert,
        Boolean smtpAlertVrrp,
        Boolean smtpAlertChecker,
        boolean noEmailFaults,
        boolean checkerLogAllFailures,
        boolean noCheckerEmails,
        boolean rsInitNotifies,
        String scriptUser,
        String scriptGroup,
        boolean enableScriptSecurity,
        String notifyFifo,
        String vrrpNotifyFifo,
        String lvsNotifyFifo,
        LvsTimeouts lvsTimeouts,
        boolean lvsFlush,
        String lvsFlushOnStop,
        LvsSyncDaemon lvsSyncDaemon,
        IpAddress vrrpMcastGroup4,
        IpAddress vrrpMcastGroup6,
        String defaultInterface,
        int vrrpVersion,
        boolean v3ChecksumAsV2,
        VrrpInstance.Garp vrrpGarp,
        boolean vrrpMinGarp,
        int vrrpDownTimerAdverts,
        boolean vrrpLowerPrioNoAdvert,
        boolean vrrpHigherPrioSendAdvert,
        boolean vrrpOwnerIgnoreAdverts,
        boolean vrrpCheckUnicastSrc,
        boolean vrrpSkipCheckAdvAddr,
        boolean vrrpStrict,
        boolean dynamicInterfaces,
        Seconds vrrpStartupDelay,
        String stateDumpFile,
        String statsDumpFile,
        String jsonDumpFile,
        Long randomSeed,
        Map<String, String> otherSettings) {

    /** lvs_timeouts: null fields are left as the kernel has them. */
    public record LvsTimeouts(Long tcp, Long tcpfin, Long udp) {
    }

    /** lvs_sync_daemon. */
    public record LvsSyncDaemon(String iface, String instance, Integer syncId, int maxlen, int port, int ttl,
            IpAddress group) {
    }
}
