package dev.overcast.runtime.up;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.endpoints.apigateway.ApiGateway;
import dev.overcast.endpoints.apigateway.Tokens;
import dev.overcast.endpoints.stepfunctions.StepFunctionsEndpoint;
import dev.overcast.functions.api.ApiFunctions;
import dev.overcast.functions.api.ConsoleApi;
import dev.overcast.functions.api.Flow;
import dev.overcast.functions.api.Flows;
import dev.overcast.runtime.world.LocalWorld;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code ./overcast up} without the command line: the local world, the Step Functions endpoint in front
 * of its interpreter, the console API bean reached through an {@link ApiGateway} on
 * {@code http://127.0.0.1:PORT}, the flow log and the hourly schedule. Tests start it in-process.
 */
public final class LocalRuntime implements AutoCloseable {

    /**
     * @param port             the API's port (0: any free one)
     * @param tokens           the bearer tokens file
     * @param console          the built web console, served at {@code /} when the directory exists
     * @param scheduleInterval the deployed rule's interval between two reconcile-all runs
     * @param speed            how much faster than real time the schedule runs (60: an hourly rule every minute)
     */
    public record Options(Path repository, int port, Path tokens, Path console, Duration scheduleInterval, double speed) {
        public static Options defaults(Path repository) {
            return new Options(repository, 8080, repository.resolve("examples/auth/tokens.yaml"),
                    repository.resolve("console/dist"), Duration.ofHours(1), 1.0);
        }

        public Options withPort(int port) {
            return new Options(repository, port, tokens, console, scheduleInterval, speed);
        }

        public Options withSchedule(Duration interval, double speed) {
            return new Options(repository, port, tokens, console, interval, speed);
        }

        public Options withTokens(Path tokens) {
            return new Options(repository, port, tokens, console, scheduleInterval, speed);
        }

        public Options withConsole(Path console) {
            return new Options(repository, port, tokens, console, scheduleInterval, speed);
        }
    }

    private final Options options;
    private final LocalWorld world;
    private final StepFunctionsEndpoint stepFunctions;
    private final FlowLog flowLog;
    private final SfnClient sfn;
    private final GenericApplicationContext spring;
    private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> consoleApi;
    private final ApiGateway gateway;
    private final Schedule schedule;

    private LocalRuntime(Options options) {
        this.options = options;
        Tokens tokens = Tokens.read(options.tokens());
        ObjectMapper json = new ObjectMapper();
        this.world = LocalWorld.start(options.repository());
        this.stepFunctions = StepFunctionsEndpoint.start(world.deployment(), world.clock(), json, 0);
        this.flowLog = new FlowLog();
        stepFunctions.onStart(flowLog::follow);
        this.sfn = SfnClient.builder()
                .endpointOverride(stepFunctions.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Map<Flow, String> arns = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            arns.put(flow, LocalWorld.machineArn(flow.machine()));
        }
        Flows flows = new Flows(sfn, arns);
        RegionCatalog regions = RegionCatalog.standard();
        this.spring = new GenericApplicationContext();
        ApiFunctions.register(spring, new ApiFunctions.Wiring(world.store(),
                new Planner(regions, InstanceCatalog.standard()), regions, flows, world.clock(),
                Optional.of(world.clouds().preflight())));
        spring.refresh();
        this.consoleApi = consoleApi(spring);
        this.gateway = ApiGateway.start(options.repository().resolve("functions/api/openapi.yaml"), tokens,
                ConsoleApi.TENANT_CLAIM, consoleApi,
                Optional.of(options.console()), json, options.port());
        this.schedule = new Schedule(flows, world.clock(), options.repository().resolve("events/schedule/hourly.json"),
                options.scheduleInterval(), options.speed(), json);
    }

    public static LocalRuntime start(Options options) {
        return new LocalRuntime(options);
    }

    @SuppressWarnings("unchecked")
    private static Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> consoleApi(GenericApplicationContext spring) {
        return (Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
                spring.getBean(ApiFunctions.CONSOLE_API, FunctionRegistration.class).getTarget();
    }

    /** The console API bean itself, as API Gateway would invoke it (no token check: the event carries the claims). */
    public Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> consoleApi() {
        return consoleApi;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI api() {
        return gateway.endpoint();
    }

    public URI stepFunctions() {
        return stepFunctions.endpoint();
    }

    public LocalWorld world() {
        return world;
    }

    /** The lines {@code up} prints: where everything listens. */
    public String where() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("  API             %s%n", gateway.endpoint()));
        if (gateway.servesConsole()) {
            out.append(String.format("  console         %s/  (%s)%n", gateway.endpoint(), options.console()));
        }
        out.append(String.format("  Step Functions  %s%n", stepFunctions.endpoint()));
        out.append(String.format("  DynamoDB Local  %s%n", world.dynamoDbEndpoint()));
        out.append(String.format("  cloudsim        EC2 %s  GCP %s  Azure %s%n", world.cloudSim().awsEndpoint(),
                world.cloudSim().gcpEndpoint(), world.cloudSim().azureEndpoint()));
        out.append(String.format("  tokens          %s%n", options.tokens()));
        out.append(String.format("  schedule        reconcile-all every %s (%s at speed %s)%n",
                Schedule.realPeriod(options.scheduleInterval(), options.speed()), options.scheduleInterval(), options.speed()));
        return out.toString();
    }

    @Override
    public void close() {
        schedule.close();
        gateway.close();
        spring.close();
        sfn.close();
        flowLog.close();
        stepFunctions.close();
        world.close();
    }
}
