package dev.overcast.functions.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.core.telemetry.CloudCalls;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * CloudWatch Embedded Metric Format documents, one per line of the {@code overcast.metrics} logger,
 * which logback.xml writes raw (on Lambda to stdout, where CloudWatch Logs extracts the metrics;
 * locally beside the other lines). Format:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * <p>Written with Jackson rather than powertools-metrics: its {@code Metrics} is one process-wide
 * instance holding one dimension set until a flush, meant for one handler invocation at a time, and
 * the local world runs many invocations at once in one JVM. Each document here is complete when
 * written, so concurrent invocations cannot mix their dimensions.
 */
public final class EmbeddedMetrics {
    public static final String NAMESPACE = "Overcast";
    public static final String LOGGER = "overcast.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.systemUTC();

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String emfName;

        Unit(String emfName) {
            this.emfName = emfName;
        }
    }

    private EmbeddedMetrics() {
    }

    /** Cloud calls and throttled calls per cloud and action, as drained from {@link CloudCalls}. */
    public static void cloudCalls(Map<CloudCalls.Key, CloudCalls.Counts> counts) {
        counts.forEach((key, n) -> {
            Map<String, String> dimensions = Map.of("cloud", key.cloud(), "action", key.action());
            put("CloudCalls", Unit.COUNT, n.calls(), dimensions);
            if (n.throttled() > 0) {
                put("ThrottledCalls", Unit.COUNT, n.throttled(), dimensions);
            }
        });
    }

    /**
     * One document with one metric; its dimensions become the document's dimension set, and the
     * invocation's correlation keys ride along as plain properties (searchable, not dimensions, so
     * they add no metric cardinality).
     */
    public static void put(String metric, Unit unit, double value, Map<String, String> dimensions) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", CLOCK.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", unit.emfName);
        Map<String, String> correlation = MDC.getCopyOfContextMap();
        if (correlation != null) {
            correlation.forEach(document::put);
        }
        dimensions.forEach((name, dimension) -> {
            dimensionSet.add(name);
            document.put(name, dimension);
        });
        document.put(metric, value);
        LOG.info("{}", document);
    }
}
