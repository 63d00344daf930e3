package dev.overcast.runtime.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.preflight.Check;
import dev.overcast.core.preflight.PreflightReport;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.world.DerivedSecrets;
import dev.overcast.runtime.world.LocalClouds;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The preflight on the real SDK clients against cloudsim: passes on fresh accounts, names what is denied or exhausted. */
class PreflightTest {
    private static final Plan PLAN = Planner.standard().plan(SpecReader.read(Path.of("../../examples/three-clouds.yaml")));
    private static final Map<String, String> ACCOUNTS = Map.of("aws", LocalClouds.AWS_ACCOUNT, "gcp", LocalClouds.GCP_PROJECT,
            "azure", LocalClouds.AZURE_SUBSCRIPTION);

    @Test
    void preflight_shouldPass_onFreshAccounts_andCreateNothing() {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults()); LocalClouds clouds = new LocalClouds(sim, DerivedSecrets.random())) {
            PreflightReport report = clouds.preflight().run(PLAN);
            System.out.print(report.table());

            assertThat(report.passed()).as(report.table()).isTrue();
            assertThat(report.checks()).extracting(Check::cloud).contains(Cloud.AWS, Cloud.GCP, Cloud.AZURE);
            ACCOUNTS.forEach((front, account) -> assertThat(sim.world().resources(front, account)).as(front).isEmpty());
            assertThat(sim.world().calls().byAction("gcp").keySet()).allSatisfy(action -> assertThat(action).matches(".*\\.(get|list|testIamPermissions)"));
            assertThat(sim.world().calls().byAction("azure").keySet()).allSatisfy(action -> assertThat(action).startsWith("GET "));
            // EC2's mutating calls are the dry runs, one of each create per region.
            sim.world().calls().byAction("aws").forEach((action, n) -> {
                if (!action.startsWith("Describe") && !action.startsWith("servicequotas:")) {
                    assertThat(n).as(action).isEqualTo(1);
                }
            });
        }
    }

    @Test
    void preflight_shouldFailAndNameThePermission_whenAwsDeniesCreateVpc() {
        PreflightReport report = run(UnaryOperator.identity(), sim -> sim.world().iam().deny("aws", LocalClouds.AWS_ACCOUNT, "ec2:CreateVpc"));

        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("dry run CreateVpc");
            assertThat(c.detail()).contains("UnauthorizedOperation").contains("ec2:CreateVpc");
            assertThat(c.remedy()).contains("onboarding/aws/overcast-role.yaml");
        });
    }

    @Test
    void preflight_shouldFailAndNameThePermission_whenGcpDeniesInstanceCreation() {
        PreflightReport report = run(UnaryOperator.identity(),
                sim -> sim.world().iam().deny("gcp", LocalClouds.GCP_PROJECT, "compute.instances.create"));

        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("permission compute.instances.create");
            assertThat(c.remedy()).contains("gcloud iam roles update overcast").contains("onboarding/gcp/overcast-role.yaml");
        });
    }

    @Test
    void preflight_shouldFailAndNameTheAction_whenAzureDeniesVirtualNetworkWrites() {
        PreflightReport report = run(UnaryOperator.identity(),
                sim -> sim.world().iam().deny("azure", LocalClouds.AZURE_SUBSCRIPTION, "Microsoft.Network/virtualNetworks/write"));

        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("permission Microsoft.Network/virtualNetworks/write");
            assertThat(c.remedy()).contains("onboarding/azure/overcast-role.json");
        });
    }

    @Test
    void preflight_shouldFailOnEveryCloud_whenQuotasAreExhausted() {
        PreflightReport report = run(config -> config.withQuotas(Quotas.defaults()
                .with("aws", "vpc", 0, "VpcLimitExceeded")
                .with("gcp", "cpus", 8, "quotaExceeded")
                .with("azure", "cores", 4, "OperationNotAllowed")), sim -> { });

        assertThat(report.failures()).extracting(c -> c.cloud() + " " + c.name()).contains(
                "aws quota VPCs per Region", "gcp quota CPUS", "gcp quota N2_CPUS", "azure quota cores");
        assertThat(report.failures()).filteredOn(c -> c.name().equals("quota VPCs per Region")).singleElement()
                .satisfies(c -> assertThat(c.detail()).isEqualTo("needs 1, limit 0, in use 0"));
        assertThat(report.failures()).allSatisfy(c -> assertThat(c.remedy()).containsIgnoringCase("quota"));
    }

    private static PreflightReport run(UnaryOperator<CloudSimConfig> config, Consumer<CloudSim> arrange) {
        try (CloudSim sim = CloudSim.start(config.apply(CloudSimConfig.defaults())); LocalClouds clouds = new LocalClouds(sim, DerivedSecrets.random())) {
            arrange.accept(sim);
            PreflightReport report = clouds.preflight().run(PLAN);
            System.out.print(report.table());
            return report;
        }
    }
}
