package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A real_server (or sorry_server) with the virtual server's defaults inherited. */
public record RealServer(
        IpAddress ip,
        int port,
        long weight,
        Forwarding lvsMethod,
        long uthreshold,
        long lthreshold,
        boolean inhibitOnFailure,
        Script notifyUp,
        Script notifyDown,
        boolean alpha,
        boolean smtpAlert,
        String virtualhost,
        List<Checker> checkers,
        @JsonIgnore Position position) {

    public String label() {
        return (ip.ipv6() ? "[" + ip + "]" : ip.toString()) + ":" + port;
    }
}
