package dev.overcast.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceNames;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudInitTest {
    private static final ClusterSpec SPEC = new ClusterSpec("demo", List.of("aws", "gcp", "azure"), null, "us-east",
            new MachinePool(3, "medium"), Map.of("aws", new MachinePool(1, "medium"), "gcp", new MachinePool(1, "medium"),
            "azure", new MachinePool(1, "medium")), null, "1.31");

    static Plan plan() {
        return Planner.standard().plan(SPEC);
    }

    @Test
    void planner_shouldGiveMasterZeroAStaticAddress_andEveryNodeItsEndpoint() {
        Plan plan = plan();
        String endpoint = plan.byName().get(ResourceNames.master("demo", 0)).attribute(Attributes.STATIC_PRIVATE_IP);

        assertThat(endpoint).isEqualTo("10.10.0.10");
        assertThat(plan.resources().stream().filter(r -> r.attribute(Attributes.STATIC_PRIVATE_IP) != null).count()).isOne();
        plan.resources().stream().filter(r -> r.attribute(Attributes.ROLE) != null).forEach(instance ->
                assertThat(instance.attribute(Attributes.USER_DATA)).as(instance.name())
                        .startsWith("#cloud-config\n").contains("10.10.0.10:6443", "name: " + instance.name()));
    }

    @Test
    void render_shouldBeByteIdentical_forTheSameSpec() {
        assertThat(plan().byName().get(ResourceNames.worker("demo", Cloud.GCP, 0)).attribute(Attributes.USER_DATA))
                .isEqualTo(plan().byName().get(ResourceNames.worker("demo", Cloud.GCP, 0)).attribute(Attributes.USER_DATA));
    }

    @Test
    void render_shouldInitOnMasterZero_andJoinElsewhere() {
        Plan plan = plan();
        String master0 = plan.byName().get(ResourceNames.master("demo", 0)).attribute(Attributes.USER_DATA);
        String master1 = plan.byName().get(ResourceNames.master("demo", 1)).attribute(Attributes.USER_DATA);
        String worker = plan.byName().get(ResourceNames.worker("demo", Cloud.AZURE, 0)).attribute(Attributes.USER_DATA);

        assertThat(master0).contains("kind: InitConfiguration", "kind: ClusterConfiguration", "controlPlaneEndpoint: 10.10.0.10:6443",
                "podSubnet: " + plan.network().podCidr(), "serviceSubnet: " + plan.network().serviceCidr(),
                "kubernetesVersion: stable-1.31", "core:/stable:/v1.31/deb/", "- kubeadm\n  - init",
                "topology.kubernetes.io/region=us-east-1,overcast.dev/cloud=aws", "aws secretsmanager get-secret-value --region us-east-1 --secret-id demo-kubeadm-join")
                .doesNotContain("JoinConfiguration", "@caCertHash@");
        assertThat(master1).contains("kind: JoinConfiguration", "controlPlane:", "certificateKey: '@certificateKey@'",
                "apiServerEndpoint: 10.10.0.10:6443", "gcloud secrets versions access latest --secret=demo-kubeadm-join", "- kubeadm\n  - join")
                .doesNotContain("InitConfiguration");
        assertThat(worker).contains("kind: JoinConfiguration", "overcast.dev/cloud=azure",
                JoinSecret.azureKeyVault("demo") + ".vault.azure.net/secrets/demo-kubeadm-join")
                .doesNotContain("controlPlane:", "certificateKey");
    }
}
