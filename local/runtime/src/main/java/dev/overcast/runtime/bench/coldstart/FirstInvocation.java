package dev.overcast.runtime.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.functions.converge.ConvergeCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One cold Lambda invocation in a fresh JVM: {@code spring} (FunctionInvoker, as template.yaml's
 * handler) or {@code plain} ({@link PlainConverge}) on the request in the file named second. Prints the
 * result line, then the JVM's peak resident memory, and exits: the parent times the process up to the
 * result line.
 */
public final class FirstInvocation {
    public static final String RESULT = "overcast-bench-result ";
    public static final String PEAK_RSS = "overcast-bench-peak-rss-kb ";

    private FirstInvocation() {
    }

    public static void main(String[] args) throws IOException {
        byte[] request = Files.readAllBytes(Path.of(args[1]));
        String result = switch (args[0]) {
            case "spring" -> spring(request);
            case "plain" -> plain(request);
            default -> throw new IllegalArgumentException("first argument: spring or plain, was " + args[0]);
        };
        System.out.println(RESULT + result.replace('\n', ' '));
        System.out.println(PEAK_RSS + peakResidentKb());
        System.out.flush();
        System.exit(0);
    }

    private static String spring(byte[] request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.ByteArrayInputStream(request)) {
            new FunctionInvoker().handleRequest(in, out, null);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String plain(byte[] request) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ConvergeCloud.Result result = new PlainConverge().handleRequest(json.readValue(request, ConvergeCloud.Request.class), null);
        return json.writeValueAsString(result);
    }

    /** VmHWM of /proc/self/status: the most resident memory this process ever had. */
    private static long peakResidentKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
