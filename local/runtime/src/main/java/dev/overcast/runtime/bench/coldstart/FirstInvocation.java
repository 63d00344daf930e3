package dev.overcast.runtime.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.functions.converge.ConvergeCloud;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One cold Lambda invocation in a fresh JVM: {@code spring} (FunctionInvoker, as template.yaml's
 * handler) or {@code plain} (the function's plain {@code RequestHandler}: {@link PlainConverge}, or
 * {@link PlainApi} for {@code api}, {@link PlainStep} for a {@code common} step) on the request in the file named third; {@code primed} as the fourth
 * argument runs the application's SnapStart priming between init and the invocation. Prints a line when
 * init is over (so a parent reading {@code -Xlog:class+load} on the same stdout can tell the classes init
 * loaded from those the invocation loaded), the result line, then the JVM's peak resident memory, and
 * exits: the parent times the process up to the result line.
 */
public final class FirstInvocation {
    public static final String RESULT = "overcast-bench-result ";
    public static final String PEAK_RSS = "overcast-bench-peak-rss-kb ";
    public static final String INVOKING = "overcast-bench-invoking";

    private FirstInvocation() {
    }

    /** Arguments: {@code spring|plain}, {@code converge|api|common}, the request file, optionally {@code primed}. */
    public static void main(String[] args) throws IOException {
        byte[] request = Files.readAllBytes(Path.of(args[2]));
        UnaryOperator<byte[]> handler = switch (args[0] + " " + args[1]) {
            case "spring converge", "spring api", "spring common" -> spring();
            case "plain converge" -> plain(new PlainConverge(), ConvergeCloud.Request.class);
            case "plain api" -> plain(new PlainApi(), APIGatewayProxyRequestEvent.class);
            case "plain common" -> {
                PlainStep step = new PlainStep();
                yield plain(step, step.input());
            }
            default -> throw new IllegalArgumentException("arguments: spring|plain converge|api|common, were " + args[0] + " " + args[1]);
        };
        if (args.length > 3 && args[3].equals("primed")) {
            BenchPriming.beforeCheckpoint();
        }
        System.out.println(INVOKING);
        String result = new String(handler.apply(request), StandardCharsets.UTF_8);
        System.out.println(RESULT + result.replace('\n', ' '));
        System.out.println(PEAK_RSS + peakResidentKb());
        System.out.flush();
        System.exit(0);
    }

    private static UnaryOperator<byte[]> spring() {
        FunctionInvoker invoker = new FunctionInvoker();
        return request -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = new ByteArrayInputStream(request)) {
                invoker.handleRequest(in, out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        };
    }

    /** A plain handler, its request and result (de)serialized by Jackson, standing in for the Lambda runtime's serializer. */
    private static <I> UnaryOperator<byte[]> plain(RequestHandler<I, ?> handler, Class<I> input) {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return request -> {
            try {
                return json.writeValueAsBytes(handler.handleRequest(json.readValue(request, input), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** VmHWM of /proc/self/status: the most resident memory this process ever had. */
    private static long peakResidentKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
