package dev.overcast.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.overcast.core.Cloud;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionSelectorTest {
    private final RegionCatalog catalog = RegionCatalog.standard();
    private final RegionSelector selector = new RegionSelector(catalog);

    private Region region(Cloud cloud, String name) {
        return catalog.find(cloud, name).orElseThrow();
    }

    private GeoPoint near(String hint) {
        return catalog.locate(hint).orElseThrow();
    }

    @Test
    void rtt_shouldUseTheMeanOfBothMeasuredDirections() {
        Rtt rtt = catalog.rtt(region(Cloud.AWS, "us-east-1"), region(Cloud.GCP, "us-east4"));
        assertThat(rtt.measured()).isTrue();
        assertThat(rtt.millis()).isCloseTo((1.490 + 1.757) / 2, within(1e-9));
    }

    @Test
    void rtt_shouldKnowUsEast1IsFarFromGcpUsEast1() {
        Rtt rtt = catalog.rtt(region(Cloud.AWS, "us-east-1"), region(Cloud.GCP, "us-east1"));
        assertThat(rtt.measured()).isTrue();
        assertThat(rtt.millis()).isCloseTo(21.0, within(0.5));
    }

    @Test
    void rtt_shouldEstimateAndSaySo_whenNoMeasurementExists() {
        Rtt rtt = catalog.rtt(region(Cloud.AWS, "us-east-1"), region(Cloud.AZURE, "eastus"));
        assertThat(rtt.measured()).isFalse();
        assertThat(rtt.millis()).isBetween(3.0, 9.0);
        assertThat(rtt.toString()).endsWith("(estimate)");
    }

    @Test
    void latencyModel_shouldBeCalibratedToPlausibleConstants() {
        LatencyModel model = catalog.latency();
        assertThat(model.inflation()).isBetween(1.2, 3.0);
        assertThat(model.baseMs()).isBetween(1.0, 5.0);
        assertThat(model.measuredPairs()).isGreaterThan(2000);
        assertThat(model.estimate(0)).isEqualTo(model.baseMs());
    }

    @Test
    void select_shouldPairUsEast1WithUsEast4_neverUsEast1() {
        RegionSet set = selector.select(List.of(Cloud.AWS, Cloud.GCP), near("us-east"));

        assertThat(set.region(Cloud.AWS).name()).isEqualTo("us-east-1");
        assertThat(set.region(Cloud.GCP).name()).isEqualTo("us-east4");
        assertThat(set.worstRttMillis()).isLessThan(2.0);
    }

    @Test
    void select_shouldFindTheFrankfurtTripleUnder3Ms() {
        RegionSet set = selector.select(List.of(Cloud.AWS, Cloud.GCP, Cloud.AZURE), near("frankfurt"));

        assertThat(set.regions().values()).extracting(Region::name)
                .containsExactly("eu-central-1", "europe-west3", "germanywestcentral");
        assertThat(set.pairs()).hasSize(3).allSatisfy(p -> {
            assertThat(p.rtt().measured()).isTrue();
            assertThat(p.rtt().millis()).isLessThan(3.0);
        });
    }

    @Test
    void select_shouldStayNearTheHint_andReportEveryPair() {
        RegionSet set = selector.select(List.of(Cloud.AWS, Cloud.GCP, Cloud.AZURE), near("us-east"));

        assertThat(set.regions().values()).extracting(Region::id)
                .containsExactly("aws/us-east-1", "gcp/us-east4", "azure/eastus2");
        assertThat(set.pairs()).extracting(p -> p.a().cloud() + "-" + p.b().cloud())
                .containsExactly("aws-gcp", "aws-azure", "gcp-azure");
        assertThat(set.worstRttMillis()).isLessThanOrEqualTo(RegionSelector.MAX_RTT_MS);
    }

    @Test
    void select_shouldPickTheNearestRegion_forASingleCloud() {
        RegionSet set = selector.select(List.of(Cloud.GCP), near("tokyo"));
        assertThat(set.region(Cloud.GCP).name()).isEqualTo("asia-northeast1");
        assertThat(set.pairs()).isEmpty();
    }

    @Test
    void select_shouldRejectAnExplicitSetOver10Ms_namingTheOffendingPair() {
        Map<Cloud, Region> pinned = Map.of(Cloud.AWS, region(Cloud.AWS, "us-east-1"), Cloud.GCP, region(Cloud.GCP, "us-east1"));

        assertThatThrownBy(() -> selector.select(List.of(Cloud.AWS, Cloud.GCP), null, pinned))
                .isInstanceOfSatisfying(RegionSelectionException.class, e -> {
                    assertThat(e.getMessage()).contains("aws/us-east-1 <-> gcp/us-east1 at 20.94 ms");
                    assertThat(e.best().region(Cloud.GCP).name()).isEqualTo("us-east1");
                });
    }

    @Test
    void select_shouldRefuseAndNameTheBestSet_whenNoSetFitsTheBudget() {
        // No GCP region near Cape Town is within 10 ms of AWS af-south-1's neighbourhood.
        assertThatThrownBy(() -> selector.select(List.of(Cloud.AWS, Cloud.GCP), new GeoPoint(-33.9, 18.5)))
                .isInstanceOf(RegionSelectionException.class)
                .hasMessageContaining("the best region set found (aws/af-south-1, gcp/africa-south1)");
    }

    @Test
    void select_shouldChooseTheOtherCloudsAroundAPinnedRegion() {
        RegionSet set = selector.select(List.of(Cloud.AWS, Cloud.GCP, Cloud.AZURE), null,
                Map.of(Cloud.GCP, region(Cloud.GCP, "europe-west3")));
        assertThat(set.region(Cloud.AWS).name()).isEqualTo("eu-central-1");
        assertThat(set.region(Cloud.AZURE).name()).isEqualTo("germanywestcentral");
    }

    @Test
    void select_shouldBeDeterministic() {
        List<Cloud> clouds = List.of(Cloud.AZURE, Cloud.AWS, Cloud.GCP);
        assertThat(selector.select(clouds, near("london"))).isEqualTo(selector.select(List.of(Cloud.AWS, Cloud.GCP, Cloud.AZURE), near("london")));
    }

    @Test
    void locate_shouldAcceptMetrosAndCoordinates_andRejectTheRest() {
        assertThat(catalog.locate("Sao Paulo")).isPresent();
        assertThat(catalog.locate("50.1, 8.7")).contains(new GeoPoint(50.1, 8.7));
        assertThat(catalog.locate("91,0")).isEmpty();
        assertThat(catalog.locate("atlantis")).isEmpty();
    }

    @Test
    void distance_shouldMatchAKnownGreatCircle() {
        // London to New York is about 5,570 km.
        assertThat(new GeoPoint(51.5074, -0.1278).distanceKm(new GeoPoint(40.7128, -74.0060))).isCloseTo(5570, within(15.0));
    }
}
