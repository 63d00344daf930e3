package dev.overcast.runtime.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.task.FunctionError;
import dev.overcast.runtime.Checkout;
import dev.overcast.runtime.world.LocalWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code overcast invoke FUNCTION --event FILE}: one function bean, in-process, against a fresh local world. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one function with a sample event against a fresh local world (DynamoDB Local, cloudsim, the real adapters)",
            "and prints its JSON result, like 'sam local invoke' but in-process, without Docker.",
            "FUNCTION is a bean name (acquireLock) or the name of its directory under events/ (acquire-lock).",
            "Exit status: 0 the function returned, 1 it failed (its error is printed as Lambda reports one),",
            "2 unknown function or unreadable event."
        })
public final class InvokeCommand implements Callable<Integer> {
    static final int FUNCTION_FAILED = 1;
    static final int BAD_REQUEST = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "FUNCTION", description = "bean name or events/ directory name")
    String function;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "FILE", description = "the event, a JSON file (e.g. events/acquire-lock/create.json)")
    Path event;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<JsonNode> input = read(err);
        if (input.isEmpty()) {
            return BAD_REQUEST;
        }
        try (LocalWorld world = LocalWorld.startQuietly(Checkout.root())) {
            Optional<String> bean = bean(world.functions());
            if (bean.isEmpty()) {
                err.printf("overcast invoke: no function '%s'; the functions are: %s%n", function, String.join(", ", world.functions()));
                err.flush();
                return BAD_REQUEST;
            }
            Function<JsonNode, JsonNode> step = world.function(bean.get()).orElseThrow();
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(step.apply(input.get())));
                out.flush();
                return 0;
            } catch (FunctionError e) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.createObjectNode()
                        .put("errorType", e.errorType()).put("errorMessage", e.errorMessage())));
                out.flush();
                return FUNCTION_FAILED;
            }
        }
    }

    private Optional<JsonNode> read(PrintWriter err) {
        try {
            JsonNode node = JSON.readTree(Files.readString(event));
            if (node == null || !node.isObject()) {
                err.printf("overcast invoke: --event %s: must hold one JSON object%n", event);
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            err.printf("overcast invoke: --event %s: not valid JSON: %s%n", event, e.getOriginalMessage());
            return Optional.empty();
        } catch (IOException e) {
            err.printf("overcast invoke: --event %s: cannot read it: %s%n", event, e);
            return Optional.empty();
        } finally {
            err.flush();
        }
    }

    /** The bean named, in either spelling: {@code acquireLock} or its events/ directory {@code acquire-lock}. */
    private Optional<String> bean(SortedSet<String> beans) {
        String wanted = function.replace("-", "").toLowerCase(Locale.ROOT);
        return beans.stream().filter(b -> b.equals(function) || b.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
