package dev.overcast.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.overcast.runtime.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The API client commands: one small class each, sharing {@link ClientCommand}'s options and exit codes. */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    /** A command on one cluster. */
    abstract static class OnCluster extends ClientCommand {
        @Parameters(paramLabel = "NAME", description = "the cluster's name (its spec's name), unique within your tenant")
        String id;
    }

    /** Every client subcommand, for {@code Main}. */
    public static final Class<?>[] ALL = {Create.class, ListClusters.class, Get.class, Events.class, Scale.class,
        Reconcile.class, Delete.class};

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a cluster from a spec file (YAML, or JSON if .json) through the API.", ClientCommand.EXIT_CODES})
    static final class Create extends ClientCommand {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "the cluster spec")
        Path file;

        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode spec;
            try {
                spec = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (IOException e) {
                throw new ApiError(400, null, "cannot read " + file + ": " + e.getMessage());
            }
            JsonNode answer = api.post("/clusters", spec);
            print(out, answer, "cluster %s: %s (%s)%n".formatted(answer.path("clusterId").asText(),
                    answer.path("status").asText(), answer.path("executionArn").asText()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists your clusters.", ClientCommand.EXIT_CODES})
    static final class ListClusters extends ClientCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode answer = api.get("/clusters");
            Table table = new Table("id", "status", "clouds", "updated");
            answer.path("clusters").forEach(c -> table.row(c.path("id").asText(), c.path("status").asText(),
                    Texts.joined(c.path("clouds")), c.path("updatedAt").asText()));
            StringBuilder text = new StringBuilder();
            table.renderTo(text);
            print(out, answer, text.toString());
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Shows a cluster: status, phase, progress, regions, resources, queue, conditions.",
                ClientCommand.EXIT_CODES})
    static final class Get extends OnCluster {
        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode answer = api.get("/clusters/" + id);
            print(out, answer, ClusterReport.render(answer));
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Prints what the cluster's flows did. With --follow, keeps printing until the cluster is",
                "ready, failed or deleted and no flow holds its lock (or it is gone).", ClientCommand.EXIT_CODES})
    static final class Events extends OnCluster {
        private static final long POLL_MILLIS = 1000;
        /** Statuses no flow leaves by itself: following stops there once no flow holds the lock. */
        private static final Set<String> SETTLED = Set.of("ready", "failed", "deleted");

        @Option(names = {"-f", "--follow"}, description = "keep printing new events")
        boolean follow;

        @Override
        void run(ApiClient api, PrintWriter out) {
            String cursor = "0";
            while (true) {
                JsonNode answer;
                try {
                    answer = api.get("/clusters/" + id + "/events?after=" + cursor);
                } catch (ApiError e) {
                    if (follow && e.status() == 404 && !cursor.equals("0")) {
                        out.println("cluster " + id + " is gone");
                        return;
                    }
                    throw e;
                }
                for (JsonNode event : answer.path("events")) {
                    out.println(json ? event.toString() : "%s  %-28s %-10s %s".formatted(event.path("at").asText(),
                            event.path("step").asText(), event.path("status").asText(), event.path("detail").asText("")));
                }
                out.flush();
                cursor = answer.path("cursor").asText(cursor);
                if (!follow || settled(api)) {
                    return;
                }
                sleep();
            }
        }

        private boolean settled(ApiClient api) {
            try {
                JsonNode cluster = api.get("/clusters/" + id);
                return !cluster.has("phase") && SETTLED.contains(cluster.path("status").asText());
            } catch (ApiError e) {
                if (e.status() == 404) {
                    return false;
                }
                throw e;
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(0, null, "interrupted");
            }
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = {"Sets the worker count on one cloud of a cluster.", ClientCommand.EXIT_CODES})
    static final class Scale extends OnCluster {
        @Option(names = "--cloud", required = true, description = "aws, gcp or azure")
        String cloud;

        @Option(names = "--workers", required = true, description = "the new worker count")
        int workers;

        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode body = JSON.createObjectNode().put("cloud", cloud).put("workers", workers);
            JsonNode answer = api.post("/clusters/" + id + "/workers", body);
            print(out, answer, Texts.accepted(answer));
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"Observes the cluster, repairs drift and applies queued changes now.", ClientCommand.EXIT_CODES})
    static final class Reconcile extends OnCluster {
        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode answer = api.post("/clusters/" + id + "/reconcile", null);
            print(out, answer, Texts.accepted(answer));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Destroys a cluster (a running flow on it is stopped first).", ClientCommand.EXIT_CODES})
    static final class Delete extends OnCluster {
        @Override
        void run(ApiClient api, PrintWriter out) {
            JsonNode answer = api.delete("/clusters/" + id);
            print(out, answer, "cluster %s: %s (%s)%n".formatted(answer.path("clusterId").asText(),
                    answer.path("status").asText(), answer.path("executionArn").asText()));
        }
    }
}
