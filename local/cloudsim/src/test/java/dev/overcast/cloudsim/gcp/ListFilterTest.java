package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.world.CloudError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListFilterTest {

    private static final Map<String, Object> FIELDS = Map.of("name", "c1-network-main", "description", "overcast-cluster=c1 overcast-resource=x");
    private static final Map<String, String> LABELS = Map.of("overcast-cluster", "c1", "team", "blue");

    @Test
    void matches_shouldFollowTheFormsClientsSend() {
        Map<String, Boolean> cases = Map.of(
                "labels.overcast-cluster = \"c1\"", true,
                "labels.overcast-cluster=c1", true,
                "labels.overcast-cluster = \"c2\"", false,
                "(labels.team = \"blue\") (name = \"c1-network-main\")", true,
                "labels.team = blue AND name != c1-network-main", false,
                "description eq \"overcast-cluster=c1 .*\"", true,
                "name ne \"c1-.*\"", false,
                "labels.missing = \"x\"", false,
                "", true);
        cases.forEach((filter, expected) ->
                assertThat(ListFilter.parse(filter).matches(FIELDS, LABELS)).as(filter).isEqualTo(expected));
    }

    @Test
    void matches_shouldTestPresenceAndMembership_withTheHasOperator() {
        Map<String, Object> fields = Map.of("name", "fw", "targetTags", List.of("nodes", "web"), "bgp", Map.of("asn", 64514));
        Map<String, Boolean> cases = Map.of(
                "labels.team:*", true,
                "labels.owner:*", false,
                "targetTags:web", true,
                "targetTags:db", false,
                "(bgp.asn = 64514) (name:fw)", true,
                "bgp.asn:*", true,
                "bgp.keepalive:*", false);
        cases.forEach((filter, expected) ->
                assertThat(ListFilter.parse(filter).matches(fields, LABELS)).as(filter).isEqualTo(expected));
    }

    @Test
    void parse_shouldAnswerInvalid_whenTheFilterIsMalformed() {
        assertThatThrownBy(() -> ListFilter.parse("labels.team = = x")).isInstanceOf(CloudError.class).hasMessageContaining("Invalid list filter");
        assertThatThrownBy(() -> ListFilter.parse("name eq \"(\"")).isInstanceOf(CloudError.class).hasMessageContaining("regular expression");
    }
}
