package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.asl.sam.SamTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * reconcile-all over more than one page of accounts: its output counts the accounts and clusters of
 * every page, not only the last one's. The listing steps are stubbed (two pages: two accounts, then one);
 * every other bean is missing, so each cluster's reconcile fails and is counted as failed.
 */
class ReconcileAllPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIME = "2026-01-01T01:00:00Z";

    @Test
    void reconcileAll_shouldCountEveryPageOfAccounts_whenTheAccountsSpanTwoPages() {
        Map<String, Function<JsonNode, JsonNode>> beans = Map.of(
                "listAccounts", request -> request.path("nextToken").isNull()
                        ? page(List.of("tenant-a", "tenant-b"), "tenant-b")
                        : page(List.of("tenant-c"), null),
                "listAccountClusters", request -> {
                    ObjectNode page = JSON.createObjectNode().putNull("nextToken");
                    page.putArray("clusters").addObject()
                            .put("clusterId", request.path("account").asText() + "-1").put("notBefore", TIME);
                    return page;
                });
        SamDeployment deployment = SamDeployment.deploy(SamTemplate.load(Path.of("../../template.yaml")),
                bean -> Optional.ofNullable(beans.get(bean)), null, new VirtualClock(LocalWorld.EPOCH));

        ExecutionResult all = deployment.interpreter().execute(deployment.machine("overcast-dev-reconcile-all").orElseThrow(),
                "overcast-dev-reconcile-all", JSON.createObjectNode().put("time", TIME));

        assertThat(all.succeeded()).as("%s: %s", all.error(), all.cause()).isTrue();
        assertThat(all.output().get("accounts").asInt()).isEqualTo(3);
        assertThat(all.output().get("clusters").asInt()).isEqualTo(3);
        assertThat(all.output().get("failedClusters").asInt()).isEqualTo(3);
    }

    private static JsonNode page(List<String> accounts, String nextToken) {
        ObjectNode page = JSON.createObjectNode().put("nextToken", nextToken);
        accounts.forEach(account -> page.withArray("accounts").addObject().put("account", account).put("concurrency", 2));
        return page;
    }
}
