package dev.overcast.clouds.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    @Test
    void description_shouldCarryTheSamePairsAsTheLabels_forKindsWithoutLabels() {
        String description = Ownership.description("Team.Blue", "team-blue-network-main");

        assertThat(description).isEqualTo("overcast-cluster=team-blue overcast-resource=team-blue-network-main");
        assertThat(Ownership.fromDescription(description)).isEqualTo(OwnershipTags.of(Cloud.GCP, "Team.Blue", "team-blue-network-main"));
        assertThat(Ownership.clusterDescriptionFilter("Team.Blue")).isEqualTo("description eq \"overcast-cluster=team-blue .*\"");
    }

    @Test
    void fromDescription_shouldBeEmpty_whenTheResourceWasNotMadeByOvercast() {
        assertThat(Ownership.fromDescription("made by hand")).isEmpty();
        assertThat(Ownership.fromDescription(null)).isEmpty();
    }
}
