package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.dynamodb.local.LocalDynamoDb;
import dev.overcast.functions.LeaseRef;
import dev.overcast.runtime.bench.coldstart.BenchLambda;
import dev.overcast.runtime.bench.coldstart.FirstInvocation;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold start of the converge Lambda of each cloud: a fresh JVM per run on the function module's Lambda
 * zip (target/*-lambda.zip, unpacked as Lambda would), timed from process start to the first result,
 * through Spring Cloud Function's FunctionInvoker (template.yaml's handler, with its
 * JAVA_TOOL_OPTIONS) and through a plain RequestHandler doing the same work; also without the template's
 * options and with an AppCDS archive recorded by a training run. The work is one converge round in
 * destroy mode on an empty cluster: lease renewal, plan, inventory, one list per kind on cloudsim through
 * the real SDK clients, the progress write.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
        description = "Lambda cold start (FunctionInvoker vs plain handler) per cloud, in separate JVMs.")
public final class ColdStartBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER_PACKAGE = BenchLambda.class.getPackageName().replace('.', '/') + "/";

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per cloud and variant (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--clouds", split = ",", defaultValue = "aws,gcp,azure", description = "Clouds (default ${DEFAULT-VALUE}).")
    List<String> clouds;

    @Option(names = "--variants", split = ",", defaultValue = "functionInvoker,plainHandler,functionInvokerWithoutTemplateOptions,"
            + "functionInvokerAppCds,plainHandlerAppCds", description = "Variants to measure (default: all).")
    List<String> variants;

    /** A way of starting the function: the handler and the JVM options. */
    private record Variant(String name, String handler, boolean templateOptions, boolean appCds) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("functionInvoker", "spring", true, false),
            new Variant("plainHandler", "plain", true, false),
            new Variant("functionInvokerWithoutTemplateOptions", "spring", false, false),
            new Variant("functionInvokerAppCds", "spring", true, true),
            new Variant("plainHandlerAppCds", "plain", true, true));

    @Override
    public Integer call() throws Exception {
        Path home = BenchReport.home();
        Path work = BenchReport.outputDirectory().resolve("cold-start");
        BenchReport report = new BenchReport("cold-start")
                .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .put("templateJavaToolOptions", templateOptions(home))
                .put("runs", runs)
                .put("artifactMb", artifactSizes(home));
        Files.createDirectories(work);
        Path driver = driverJar(work);
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start();
             CloudSim cloudSim = CloudSim.start(CloudSimConfig.defaults())) {
            Tables tables = new Tables("cold-");
            tables.createAll(dynamoDb.client());
            Store store = Store.create(dynamoDb.client(), tables, Clock.systemUTC());
            Path pem = work.resolve("azure.pem");
            Files.writeString(pem, cloudSim.azureTrust().pem());
            for (String cloud : clouds) {
                Path artifact = unpack(lambdaZip(home, cloud), work.resolve(cloud));
                Map<String, String> env = new LinkedHashMap<>();
                env.put("MAIN_CLASS", BenchLambda.class.getName());
                env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "convergeCloud");
                env.put("OVERCAST_TABLE_PREFIX", "cold-");
                env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
                env.put("AWS_REGION", "us-east-1");
                env.put("AWS_ACCESS_KEY_ID", "coldstart");
                env.put("AWS_SECRET_ACCESS_KEY", "coldstart");
                env.put("OVERCAST_BENCH_CLOUD", cloud);
                env.put("OVERCAST_BENCH_ENDPOINT", endpoint(cloudSim, cloud).toString());
                env.put("OVERCAST_BENCH_AZURE_PEM", pem.toString());
                Path request = work.resolve(cloud + "-request.json");
                Files.writeString(request, request(home, store, cloud));
                String classpath = driver + ":" + artifact.resolve("function.jar") + ":" + artifact.resolve("lib") + "/*";
                report.put(cloud, measure(cloud, work, classpath, env, request, templateOptions(home)));
            }
        }
        report.publish(System.out);
        return 0;
    }

    private Map<String, Object> measure(String cloud, Path work, String classpath, Map<String, String> env, Path request,
                                        String templateOptions) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Variant variant : VARIANTS.stream().filter(v -> variants.contains(v.name())).toList()) {
            List<String> options = new ArrayList<>();
            // A crashing JVM writes its report next to the logs, not into the checkout.
            options.add("-XX:ErrorFile=" + work.resolve("hs_err_%p.log"));
            if (variant.templateOptions()) {
                options.addAll(List.of(templateOptions.split("\\s+")));
            }
            try {
                if (variant.appCds()) {
                    Path archive = work.resolve(cloud + "-" + variant.handler() + ".jsa");
                    Files.deleteIfExists(archive);
                    List<String> training = new ArrayList<>(options);
                    training.add("-XX:ArchiveClassesAtExit=" + archive);
                    run(classpath, training, env, variant.handler(), request, work.resolve(cloud + "-" + variant.name() + "-training.log"));
                    options.add("-XX:SharedArchiveFile=" + archive);
                }
                List<Long> millis = new ArrayList<>();
                List<Long> peakKb = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long[] measured = run(classpath, options, env, variant.handler(), request, work.resolve(cloud + "-" + variant.name() + ".log"));
                    millis.add(measured[0]);
                    peakKb.add(measured[1]);
                }
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("medianMs", median(millis));
                stats.put("minMs", millis.stream().mapToLong(Long::longValue).min().orElse(0));
                stats.put("maxMs", millis.stream().mapToLong(Long::longValue).max().orElse(0));
                stats.put("medianPeakRssMb", Math.round(median(peakKb) / 102.4) / 10.0);
                stats.put("jvmOptions", String.join(" ", options.subList(1, options.size())));
                results.put(variant.name(), stats);
                medians.put(variant.name(), median(millis));
            } catch (IllegalStateException e) {
                // One variant failing (a JVM crash while dumping an archive) leaves the others' numbers standing.
                String reason = e.getMessage();
                results.put(variant.name(), "failed: " + reason.substring(0, Math.min(reason.length(), 300)));
            }
        }
        if (medians.containsKey("functionInvoker") && medians.containsKey("plainHandler")) {
            results.put("functionInvokerOverPlain", Math.round(100.0 * medians.get("functionInvoker") / medians.get("plainHandler")) / 100.0);
        }
        return results;
    }

    /** One fresh JVM: milliseconds from its start to the result line, and its peak resident memory (kB). */
    private static long[] run(String classpath, List<String> options, Map<String, String> env, String handler, Path request,
                              Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, FirstInvocation.class.getName(), handler, request.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        long elapsed = -1;
        long peak = -1;
        String result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(FirstInvocation.RESULT)) {
                    elapsed = (System.nanoTime() - start) / 1_000_000;
                    result = line.substring(FirstInvocation.RESULT.length());
                } else if (line.startsWith(FirstInvocation.PEAK_RSS)) {
                    peak = Long.parseLong(line.substring(FirstInvocation.PEAK_RSS.length()).trim());
                } else {
                    other.add(line);
                }
            }
        }
        int exit = process.waitFor();
        // Destroy's first round on an empty cluster finds nothing and asks to look once more: pending 0, not settled yet.
        JsonNode answer = result == null ? null : JSON.readTree(result);
        if (exit != 0 || answer == null || answer.path("pending").asInt(-1) != 0) {
            throw new IllegalStateException("the function did not answer a round that found nothing (exit " + exit + ", result " + result
                    + ", last output " + other.subList(Math.max(0, other.size() - 5), other.size()) + "); see " + log);
        }
        return new long[] {elapsed, peak};
    }

    /** A cluster of one cloud, recorded with a lease the child renews: destroy mode finds nothing owned. */
    private static String request(Path home, Store store, String cloud) throws IOException {
        ObjectNode spec = (ObjectNode) new YAMLMapper().readTree(Files.readString(home.resolve("examples/single-cloud-dev.yaml")));
        String id = "cold-" + cloud;
        spec.put("name", id).putArray("clouds").add(cloud);
        if (store.clusters().find(id).isEmpty()) {
            store.clusters().create(id, "bench", id, spec.toString());
        }
        var lease = store.locks().acquire(id, "cold-start", LeasePurpose.DESTROY, Duration.ofHours(1));
        ObjectNode request = JSON.createObjectNode().put("cloud", cloud).put("mode", "destroy");
        request.set("lease", JSON.valueToTree(LeaseRef.of(lease)));
        return request.toString();
    }

    private static URI endpoint(CloudSim cloudSim, String cloud) {
        return switch (cloud) {
            case "aws" -> cloudSim.awsEndpoint();
            case "gcp" -> cloudSim.gcpEndpoint();
            case "azure" -> cloudSim.azureEndpoint();
            default -> throw new IllegalArgumentException("--clouds: aws, gcp or azure, was " + cloud);
        };
    }

    /** template.yaml's Globals JAVA_TOOL_OPTIONS: the options every deployed function starts with. */
    private static String templateOptions(Path home) throws IOException {
        JsonNode template = new YAMLMapper().readTree(Files.readString(home.resolve("template.yaml"))
                .replaceAll("!(Sub|Ref|GetAtt|If|Equals|Not|Select|Join)\\b", ""));
        return template.at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS").asText();
    }

    private static Map<String, Double> artifactSizes(Path home) throws IOException {
        Map<String, Double> sizes = new LinkedHashMap<>();
        for (String module : List.of("common", "aws", "gcp", "azure")) {
            Path zip = lambdaZip(home, module);
            sizes.put(home.relativize(zip).toString(), Math.round(Files.size(zip) / 104857.6) / 10.0);
        }
        return sizes;
    }

    private static Path lambdaZip(Path home, String module) throws IOException {
        Path target = home.resolve("functions").resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Lambda zip in " + target
                            + "; build it with: mvn -B -q -DskipTests -pl functions/" + module + " -am package"));
        }
    }

    /**
     * The zip as Lambda lays it out, except that the root's classes go into {@code function.jar}: CDS
     * archives classes from jars only (on Lambda the same holds: an AppCDS build moves them into lib/).
     */
    private static Path unpack(Path zip, Path into) throws IOException {
        deleteTree(into);
        Files.createDirectories(into.resolve("lib"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             JarOutputStream classes = new JarOutputStream(Files.newOutputStream(into.resolve("function.jar")))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().startsWith("lib/")) {
                    Path file = into.resolve(entry.getName()).normalize();
                    if (!file.startsWith(into)) {
                        throw new IOException("zip entry outside the target: " + entry.getName());
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    classes.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(classes);
                }
            }
        }
        return into;
    }

    /** The coldstart package's classes as {@code driver.jar}, out of this runtime (jar or classes directory). */
    private static Path driverJar(Path work) throws IOException, URISyntaxException {
        Path jar = work.resolve("driver.jar");
        Path source = Path.of(ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source.resolve(DRIVER_PACKAGE))) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(source.relativize(file).toString()));
                        Files.copy(file, out);
                    }
                }
                return jar;
            }
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().startsWith(DRIVER_PACKAGE) && !entry.isDirectory()) {
                        out.putNextEntry(new JarEntry(entry.getName()));
                        in.transferTo(out);
                    }
                }
            }
        }
        return jar;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
