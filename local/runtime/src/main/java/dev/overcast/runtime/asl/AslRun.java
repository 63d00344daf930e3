package dev.overcast.runtime.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.InvalidDefinitionException;
import dev.overcast.asl.Json;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.clock.RealClock;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.asl.sam.SamTemplate;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.asl.task.TaskResources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code overcast asl run DEFINITION.json --input JSON_OR_@FILE [--template template.yaml]}: runs one
 * execution and prints {@code {"status","output"}} or {@code {"status","error","cause"}}. Exit codes:
 * 0 succeeded, 1 failed, 2 invalid definition or input.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one execution of a definition and print its outcome as JSON.")
public final class AslRun implements Callable<Integer> {
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEFINITION", description = "The ASL definition (JSON file).")
    private Path definition;

    @Option(names = "--input", defaultValue = "{}", paramLabel = "JSON_OR_@FILE",
            description = "Execution input: JSON text, or @path to a JSON file (default: {}).")
    private String input;

    @Option(names = "--template", paramLabel = "TEMPLATE",
            description = "SAM template: applies the DefinitionSubstitutions of the state machine whose "
                    + "DefinitionUri is DEFINITION and resolves its Task resources.")
    private Path template;

    @Option(names = "--real-time", description = "Wait in real time (default: a virtual clock, waits cost nothing).")
    private boolean realTime;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExecutionClock clock = realTime ? new RealClock() : new VirtualClock(Instant.now());
        JsonNode definitionJson;
        JsonNode inputJson;
        try {
            definitionJson = Json.parse(Files.readString(definition));
            inputJson = Json.parse(input.startsWith("@") ? Files.readString(Path.of(input.substring(1))) : input);
        } catch (IOException | IllegalArgumentException e) {
            err.println("overcast asl run: " + e.getMessage());
            return INVALID;
        }
        ExecutionResult result;
        try {
            Interpreter interpreter;
            if (template == null) {
                interpreter = new Interpreter(TaskResources.none(), clock);
            } else {
                SamTemplate sam = SamTemplate.load(template);
                definitionJson = substituted(sam).orElse(definitionJson);
                interpreter = SamDeployment.deploy(sam, AslRun::unavailable, null, clock).interpreter();
            }
            StateMachine machine = interpreter.parse(definitionJson);
            result = interpreter.execute(machine, machineName(), inputJson);
        } catch (InvalidDefinitionException e) {
            err.println("overcast asl run: invalid definition " + definition + ":");
            e.problems().forEach(problem -> err.println("  " + problem));
            return INVALID;
        } catch (IOException | IllegalArgumentException e) {
            err.println("overcast asl run: " + e.getMessage());
            return INVALID;
        }
        ObjectNode outcome = Json.object();
        outcome.put("status", result.status().name());
        if (result.succeeded()) {
            outcome.set("output", result.output());
        } else {
            outcome.put("error", result.error());
            outcome.put("cause", result.cause());
        }
        out.println(Json.write(outcome));
        out.flush();
        return result.succeeded() ? SUCCEEDED : FAILED;
    }

    /** Function beans are plugged in by the full runtime; standalone, a Task fails naming the bean it needs. */
    private static Optional<Function<JsonNode, JsonNode>> unavailable(String bean) {
        return Optional.of(event -> {
            throw new FunctionError("BeanNotAvailable", "the function bean '" + bean
                    + "' is not available to 'overcast asl run'; the local runtime provides function beans");
        });
    }

    /** The template's definition for this file (substitutions applied), if the template has it. */
    private Optional<JsonNode> substituted(SamTemplate sam) throws IOException {
        Path file = definition.toRealPath();
        Path base = template.toAbsolutePath().getParent();
        for (SamTemplate.SamStateMachine machine : sam.stateMachines().values()) {
            Path uri = machine.definitionUri() == null ? null : base.resolve(machine.definitionUri());
            if (uri != null && Files.exists(uri) && uri.toRealPath().equals(file)) {
                return Optional.of(machine.definition());
            }
        }
        return Optional.empty();
    }

    private String machineName() {
        String name = definition.getFileName().toString();
        return name.replaceAll("(\\.asl)?\\.json$", "");
    }
}
