package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.sam.SamTemplate;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.functions.api.ApiFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml, statemachines/, functions/ and events/ agree with each other. */
class TemplateWiringTest {
    private static final Path REPO = Path.of("../..");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sample events in the order of one story on cluster demo: a create, a scale, the hourly list. */
    private static final List<String> STORY = List.of(
            "acquire-lock/create.json", "record-cluster/create.json", "converge-cloud/aws-create.json",
            "check-nodes/after-create.json", "verify-latency/after-create.json", "mark-status/ready.json",
            "request-scale/aws-workers.json", "drain-changes/after-scale.json", "release-lock/create.json",
            "list-accounts/hourly.json", "list-account-clusters/hourly.json");

    private static SamTemplate template;
    private static LocalWorld world;

    @BeforeAll
    static void load() {
        template = SamTemplate.load(REPO.resolve("template.yaml"));
        world = LocalWorld.start(REPO);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void everyMachineFile_shouldBeInTheTemplateAndValidInTheInterpreter() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(REPO.resolve("statemachines"))) {
            list.map(p -> "statemachines/" + p.getFileName()).forEach(files::add);
        }
        Set<String> deployed = new TreeSet<>();
        template.stateMachines().values().forEach(m -> deployed.add(m.definitionUri()));
        // Deploying parses every definition with the Lambda and child-execution integrations registered.
        SamDeployment deployment = SamDeployment.deploy(template, bean -> Optional.empty(), null,
                new VirtualClock(LocalWorld.EPOCH));
        assertThat(deployed).isEqualTo(files);
        template.stateMachines().values().forEach(m -> assertThat(deployment.machine(m.name())).isPresent());
    }

    @Test
    void everyTaskResource_shouldResolveToAFunctionOrMachineOfTheTemplate() {
        List<String> unresolved = new ArrayList<>();
        template.stateMachines().values().forEach(m -> m.definition().findValues("Resource").forEach(resource -> {
            String arn = resource.asText();
            if (arn.startsWith("arn:aws:lambda:") && template.function(arn) == null) {
                unresolved.add(m.logicalId() + ": " + arn);
            }
        }));
        template.stateMachines().values().forEach(m -> m.definition().findValues("StateMachineArn").forEach(arn -> {
            if (template.stateMachines().values().stream().noneMatch(other -> other.arn().equals(arn.asText()))) {
                unresolved.add(m.logicalId() + ": " + arn.asText());
            }
        }));
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyFunction_shouldNameAnExistingBeanWithSampleEvents() {
        template.functions().values().forEach(f -> {
            if (f.bean().equals(ApiFunctions.CONSOLE_API)) {
                // The API bean runs behind up's API Gateway adapter, not in the flows; its events are proxy events.
                assertThat(REPO.resolve("events/api")).as("events for " + f.bean()).isDirectory();
                return;
            }
            assertThat(world.function(f.bean())).as(f.logicalId() + " → bean " + f.bean()).isPresent();
            assertThat(REPO.resolve("events").resolve(kebab(f.bean()))).as("events for " + f.bean()).isDirectory();
        });
    }

    @Test
    void everyBean_shouldAcceptItsSampleEvents_inTheOrderOfOneStory() throws IOException {
        for (String event : STORY) {
            String bean = camel(event.substring(0, event.indexOf('/')));
            JsonNode input = JSON.readTree(REPO.resolve("events").resolve(event).toFile());
            JsonNode output = world.function(bean).orElseThrow().apply(input);
            assertThat(output).as(event).isNotNull();
        }
        try (Stream<Path> all = Files.walk(REPO.resolve("events"))) {
            Set<String> beanEvents = new TreeSet<>();
            all.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> REPO.resolve("events").relativize(p).toString())
                    .filter(p -> !p.startsWith("schedule/") && !p.startsWith("flows/") && !p.startsWith("api/"))
                    .forEach(beanEvents::add);
            assertThat(beanEvents).containsExactlyInAnyOrderElementsOf(STORY);
        }
    }

    @Test
    void hourlyScheduleEvent_shouldStartReconcileAll() throws IOException {
        ExecutionResult result = world.run("reconcile-all", JSON.readTree(REPO.resolve("events/schedule/hourly.json").toFile()));
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
    }

    private static String kebab(String bean) {
        return bean.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
