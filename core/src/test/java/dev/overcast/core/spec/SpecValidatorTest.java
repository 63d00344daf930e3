package dev.overcast.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.overcast.core.Cloud;

class SpecValidatorTest {
    private final SpecValidator validator = SpecValidator.standard();

    private static ClusterSpec spec(String name, List<String> clouds, Map<String, String> regions, String near,
                                    MachinePool masters, Map<String, MachinePool> workers, NetworkSpec network) {
        return new ClusterSpec(name, clouds, regions, near, masters, workers, network, null);
    }

    private static ClusterSpec threeClouds() {
        return spec("demo", List.of("aws", "gcp", "azure"), null, "us-east", new MachinePool(3, "medium"),
                Map.of("aws", new MachinePool(2, "small"), "gcp", new MachinePool(2, null), "azure", new MachinePool(2, "Standard_D4as_v5")), null);
    }

    @Test
    void validate_shouldAcceptAValidThreeCloudSpec() {
        assertThat(validator.validate(threeClouds())).isEmpty();
    }

    /** Two masters go to the first two clouds (aws, gcp), so only their catalogs are named. */
    @Test
    void validate_shouldReturnEveryViolationAtOnce() {
        ClusterSpec bad = spec("Demo_1", List.of("aws", "gcp", "oracle", "azure"), null, "atlantis",
                new MachinePool(2, "gigantic"),
                Map.of("azure", new MachinePool(250, "medium")),
                new NetworkSpec(Map.of("aws", "10.10.1.0/16"), "10.300.0.0/16", "10.0.0.0/8"));

        assertThat(validator.validate(bad)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "name: must be lowercase letters, digits and '-', start with a letter and end with a letter or digit, was 'Demo_1' [dns-label]",
                "clouds: must list 1 to 3 clouds, was 4 [count]",
                "clouds.2: must be one of aws, gcp, azure, was 'oracle' [enum]",
                "near: 'atlantis' is neither a known place (e.g. us-east, eu-central, frankfurt, tokyo) nor 'latitude,longitude' [location]",
                "masters.count: must be 1, 3 or 5, was 2 [one-of]",
                "masters.size: 'gigantic' is neither a size (small, medium, large, xlarge) nor an instance type of the aws catalog ("
                        + String.join(", ", InstanceCatalog.standard().types(Cloud.AWS)) + ") [size]",
                "masters.size: 'gigantic' is neither a size (small, medium, large, xlarge) nor an instance type of the gcp catalog ("
                        + String.join(", ", InstanceCatalog.standard().types(Cloud.GCP)) + ") [size]",
                "workers.azure.count: must be between 0 and 100, was 250 [range]",
                "network.vpcCidrs.aws: '10.10.1.0/16' has host bits set; did you mean 10.10.0.0/16? [cidr]",
                "network.podCidr: '10.300.0.0/16' is not an IPv4 CIDR like 10.10.0.0/16 [cidr]",
                "network.serviceCidr: must be a /12 to /24, was /8 [prefix-length]");
    }

    @Test
    void validate_shouldRejectNamesLongerThan40() {
        ClusterSpec spec = spec("a".repeat(41), List.of("gcp"), null, "iowa", new MachinePool(1, null), null, null);
        assertThat(validator.validate(spec)).extracting(Violation::rule).containsExactly("max-length");
    }

    @Test
    void validate_shouldNameBothRanges_whenCustomCidrsClash() {
        ClusterSpec spec = spec("demo", List.of("aws", "gcp"), null, "us-east", new MachinePool(1, null), null,
                new NetworkSpec(Map.of("aws", "10.20.0.0/16"), "10.16.0.0/12", null));

        assertThat(validator.validate(spec)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "network.vpcCidrs.aws: 10.20.0.0/16 overlaps network.vpcCidrs.gcp 10.20.0.0/16 (default) [overlap]",
                "network.vpcCidrs.aws: 10.20.0.0/16 overlaps network.podCidr 10.16.0.0/12 [overlap]",
                "network.podCidr: 10.16.0.0/12 overlaps network.vpcCidrs.gcp 10.20.0.0/16 (default) [overlap]");
    }

    @Test
    void validate_shouldRejectPublicRanges() {
        ClusterSpec spec = spec("demo", List.of("aws"), null, "us-east", new MachinePool(1, null), null,
                new NetworkSpec(Map.of("aws", "8.8.0.0/16"), null, null));
        assertThat(validator.validate(spec)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("network.vpcCidrs.aws", "private"));
    }

    @Test
    void validate_shouldRejectExplicitRegionsOver10Ms_namingTheOffendingPair() {
        ClusterSpec spec = spec("demo", List.of("aws", "gcp"), Map.of("aws", "us-east-1", "gcp", "us-east1"), null,
                new MachinePool(1, null), null, null);

        assertThat(validator.validate(spec)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("regions");
            assertThat(v.rule()).isEqualTo("max-rtt");
            assertThat(v.message()).contains("aws/us-east-1 <-> gcp/us-east1 at 20.94 ms");
        });
    }

    @Test
    void validate_shouldRejectUnknownRegionsAndCloudsNotInTheSpec() {
        ClusterSpec spec = spec("demo", List.of("aws"), Map.of("aws", "mars-1", "gcp", "us-east4"), null,
                new MachinePool(1, null), Map.of("azure", new MachinePool(1, null)), null);

        assertThat(validator.validate(spec)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("regions.aws", "region"),
                tuple("regions.gcp", "in-clouds"),
                tuple("workers.azure", "in-clouds"));
    }

    @Test
    void validate_shouldRequireAPlacementAndMasters() {
        ClusterSpec spec = spec("demo", List.of("aws"), null, null, null, null, null);
        assertThat(validator.validate(spec)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("near", "required"),
                tuple("masters", "required"));
    }

    @Test
    void validate_shouldCheckKubernetesVersion() {
        ClusterSpec base = threeClouds();
        ClusterSpec old = new ClusterSpec(base.name(), base.clouds(), null, base.near(), base.masters(), base.workers(), null, "1.20");
        ClusterSpec garbage = new ClusterSpec(base.name(), base.clouds(), null, base.near(), base.masters(), base.workers(), null, "latest");
        assertThat(validator.validate(old)).extracting(Violation::rule).containsExactly("supported");
        assertThat(validator.validate(garbage)).extracting(Violation::rule).containsExactly("format");
    }
}
