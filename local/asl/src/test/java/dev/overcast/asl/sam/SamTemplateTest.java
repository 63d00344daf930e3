package dev.overcast.asl.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.Json;
import dev.overcast.asl.clock.VirtualClock;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    @Test
    void load_shouldMapEveryFunctionArnToItsSpringBean() {
        SamTemplate template = SamTemplate.load(fixture("template.yaml"));

        assertThat(template.function("arn:aws:lambda:us-east-1:000000000000:function:PlanCluster").bean())
                .isEqualTo("planCluster");
        assertThat(template.function("overcast-local-record-status").arn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:overcast-local-record-status");
    }

    @Test
    void load_shouldApplyDefinitionSubstitutions() {
        SamTemplate template = SamTemplate.load(fixture("template.yaml"));

        JsonNode definition = template.stateMachines().get("CreateCluster").definition();

        assertThat(definition.get("Comment").textValue()).contains("local-clusters");
        assertThat(definition.at("/States/Plan/Parameters/FunctionName").textValue())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:PlanCluster");
        assertThat(definition.at("/States/Child/Parameters/StateMachineArn").textValue())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:Child");
    }

    @Test
    void load_shouldNameTheSubstitution_whenOneIsMissing() {
        assertThatThrownBy(() -> SamTemplate.load(fixture("broken-template.yaml")))
                .hasMessageContaining("${RecordStatusArn}");
    }

    @Test
    void deployment_shouldRunTheStateMachine_withFunctionBeansAndChildMachines() {
        Map<String, Function<JsonNode, JsonNode>> beans = Map.of(
                "planCluster", event -> Json.parse("{\"nodes\": 3}"),
                "recordStatus", event -> Json.NODES.textNode("recorded " + event.at("/plan/nodes").intValue()));
        SamDeployment deployment = SamDeployment.deploy(SamTemplate.load(fixture("template.yaml")),
                bean -> Optional.ofNullable(beans.get(bean)), null, new VirtualClock(Instant.EPOCH));

        ExecutionResult result = deployment.interpreter().execute(deployment.machine("create-cluster").orElseThrow(),
                "create-cluster", Json.object());

        assertThat(result.succeeded()).as("%s %s", result.error(), result.cause()).isTrue();
        assertThat(result.output()).isEqualTo(Json.parse("""
                {"plan": {"nodes": 3}, "recorded": "recorded 3", "child": {"child": true}}"""));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(SamTemplateTest.class.getClassLoader().getResource("sam/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
