package dev.overcast.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as CloudFormation would take it: cfn-lint finds nothing, informational rules included,
 * and aws-sam-translator (the SAM transform's own library, with local paths standing in for uploaded
 * ones) turns it into the resources a deploy creates, with tracing, stage throttling, JSON access logs,
 * problem+json gateway responses and retained state. Both tools come with these machines' Python; the
 * test skips, saying which is missing, where they don't.
 */
class DeployableTemplateTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Path TEMPLATE = REPOSITORY.resolve("template.yaml");

    private static JsonNode translated;

    @BeforeAll
    static void translate() throws IOException, InterruptedException {
        assumeTrue(runs("python3", "-c", "import samtranslator, cfnlint"), "python3 with aws-sam-translator and cfn-lint is not on this machine");
        Path script = Path.of("src/test/resources/sam/translate.py").toAbsolutePath();
        Result result = run("python3", script.toString(), TEMPLATE.toString());
        assertThat(result.exit()).as("translate.py: %s", result.errors()).isZero();
        translated = new ObjectMapper().readTree(result.output());
    }

    @Test
    void cfnLint_shouldFindNothing_withInformationalRules() throws IOException, InterruptedException {
        assumeTrue(runs("cfn-lint", "--version"), "cfn-lint is not on this machine");
        Result lint = run("cfn-lint", "--include-checks", "I", "--", TEMPLATE.toString());
        assertThat(lint.output() + lint.errors()).isBlank();
        assertThat(lint.exit()).isZero();
    }

    @Test
    void translation_shouldCreateTheResourcesOfADeploy() throws IOException {
        Map<String, Integer> types = new TreeMap<>();
        translated.path("Resources").forEach(resource -> types.merge(resource.path("Type").asText(), 1, Integer::sum));
        String source = Files.readString(TEMPLATE);
        assertThat(types).containsEntry("AWS::Lambda::Function", occurrences(source, "Type: AWS::Serverless::Function\n"))
                .containsEntry("AWS::StepFunctions::StateMachine", occurrences(source, "Type: AWS::Serverless::StateMachine\n"))
                .containsEntry("AWS::DynamoDB::Table", occurrences(source, "Type: AWS::DynamoDB::Table\n"))
                .containsEntry("AWS::ApiGateway::RestApi", 1)
                .containsEntry("AWS::ApiGateway::Stage", 1)
                .containsEntry("AWS::Events::Rule", 1)
                .containsEntry("AWS::Cognito::UserPool", 1);
    }

    @Test
    void everyFunctionAndStateMachine_shouldBeTraced() {
        List<String> untraced = new ArrayList<>();
        translated.path("Resources").fields().forEachRemaining(entry -> {
            JsonNode resource = entry.getValue();
            String type = resource.path("Type").asText();
            if (type.equals("AWS::Lambda::Function") && !resource.at("/Properties/TracingConfig/Mode").asText().equals("Active")
                    || type.equals("AWS::StepFunctions::StateMachine") && !resource.at("/Properties/TracingConfiguration/Enabled").asBoolean()) {
                untraced.add(entry.getKey());
            }
        });
        assertThat(untraced).isEmpty();
    }

    @Test
    void stage_shouldThrottleAndWriteJsonAccessLogs() throws IOException {
        JsonNode stage = first("AWS::ApiGateway::Stage").path("Properties");
        assertThat(stage.path("TracingEnabled").asBoolean()).isTrue();
        JsonNode everyMethod = stage.path("MethodSettings").get(0);
        assertThat(everyMethod.path("ThrottlingRateLimit").asDouble()).isPositive();
        assertThat(everyMethod.path("ThrottlingBurstLimit").asInt()).isPositive();
        String format = stage.at("/AccessLogSetting/Format").asText();
        JsonNode line = new ObjectMapper().readTree(format.replaceAll("\\$context\\.[\\w.:]+", "x"));
        assertThat(line.fieldNames()).toIterable().contains("requestId", "status", "tenant", "error");
    }

    /** API Gateway's form for a Cognito authorizer in an imported OpenAPI file (x-amazon-apigateway-authorizer). */
    @Test
    void everyOperation_shouldBeGuardedByTheCognitoUserPoolAuthorizer() {
        JsonNode body = first("AWS::ApiGateway::RestApi").at("/Properties/Body");
        JsonNode schemes = body.at("/components/securitySchemes");
        List<String> cognito = new ArrayList<>();
        schemes.fields().forEachRemaining(entry -> {
            JsonNode scheme = entry.getValue();
            if (scheme.path("x-amazon-apigateway-authtype").asText().equals("cognito_user_pools")) {
                assertThat(scheme.path("type").asText()).as(entry.getKey()).isEqualTo("apiKey");
                assertThat(scheme.path("name").asText()).as(entry.getKey()).isEqualTo("Authorization");
                assertThat(scheme.path("in").asText()).as(entry.getKey()).isEqualTo("header");
                assertThat(scheme.at("/x-amazon-apigateway-authorizer/type").asText()).isEqualTo("cognito_user_pools");
                assertThat(scheme.at("/x-amazon-apigateway-authorizer/providerARNs/0/Fn::GetAtt").toString())
                        .isEqualTo("[\"UserPool\",\"Arn\"]");
                cognito.add(entry.getKey());
            }
        });
        assertThat(cognito).hasSize(1);
        assertThat(body.path("security").toString()).isEqualTo("[{\"" + cognito.get(0) + "\":[]}]");
    }

    @Test
    void gatewayResponses_shouldAnswerProblemJson() throws IOException {
        JsonNode responses = first("AWS::ApiGateway::RestApi").at("/Properties/Body/x-amazon-apigateway-gateway-responses");
        for (String type : List.of("UNAUTHORIZED", "ACCESS_DENIED", "THROTTLED", "DEFAULT_4XX", "DEFAULT_5XX")) {
            JsonNode response = responses.path(type);
            assertThat(response.at("/responseParameters/gatewayresponse.header.Content-Type").asText())
                    .as(type).isEqualTo("'application/problem+json'");
            String template = response.at("/responseTemplates/application~1json").asText();
            JsonNode problem = new ObjectMapper().readTree(template.replace("$context.error.messageString", "\"m\"")
                    .replace("$context.requestId", "r"));
            assertThat(problem.has("type") && problem.has("title")).as(type).isTrue();
            if (response.has("statusCode")) {
                assertThat(problem.path("status").asText()).as(type).isEqualTo(response.path("statusCode").asText());
            }
        }
    }

    @Test
    void userPoolAndEveryTable_shouldOutliveTheStack() {
        List<String> dropped = new ArrayList<>();
        translated.path("Resources").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            if ((type.equals("AWS::DynamoDB::Table") || type.equals("AWS::Cognito::UserPool"))
                    && !(entry.getValue().path("DeletionPolicy").asText().equals("Retain")
                    && entry.getValue().path("UpdateReplacePolicy").asText().equals("Retain"))) {
                dropped.add(entry.getKey());
            }
        });
        assertThat(dropped).isEmpty();
    }

    /** How many resources of one SAM type the source template declares (each on its own {@code Type:} line). */
    private static int occurrences(String source, String typeLine) {
        int count = 0;
        for (int at = source.indexOf(typeLine); at >= 0; at = source.indexOf(typeLine, at + 1)) {
            count++;
        }
        assertThat(count).as(typeLine.strip()).isPositive();
        return count;
    }

    private static JsonNode first(String type) {
        for (JsonNode resource : translated.path("Resources")) {
            if (resource.path("Type").asText().equals(type)) {
                return resource;
            }
        }
        throw new AssertionError("no " + type + " in the translated template");
    }

    private record Result(int exit, String output, String errors) {
    }

    private static boolean runs(String... command) {
        try {
            return run(command).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("template-tool", ".out");
        Path err = Files.createTempFile("template-tool", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
