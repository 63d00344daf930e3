package dev.overcast.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.region.RegionSelectionException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile spec files: whatever the text, reading and planning it either succeeds or fails with a
 * validation error naming the field and the rule (or one line saying the text is not YAML/JSON); no
 * other exception escapes, and a hostile cluster name is always refused.
 */
class SpecFuzzPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Planner PLANNER = Planner.standard();
    private static final String VALID = """
            {"name": "demo", "clouds": ["aws", "gcp"], "near": "us-east",
             "masters": {"count": 1, "size": "small"},
             "workers": {"aws": {"count": 2, "size": "small"}, "gcp": {"count": 1, "size": "medium"}}}""";
    private static final List<String> PATHS = List.of("/name", "/clouds", "/clouds/0", "/near", "/masters", "/masters/count",
            "/masters/size", "/workers", "/workers/aws", "/workers/aws/count", "/workers/aws/size", "/kubernetesVersion",
            "/regions", "/network", "/network/podCidr");

    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<String> crafted = Arbitraries.of(
                "dеmo", // Cyrillic е: looks like "demo"
                "demo\u200b", "de\u202emo", "ＤＥＭＯ", "demo\u0000", "../../etc/passwd", "demo/../../x", "a\\b", "C:\\demo",
                "demo; rm -rf /", "$(id)", "`id`", "demo' OR '1'='1", "\"; DROP TABLE clusters; --", "<script>alert(1)</script>",
                "%2e%2e%2f", "demo\nname: other", "${jndi:ldap://x/a}", "{{7*7}}", "-demo", "demo-", "Demo", "1demo", "",
                "a".repeat(41), "demo.example", "demo name", "🙂");
        Arbitrary<String> random = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60)
                .filter(s -> !s.matches("[a-z]([-a-z0-9]{0,38}[a-z0-9])?"));
        return Arbitraries.oneOf(crafted, random);
    }

    @Property(tries = 300)
    void hostileName_shouldBeRefusedByTheNameRule(@ForAll("hostileNames") String name) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(VALID);
        spec.put("name", name);

        Throwable refused = catchThrowable(() -> PLANNER.plan(SpecReader.parseJson(spec.toString())));

        assertThat(refused).isInstanceOf(InvalidSpecException.class);
        assertThat(((InvalidSpecException) refused).violations()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo("name");
            assertThat(v.rule()).isNotBlank();
        });
    }

    @Provide
    Arbitrary<JsonNode> anyJsonValue() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(nodes::textNode),
                Arbitraries.integers().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.just(nodes.nullNode()),
                Arbitraries.strings().alpha().ofMaxLength(8).list().ofMaxSize(3).map(l -> {
                    var array = nodes.arrayNode();
                    l.forEach(array::add);
                    return array;
                }),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(k -> nodes.objectNode().put(k, 1)));
    }

    @Property(tries = 500)
    void anyFieldOfAnyType_shouldPlanOrFailWithFieldAndRule(@ForAll("paths") String path, @ForAll("anyJsonValue") JsonNode value)
            throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(VALID);
        int slash = path.lastIndexOf('/');
        JsonNode parent = spec.at(path.substring(0, slash));
        String field = path.substring(slash + 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(field, value);
        } else if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(field), value);
        }

        assertOnlyValidationErrors(catchThrowable(() -> PLANNER.plan(SpecReader.parseJson(spec.toString()))));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Property(tries = 500)
    void anyText_shouldReadOrFailWithOneClearError(@ForAll("texts") String text) {
        assertOnlyValidationErrors(catchThrowable(() -> PLANNER.plan(SpecReader.parseYaml(text))));
        assertOnlyValidationErrors(catchThrowable(() -> PLANNER.plan(SpecReader.parseJson(text))));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> truncated = Arbitraries.integers().between(0, VALID.length()).map(n -> VALID.substring(0, n));
        Arbitrary<String> yamlish = Arbitraries.of("name: [", "name: !!java.io.File /tmp", "&a [*a, *a]", "name: *undefined",
                "? [a]\n: b", "--- \n--- \n", "name: demo\nname: other", "\t- x", "clouds: !!binary AAAA", "%YAML 9.9\n---\nx: 1");
        return Arbitraries.oneOf(truncated, yamlish, Arbitraries.strings().all().ofMaxLength(200));
    }

    private static void assertOnlyValidationErrors(Throwable failure) {
        if (failure == null) {
            return;
        }
        assertThat(failure).isInstanceOfAny(InvalidSpecException.class, SpecFormatException.class, RegionSelectionException.class);
        if (failure instanceof InvalidSpecException invalid) {
            assertThat(invalid.violations()).isNotEmpty().allSatisfy(v -> {
                assertThat(v.field()).isNotBlank();
                assertThat(v.rule()).isNotBlank();
            });
        }
        assertThat(failure.getMessage()).isNotBlank().doesNotContain("\tat ");
    }
}
