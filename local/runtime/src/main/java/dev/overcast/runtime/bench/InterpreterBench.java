package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.Json;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.task.TaskResources;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * State transitions per second of the ASL interpreter: a long Pass chain, and a Map over many items
 * run one iteration at a time (MaxConcurrency 1), so both measure one core's worth of interpreting.
 */
@Command(name = "interpreter", mixinStandardHelpOptions = true,
        description = "Measure ASL interpreter state transitions per second (Pass chain and Map).")
public final class InterpreterBench implements Callable<Integer> {
    @Option(names = "--states", defaultValue = "10000", description = "Pass states in the chain (default 10000).")
    private int states;

    @Option(names = "--items", defaultValue = "10000", description = "Items of the Map (default 10000).")
    private int items;

    @Option(names = "--runs", defaultValue = "10", description = "Measured runs of each (default 10).")
    private int runs;

    @Override
    public Integer call() {
        Interpreter interpreter = new Interpreter(TaskResources.none(), new VirtualClock(Instant.now()));
        StateMachine chain = interpreter.parse(passChain(states));
        StateMachine map = interpreter.parse(mapOver());
        JsonNode input = Json.parse("{\"cluster\": \"bench\", \"step\": 0}");
        ArrayNode list = Json.NODES.arrayNode();
        for (int i = 0; i < items; i++) {
            list.addObject().put("item", i);
        }
        ObjectNode mapInput = Json.object();
        mapInput.set("items", list);

        measure(interpreter, chain, input, Math.max(1, runs / 2));
        measure(interpreter, map, mapInput, Math.max(1, runs / 2));
        double chainSeconds = measure(interpreter, chain, input, runs);
        double mapSeconds = measure(interpreter, map, mapInput, runs);

        // A Map over n items makes n + 1 state transitions: the Map state and one Pass per iteration.
        new BenchReport("interpreter")
                .put("passChainStates", states)
                .put("passChainTransitionsPerSecond", Math.round(states * runs / chainSeconds))
                .put("mapItems", items)
                .put("mapTransitionsPerSecond", Math.round((items + 1.0) * runs / mapSeconds))
                .put("runs", runs)
                .publish(System.out);
        return 0;
    }

    private static double measure(Interpreter interpreter, StateMachine machine, JsonNode input, int runs) {
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            ExecutionResult result = interpreter.execute(machine, "bench", input);
            if (!result.succeeded()) {
                throw new IllegalStateException("benchmark execution failed: " + result.error() + " " + result.cause());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static JsonNode passChain(int length) {
        ObjectNode definition = Json.object();
        definition.put("StartAt", "S0");
        ObjectNode all = definition.putObject("States");
        for (int i = 0; i < length; i++) {
            ObjectNode state = all.putObject("S" + i);
            state.put("Type", "Pass");
            if (i + 1 < length) {
                state.put("Next", "S" + (i + 1));
            } else {
                state.put("End", true);
            }
        }
        return definition;
    }

    private static JsonNode mapOver() {
        return Json.parse("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                  "ResultPath": null, "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}}}}""");
    }
}
