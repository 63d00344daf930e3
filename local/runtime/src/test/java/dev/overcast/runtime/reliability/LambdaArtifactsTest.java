package dev.overcast.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.asm.ClassReader;

/**
 * Every Lambda artifact template.yaml deploys, as {@code mvn package} leaves it in its {@code CodeUri}'s
 * {@code target/} (classes at the root, jars in {@code lib/}, as Lambda's Java runtime loads them): the
 * handler and each function's {@code MAIN_CLASS} are in it, every class our code reaches from that main
 * finds what it names (in the zip or the JDK), and it carries no cloud SDK its functions don't call and
 * no AWS HTTP client but URLConnection.
 * In the full build the reactor packages the function modules before this module's tests run.
 */
class LambdaArtifactsTest {
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final String OWN_CLASSES = "dev/overcast/";
    /** Where each cloud's SDK lives in a jar; an artifact may carry only the SDK of the cloud it converges. */
    private static final Map<String, String> CLOUD_SDKS = Map.of(
            "EC2", "software/amazon/awssdk/services/ec2/",
            "GCP", "com/google/cloud/",
            "Azure", "com/azure/");
    private static final Map<String, Set<String>> SDKS_BY_CODE_URI = Map.of(
            "functions/common", Set.of(),
            "functions/api", Set.of(),
            "functions/aws", Set.of("EC2"),
            "functions/gcp", Set.of("GCP"),
            "functions/azure", Set.of("Azure"));

    /** The AWS SDK's HTTP clients other than URLConnection: heavier to load, and none of our clients is built on them. */
    private static final List<String> OTHER_AWS_HTTP_CLIENTS = List.of("software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/nio/netty/");

    private static String handler;
    private static Map<String, Set<String>> mainsByCodeUri;

    @BeforeAll
    static void readTemplate() throws IOException {
        JsonNode template = new YAMLMapper().readTree(Files.readString(REPOSITORY.resolve("template.yaml"))
                .replaceAll("!(Sub|Ref|GetAtt|If|Equals|Not|Select|Join)\\b", ""));
        handler = template.at("/Globals/Function/Handler").asText();
        mainsByCodeUri = new TreeMap<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Serverless::Function")) {
                mainsByCodeUri.computeIfAbsent(resource.at("/Properties/CodeUri").asText(), uri -> new TreeSet<>())
                        .add(resource.at("/Properties/Environment/Variables/MAIN_CLASS").asText());
            }
        });
    }

    static List<String> codeUris() {
        return SDKS_BY_CODE_URI.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("codeUris")
    void artifact_shouldCarryTheHandlerAndEveryClassItsFunctionsReach(String codeUri) throws IOException {
        assertThat(mainsByCodeUri).as("template.yaml's CodeUris").containsKey(codeUri);
        Artifact artifact = Artifact.read(lambdaZip(codeUri));
        String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/');
        assertThat(artifact.classes).as("%s: the handler %s", codeUri, handler).containsKey(handlerClass);
        for (String main : mainsByCodeUri.get(codeUri)) {
            assertThat(artifact.classes).as("%s: MAIN_CLASS %s", codeUri, main).containsKey(main.replace('.', '/'));
            assertThat(artifact.missingFrom(main.replace('.', '/')))
                    .as("%s: classes named by our code reachable from %s but in neither the zip nor the JDK", codeUri, main)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("codeUris")
    void artifact_shouldCarryOnlyTheCloudSdkItsFunctionsCall(String codeUri) throws IOException {
        Artifact artifact = Artifact.read(lambdaZip(codeUri));
        Map<String, String> carried = new TreeMap<>();
        CLOUD_SDKS.forEach((sdk, prefix) -> artifact.classes.keySet().stream().filter(c -> c.startsWith(prefix)).findFirst()
                .ifPresent(example -> carried.put(sdk, example)));
        assertThat(carried.keySet()).as("%s carries (an example class each): %s", codeUri, carried)
                .isEqualTo(SDKS_BY_CODE_URI.get(codeUri));
    }

    @ParameterizedTest
    @MethodSource("codeUris")
    void artifact_shouldCarryNoAwsHttpClientButUrlConnection(String codeUri) throws IOException {
        Set<String> classes = Artifact.read(lambdaZip(codeUri)).classes.keySet();
        assertThat(classes).as("%s: the URLConnection client", codeUri).contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient");
        assertThat(classes.stream().filter(c -> OTHER_AWS_HTTP_CLIENTS.stream().anyMatch(c::startsWith)).findFirst())
                .as("%s: an AWS HTTP client other than URLConnection", codeUri).isEmpty();
    }

    private static Path lambdaZip(String codeUri) throws IOException {
        Path target = REPOSITORY.resolve(codeUri).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Lambda zip in " + target + "; build every artifact with"
                            + " mvn -B -DskipTests -Dexec.skip=true -pl functions/common,functions/aws,functions/gcp,"
                            + "functions/azure,functions/api -am install"));
        }
    }

    /** A Lambda zip's classes (root and lib/ jars), with the bytes of ours to follow what they name. */
    private record Artifact(Map<String, byte[]> classes) {
        private static final Map<Path, Artifact> READ = new HashMap<>();

        static Artifact read(Path zip) throws IOException {
            Artifact known = READ.get(zip);
            if (known != null) {
                return known;
            }
            Map<String, byte[]> classes = new HashMap<>();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                        readClasses(new ZipInputStream(in), classes);
                    } else if (entry.getName().endsWith(".class")) {
                        classes.put(className(entry), in.readAllBytes());
                    }
                }
            }
            Artifact artifact = new Artifact(classes);
            READ.put(zip, artifact);
            return artifact;
        }

        /** Reads a nested jar without closing the stream it comes from. */
        private static void readClasses(ZipInputStream jar, Map<String, byte[]> classes) throws IOException {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                if (entry.getName().endsWith(".class")) {
                    String name = className(entry);
                    classes.put(name, name.startsWith(OWN_CLASSES) ? jar.readAllBytes() : new byte[0]);
                }
            }
        }

        private static String className(ZipEntry entry) {
            return entry.getName().substring(0, entry.getName().length() - ".class".length());
        }

        /** Classes named (constant pool) by our classes reachable from {@code main} that nothing here defines. */
        Set<String> missingFrom(String main) {
            Set<String> missing = new TreeSet<>();
            Set<String> seen = new TreeSet<>(List.of(main));
            Deque<String> toVisit = new ArrayDeque<>(seen);
            while (!toVisit.isEmpty()) {
                String visiting = toVisit.pop();
                for (String named : namedClasses(classes.get(visiting))) {
                    if (!classes.containsKey(named) && !inJdk(named)) {
                        missing.add(named + " (named by " + visiting + ")");
                    } else if (named.startsWith(OWN_CLASSES) && classes.containsKey(named) && seen.add(named)) {
                        toVisit.push(named);
                    }
                }
            }
            return missing;
        }

        private static Set<String> namedClasses(byte[] bytes) {
            ClassReader reader = new ClassReader(bytes);
            char[] buffer = new char[reader.getMaxStringLength()];
            Set<String> named = new TreeSet<>();
            for (int item = 1; item < reader.getItemCount(); item++) {
                int offset = reader.getItem(item);
                // A CONSTANT_Class entry (tag 7); arrays name their element type after the brackets.
                if (offset > 0 && reader.readByte(offset - 1) == 7) {
                    String name = reader.readUTF8(offset, buffer).replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                    if (name.contains("/")) {
                        named.add(name);
                    }
                }
            }
            return named;
        }

        private static boolean inJdk(String name) {
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(name + ".class")) {
                return in != null;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
