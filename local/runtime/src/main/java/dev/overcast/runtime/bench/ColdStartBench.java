package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.dynamodb.local.LocalDynamoDb;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.api.ApiFunctions;
import dev.overcast.functions.api.Flow;
import dev.overcast.runtime.bench.coldstart.BenchApiLambda;
import dev.overcast.runtime.bench.coldstart.BenchCommonLambda;
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
import java.util.Locale;
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
 * Cold start of each cloud's converge Lambda and of the console API: a fresh JVM per run on the function
 * module's Lambda zip (target/*-lambda.zip, unpacked as Lambda would), timed from process start to the
 * first result, through Spring Cloud Function's FunctionInvoker (template.yaml's handler, with its
 * JAVA_TOOL_OPTIONS), the same with SnapStart's priming run after init, and through a plain
 * RequestHandler doing the same work; also without the template's options and with an AppCDS archive
 * recorded by a training run. The converge work is one round in destroy mode on an empty cluster: lease
 * renewal, plan, inventory, one list per kind on cloudsim through the real SDK clients, the progress
 * write; the API's is a tenant's cluster list. For each FunctionInvoker variant one more run logs every
 * class load, and the classes loaded during init and during the first invocation are counted: primed,
 * the second share is what a SnapStart snapshot could not have pre-loaded.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
        description = "Lambda cold start (FunctionInvoker, primed, vs plain handler) per function, in separate JVMs.")
public final class ColdStartBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER_PACKAGE = BenchLambda.class.getPackageName().replace('.', '/') + "/";

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per function and variant (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = {"--functions", "--clouds"}, split = ",", defaultValue = "aws,gcp,azure,api,common",
            description = "Functions: a cloud's converge function, the console API or the common steps' listAccountClusters (default ${DEFAULT-VALUE}).")
    List<String> functions;

    @Option(names = "--variants", split = ",", defaultValue = "functionInvoker,functionInvokerPrimed,plainHandler,"
            + "functionInvokerWithoutTemplateOptions,functionInvokerAppCds,plainHandlerAppCds", description = "Variants to measure (default: all).")
    List<String> variants;

    /** A way of starting the function: the handler, the JVM options, and whether SnapStart's priming ran after init. */
    private record Variant(String name, String handler, boolean templateOptions, boolean appCds, boolean primed) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("functionInvoker", "spring", true, false, false),
            new Variant("functionInvokerPrimed", "spring", true, false, true),
            new Variant("plainHandler", "plain", true, false, false),
            new Variant("functionInvokerWithoutTemplateOptions", "spring", false, false, false),
            new Variant("functionInvokerAppCds", "spring", true, true, false),
            new Variant("plainHandlerAppCds", "plain", true, true, false));

    /** One run's figures: time to the result, peak RSS, and (with -Xlog:class+load) classes loaded before and during the invocation. */
    private record Run(long millis, long peakKb, int classesAtInit, int classesByInvocation) {
    }

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
            for (String function : functions) {
                Path artifact = unpack(lambdaZip(home, function), work.resolve(function));
                Map<String, String> env = new LinkedHashMap<>();
                env.put("OVERCAST_TABLE_PREFIX", "cold-");
                env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
                env.put("AWS_REGION", "us-east-1");
                env.put("AWS_ACCESS_KEY_ID", "coldstart");
                env.put("AWS_SECRET_ACCESS_KEY", "coldstart");
                Path request = work.resolve(function + "-request.json");
                if (function.equals("api")) {
                    env.put("MAIN_CLASS", BenchApiLambda.class.getName());
                    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", ApiFunctions.CONSOLE_API);
                    for (Flow flow : Flow.values()) {
                        env.put(flow.machine().toUpperCase(Locale.ROOT).replace('-', '_') + "_ARN",
                                "arn:aws:states:us-east-1:111111111111:stateMachine:cold-" + flow.machine());
                    }
                    // A tenant's cluster list, the console's first read: one query of the clusters table.
                    Files.copy(home.resolve("events/api/list-clusters.json"), request, StandardCopyOption.REPLACE_EXISTING);
                } else if (function.equals("common")) {
                    env.put("MAIN_CLASS", BenchCommonLambda.class.getName());
                    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", OvercastFunctions.LIST_ACCOUNT_CLUSTERS);
                    // reconcile-all's first step: one query of an account's clusters.
                    Files.copy(home.resolve("events/list-account-clusters/hourly.json"), request, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    env.put("MAIN_CLASS", BenchLambda.class.getName());
                    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "convergeCloud");
                    env.put("OVERCAST_BENCH_CLOUD", function);
                    env.put("OVERCAST_BENCH_ENDPOINT", endpoint(cloudSim, function).toString());
                    env.put("OVERCAST_BENCH_AZURE_PEM", pem.toString());
                    Files.writeString(request, request(home, store, function));
                }
                String classpath = driver + ":" + artifact.resolve("function.jar") + ":" + artifact.resolve("lib") + "/*";
                report.put(function, measure(function, work, classpath, env, request, templateOptions(home)));
            }
        }
        report.publish(System.out);
        return 0;
    }

    private Map<String, Object> measure(String function, Path work, String classpath, Map<String, String> env, Path request,
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
                    Path archive = work.resolve(function + "-" + variant.handler() + ".jsa");
                    Files.deleteIfExists(archive);
                    List<String> training = new ArrayList<>(options);
                    training.add("-XX:ArchiveClassesAtExit=" + archive);
                    run(classpath, training, env, invocation(function, variant), request, work.resolve(function + "-" + variant.name() + "-training.log"));
                    options.add("-XX:SharedArchiveFile=" + archive);
                }
                List<Long> millis = new ArrayList<>();
                List<Long> peakKb = new ArrayList<>();
                Path log = work.resolve(function + "-" + variant.name() + ".log");
                for (int i = 0; i < runs; i++) {
                    Run measured = run(classpath, options, env, invocation(function, variant), request, log);
                    millis.add(measured.millis());
                    peakKb.add(measured.peakKb());
                }
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("medianMs", median(millis));
                stats.put("minMs", millis.stream().mapToLong(Long::longValue).min().orElse(0));
                stats.put("maxMs", millis.stream().mapToLong(Long::longValue).max().orElse(0));
                stats.put("medianPeakRssMb", Math.round(median(peakKb) / 102.4) / 10.0);
                stats.put("jvmOptions", String.join(" ", options.subList(1, options.size())));
                if (variant.handler().equals("spring") && !variant.appCds()) {
                    // One more run, logging every class load: its timing is not counted, the log would slow it.
                    List<String> logging = new ArrayList<>(options);
                    logging.add("-Xlog:class+load=info:stdout");
                    Run classes = run(classpath, logging, env, invocation(function, variant), request, log);
                    stats.put("classesLoadedAtInit", classes.classesAtInit());
                    stats.put("classesLoadedByFirstInvocation", classes.classesByInvocation());
                    stats.put("firstInvocationClassShare", share(classes));
                }
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
        // The share of classes SnapStart cannot pre-load: those the first invocation after a primed snapshot still loads.
        if (results.get("functionInvokerPrimed") instanceof Map<?, ?> primed && primed.containsKey("firstInvocationClassShare")) {
            results.put("firstInvocationClassShare", primed.get("firstInvocationClassShare"));
        }
        return results;
    }

    /** FirstInvocation's arguments before the request file: the handler and the function's kind, then after it the priming. */
    private static List<String> invocation(String function, Variant variant) {
        String kind = function.equals("api") || function.equals("common") ? function : "converge";
        return List.of(variant.handler(), kind, variant.primed() ? "primed" : "cold");
    }

    private static double share(Run run) {
        int all = run.classesAtInit() + run.classesByInvocation();
        return all == 0 ? 0 : Math.round(10_000.0 * run.classesByInvocation() / all) / 10_000.0;
    }

    /**
     * One fresh JVM: milliseconds from its start to the result line, its peak resident memory (kB), and
     * the {@code [class,load]} lines it printed before and after FirstInvocation's line saying init is over.
     */
    private static Run run(String classpath, List<String> options, Map<String, String> env, List<String> invocation, Path request,
                           Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, FirstInvocation.class.getName(), invocation.get(0), invocation.get(1), request.toString(),
                invocation.get(2)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        long elapsed = -1;
        long peak = -1;
        String result = null;
        int[] classes = new int[2];
        List<String> invocationClasses = new ArrayList<>();
        int phase = 0;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("[class,load]")) {
                    classes[phase]++;
                    if (phase == 1) {
                        invocationClasses.add(line);
                    }
                } else if (line.equals(FirstInvocation.INVOKING)) {
                    phase = 1;
                } else if (line.startsWith(FirstInvocation.RESULT)) {
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
        // The API answers the tenant's (empty) cluster list: 200; listAccountClusters an account's (empty) list.
        JsonNode answer = result == null ? null : JSON.readTree(result);
        boolean expected = answer != null && switch (invocation.get(1)) {
            case "api" -> answer.path("statusCode").asInt() == 200;
            case "common" -> answer.path("clusters").isArray();
            default -> answer.path("pending").asInt(-1) == 0;
        };
        if (exit != 0 || !expected) {
            throw new IllegalStateException("the function did not give the expected answer (exit " + exit + ", result " + result
                    + ", last output " + other.subList(Math.max(0, other.size() - 5), other.size()) + "); see " + log);
        }
        if (!invocationClasses.isEmpty()) {
            // What the first invocation still loaded: the list to shorten next.
            Files.write(log.resolveSibling(log.getFileName() + ".first-invocation-classes"), invocationClasses);
        }
        return new Run(elapsed, peak, classes[0], classes[1]);
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
            default -> throw new IllegalArgumentException("--functions: aws, gcp, azure or api, was " + cloud);
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
        for (String module : List.of("common", "aws", "gcp", "azure", "api")) {
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
                            + "; build it with: mvn -B -q -DskipTests -Dexec.skip=true -pl functions/" + module + " -am install"));
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
