package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.world.CloudError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListFilterTest {

    private static final Map<String, Object> FIELDS = Map.of("name", "c1-network-main", "description", "overcast-cluster=c1 overcast-resource=x",
            "targetTags", List.of("nodes", "web"), "bgp", Map.of("asn", 64514));
    private static final Map<String, String> LABELS = Map.of("overcast-cluster", "c1", "team", "blue");

    @Test
    void matches_shouldFollowTheFormsClientsSend() {
        Map<String, Boolean> cases = Map.ofEntries(
                Map.entry("labels.overcast-cluster = \"c1\"", true),
                Map.entry("labels.overcast-cluster=c1", true),
                Map.entry("labels.overcast-cluster = \"c2\"", false),
                Map.entry("(labels.team = \"blue\") (name = \"c1-network-main\")", true),
                Map.entry("labels.team = blue AND name != c1-network-main", false),
                Map.entry("description eq \"overcast-cluster=c1 .*\"", true),
                Map.entry("name ne \"c1-.*\"", false),
                Map.entry("labels.missing = \"x\"", false),
                Map.entry("", true),
                // the has operator: a key defined, a list holding the value, nested fields by dotted path
                Map.entry("labels.team:*", true),
                Map.entry("labels.owner:*", false),
                Map.entry("targetTags:web", true),
                Map.entry("targetTags:db", false),
                Map.entry("(bgp.asn = 64514) (name:c1-network-main)", true),
                Map.entry("bgp.keepaliveInterval:*", false),
                // gcloud's rewrite of targetTags:web: a regular expression any element matches
                Map.entry("targetTags eq \".*\\bweb\\b.*\"", true));
        cases.forEach((filter, expected) ->
                assertThat(ListFilter.parse(filter).matches(FIELDS, LABELS)).as(filter).isEqualTo(expected));
    }

    @Test
    void parse_shouldAnswerInvalid_whenTheFilterIsMalformed() {
        assertThatThrownBy(() -> ListFilter.parse("labels.team = = x")).isInstanceOf(CloudError.class).hasMessageContaining("Invalid list filter");
        assertThatThrownBy(() -> ListFilter.parse("name eq \"(\"")).isInstanceOf(CloudError.class).hasMessageContaining("regular expression");
    }
}
