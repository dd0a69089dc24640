package dev.holdfast.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.daemon.observe.StatusJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code holdfast status}: asks the running holdfast (its /status page) and prints tables. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running holdfast's virtual servers, real servers and VRRP instances.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    HoldfastCommand parent;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9650",
            description = "Where the running holdfast listens (its --listen; default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--json", description = "Print the status document as it is")
    boolean json;

    @Override
    public Integer call() {
        InetSocketAddress at;
        try {
            at = Listen.parse(listen);
        } catch (IllegalArgumentException e) {
            parent.err.println("holdfast status: --listen " + listen + ": " + e.getMessage());
            return 2;
        }
        if (at == null) {
            parent.err.println("holdfast status: --listen off: nowhere to ask");
            return 2;
        }
        String host = at.getAddress().getHostAddress();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort()
                + "/status");
        String body;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                parent.err.println("holdfast status: " + uri + " answered " + r.statusCode() + ": "
                        + r.body().strip());
                return 1;
            }
            body = r.body();
        } catch (IOException e) {
            parent.err.println("holdfast status: cannot reach holdfast at " + uri + " (" + e.getMessage()
                    + "); is it running, with this --listen?");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (json) {
            parent.out.print(body);
            return 0;
        }
        try {
            parent.out.print(render(StatusJson.read(body)));
        } catch (IOException e) {
            parent.err.println("holdfast status: " + uri + " sent something that is not JSON: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        JsonNode c = s.path("config");
        b.append("holdfast ").append(s.path("version").asText()).append(", configuration ")
                .append(c.path("file").asText()).append(" (hash ").append(c.path("hash").asText())
                .append(", loaded ").append(c.path("loaded_at").asText()).append("; reloads ")
                .append(c.path("reloads_ok").asLong()).append(" ok, ").append(c.path("reloads_failed").asLong())
                .append(" refused)\n");
        if (!c.path("last_reload_error").asText().isEmpty()) {
            b.append("last reload refused: ").append(c.path("last_reload_error").asText()).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VIRTUAL SERVER", "QUORUM", "REAL SERVER", "STATE", "WEIGHT", "EFFECTIVE",
            "LAST CHECK"});
        for (JsonNode vs : s.path("virtual_servers")) {
            String quorum = vs.path("quorum_up").asBoolean() ? "up" : "DOWN";
            if (vs.path("sorry_server_active").asBoolean()) {
                quorum += " (sorry)";
            }
            boolean first = true;
            for (JsonNode rs : vs.path("real_servers")) {
                StringBuilder why = new StringBuilder();
                for (JsonNode ch : rs.path("checkers")) {
                    if (why.length() > 0) {
                        why.append("; ");
                    }
                    String name = ch.path("name").asText();
                    why.append(name, 0, name.indexOf(' ') < 0 ? name.length() : name.indexOf(' ')).append(": ")
                            .append(ch.path("reason").asText("not run yet"));
                }
                rows.add(new String[] {first ? vs.path("service").asText() : "", first ? quorum : "",
                    rs.path("address").asText(), rs.path("state").asText(), rs.path("weight").asText(),
                    rs.path("effective_weight").asText(), why.toString()});
                first = false;
            }
            if (first) {
                rows.add(new String[] {vs.path("service").asText(), quorum, "-", "", "", "", ""});
            }
        }
        if (rows.size() > 1) {
            table(b, rows);
        }
        List<String[]> vrrp = new ArrayList<>();
        vrrp.add(new String[] {"VRRP INSTANCE", "INTERFACE", "VRID", "STATE", "PRIORITY", "EFFECTIVE",
            "LAST TRANSITION"});
        for (JsonNode i : s.path("vrrp_instances")) {
            vrrp.add(new String[] {i.path("name").asText(), i.path("interface").asText(), i.path("vrid").asText(),
                i.path("state").asText(), i.path("priority").asText(), i.path("effective_priority").asText(),
                i.path("last_transition").asText("never")});
        }
        if (vrrp.size() > 1) {
            if (rows.size() > 1) {
                b.append('\n');
            }
            table(b, vrrp);
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int k = 0; k < r.length; k++) {
                width[k] = Math.max(width[k], r[k].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < r.length; k++) {
                line.append(k == r.length - 1 ? r[k] : String.format("%-" + (width[k] + 2) + "s", r[k]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
