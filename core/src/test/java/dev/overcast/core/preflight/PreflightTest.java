package dev.overcast.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private static final Plan PLAN = Planner.standard().plan(SpecReader.parseYaml("""
            name: demo
            clouds: [aws, gcp]
            regions: {aws: us-east-1}
            masters: {count: 1, size: small}
            workers:
              aws: {count: 2, size: medium}
              gcp: {count: 1, size: small}
            """));

    @Test
    void demand_shouldCountWhatQuotasLimit_perCloudAndRegion() {
        Map<Cloud, CloudDemand> demand = CloudDemand.of(PLAN);

        assertThat(demand).containsOnlyKeys(Cloud.AWS, Cloud.GCP);
        RegionDemand aws = demand.get(Cloud.AWS).regions().get(0);
        assertThat(aws.region()).isEqualTo("us-east-1");
        assertThat(aws.networks()).isEqualTo(1);
        assertThat(aws.vpnGateways()).isEqualTo(1);
        assertThat(aws.instanceTypes().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(PLAN.resources().stream().filter(r -> r.cloud() == Cloud.AWS && r.kind().id().equals("instance")).count());
        assertThat(aws.zones()).isNotEmpty().allSatisfy(z -> assertThat(z).startsWith("us-east-1"));
    }

    @Test
    void preflight_shouldFailACloudWithoutAnAccount_andRunTheOthers() {
        CloudPreflight aws = new CloudPreflight() {
            @Override
            public Cloud cloud() {
                return Cloud.AWS;
            }

            @Override
            public List<Check> run(CloudDemand demand) {
                return List.of(Check.pass(Cloud.AWS, Check.ACCOUNT, "credentials", "ok"));
            }
        };

        PreflightReport report = new Preflight(List.of(aws)).run(PLAN);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.cloud()).isEqualTo(Cloud.GCP);
            assertThat(c.name()).isEqualTo("configured");
        });
        assertThat(report.table()).contains("aws    account credentials pass ok", "FAIL", "remedy: configure the gcp account",
                "2 checks, 1 failed");
    }

    @Test
    void quota_shouldPassOnlyWhenWhatIsFreeCoversTheNeed() {
        assertThat(Check.quota(Cloud.AWS, "us-east-1", "VPCs", 5, 4, 1, "ask").passed()).isTrue();
        Check short1 = Check.quota(Cloud.AWS, "us-east-1", "VPCs", 5, 5, 1, "ask");

        assertThat(short1.passed()).isFalse();
        assertThat(short1.detail()).isEqualTo("needs 1, limit 5, in use 5");
        assertThat(short1.remedy()).isEqualTo("ask");
    }

    @Test
    void check_shouldRefuseAFailureWithoutARemedy() {
        assertThatThrownBy(() -> Check.fail(Cloud.GCP, "us-east4", "quota CPUS", "short", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remedy");
    }
}
