package dev.overcast.endpoints.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.asl.sam.SamTemplate;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.asl.Interpreter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The local Step Functions endpoint as the SDK's {@code SfnClient} sees it: the template's machines on
 * the interpreter, whose first step waits until the test lets it go, so executions can be watched running.
 */
class StepFunctionsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The machines as the local world deploys them: the template's names under its stage prefix. */
    private static final String CREATE = Interpreter.machineArn("overcast-dev-create-cluster");
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String INPUT = "{\"tenant\": \"team-a\", \"clusterId\": \"demo-k3x9p2\", \"spec\": {\"name\": \"demo\"}}";
    private static final CountDownLatch GATE = new CountDownLatch(1);

    private static StepFunctionsEndpoint endpoint;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        SamDeployment deployment = SamDeployment.deploy(SamTemplate.load(Path.of("../../template.yaml")),
                StepFunctionsEndpointTest::bean, null, new VirtualClock(EPOCH));
        endpoint = StepFunctionsEndpoint.start(deployment, new VirtualClock(EPOCH), JSON, 0);
        sfn = SfnClient.builder().endpointOverride(endpoint.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        GATE.countDown();
        sfn.close();
        endpoint.close();
    }

    /** acquireLock waits at the gate (a stop interrupts it); every other step fails, so a let-go execution fails. */
    private static Optional<Function<JsonNode, JsonNode>> bean(String name) {
        return Optional.of(input -> {
            if (!name.equals("acquireLock")) {
                throw new FunctionError("dev.overcast.functions.RequestRefused", name + " is not wired in this test");
            }
            try {
                GATE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FunctionError("java.lang.InterruptedException", "stopped");
            }
            throw new FunctionError("dev.overcast.functions.RequestRefused", "let go");
        });
    }

    @Test
    void startExecution_shouldAnswerAnAwsExecutionArn_andRunTheMachine() throws Exception {
        String arn = sfn.startExecution(r -> r.stateMachineArn(CREATE).name("running-one").input(INPUT)).executionArn();

        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:overcast-dev-create-cluster:running-one");
        DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(arn));
        assertThat(described.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(described.stateMachineArn()).isEqualTo(CREATE);
        assertThat(described.input()).isEqualTo(INPUT);
        List<HistoryEvent> events = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> history(arn), seen -> seen.stream().anyMatch(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED));
        assertThat(events.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
        assertThat(JSON.readTree(events.get(0).executionStartedEventDetails().input())).isEqualTo(JSON.readTree(INPUT));
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                .extracting(e -> e.stateEnteredEventDetails().name()).containsExactly("AcquireLock");
    }

    @Test
    void startExecution_shouldBeIdempotentForTheSameInput_andRefuseAnother() {
        String first = sfn.startExecution(r -> r.stateMachineArn(CREATE).name("twice").input(INPUT)).executionArn();

        assertThat(sfn.startExecution(r -> r.stateMachineArn(CREATE).name("twice").input(INPUT)).executionArn()).isEqualTo(first);
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(CREATE).name("twice").input("{}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void requests_shouldFailWithAwsErrorCodes() {
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(CREATE).name("has spaces")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(Interpreter.machineArn("overcast-dev-no-such-flow"))))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(CREATE.replace("stateMachine", "execution") + ":nobody")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.getExecutionHistory(r -> r.executionArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void stopExecution_shouldAbortARunningExecution() {
        String arn = sfn.startExecution(r -> r.stateMachineArn(CREATE).name("to-stop").input(INPUT)).executionArn();

        assertThat(sfn.stopExecution(r -> r.executionArn(arn).cause("test")).stopDate()).isNotNull();

        assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.ABORTED);
        List<HistoryEvent> events = history(arn);
        assertThat(events.get(events.size() - 1).type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void getExecutionHistory_shouldPageWithTokens_andReverse() {
        String arn = sfn.startExecution(r -> r.stateMachineArn(CREATE).name("paged").input(INPUT)).executionArn();
        // Paging needs more than two events: let the execution enter a few states before stopping it.
        for (int poll = 0; poll < 100 && history(arn).size() < 5; poll++) {
            pause();
        }
        sfn.stopExecution(r -> r.executionArn(arn));
        List<HistoryEvent> all = history(arn);

        List<HistoryEvent> paged = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(arn).maxResults(2)).forEach(page -> {
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page.events());
        });
        List<HistoryEvent> reversed = sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events();

        assertThat(all.size()).isGreaterThan(2);
        assertThat(paged).isEqualTo(all);
        assertThat(reversed.get(0)).isEqualTo(all.get(all.size() - 1));
        assertThat(all).extracting(HistoryEvent::id).isSorted();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<HistoryEvent> history(String arn) {
        return sfn.getExecutionHistory(r -> r.executionArn(arn)).events();
    }
}
