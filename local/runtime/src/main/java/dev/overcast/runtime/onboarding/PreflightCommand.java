package dev.overcast.runtime.onboarding;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.preflight.PreflightReport;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InvalidSpecException;
import dev.overcast.core.spec.SpecFormatException;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.plan.InvalidSpecReport;
import dev.overcast.runtime.world.DerivedSecrets;
import dev.overcast.runtime.world.LocalClouds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code overcast preflight -f spec.yaml}: the checks a create would need to pass, run before anything is
 * created, against the local world's three accounts (cloudsim). {@code --deny} and {@code --quota} make those
 * accounts look like a customer's with a grant missing or a quota used up.
 */
@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        description = {
            "Checks per cloud, creating nothing: credentials, permissions (EC2 dry runs, GCP testIamPermissions, Azure permissions),",
            "quotas against what the spec needs and the regions' machine types; prints a table with a remedy for each failure.",
            "Runs against the local world's accounts (cloudsim).",
            "Exit status: 0 all passed, 1 unreadable file, 2 invalid spec, 3 a check failed."
        })
public final class PreflightCommand implements Callable<Integer> {
    static final int UNREADABLE = 1;
    static final int INVALID = 2;
    static final int FAILED = 3;
    private static final Pattern DENY = Pattern.compile("(aws|gcp|azure):(.+)");
    private static final Pattern QUOTA = Pattern.compile("(aws|gcp|azure)/([a-z-]+)=(\\d+)");

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "cluster spec, YAML or JSON (.json)")
    Path file;

    @Option(names = "--deny", paramLabel = "CLOUD:PERMISSION",
            description = "deny a permission in the local account, e.g. aws:ec2:CreateVpc, gcp:compute.instances.create")
    List<String> denied = List.of();

    @Option(names = "--quota", paramLabel = "CLOUD/TYPE=LIMIT",
            description = "set a cloudsim quota, e.g. aws/vpc=0, gcp/cpus=8, azure/cores=4")
    List<String> quotas = List.of();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        ClusterSpec spec;
        try {
            spec = SpecReader.read(file);
        } catch (SpecFormatException e) {
            err.println("overcast preflight: " + e.getMessage());
            err.flush();
            return UNREADABLE;
        }
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withQuotas(quotas()));
                LocalClouds clouds = new LocalClouds(sim, DerivedSecrets.random())) {
            Map<String, String> accounts = Map.of("aws", LocalClouds.AWS_ACCOUNT, "gcp", LocalClouds.GCP_PROJECT,
                    "azure", LocalClouds.AZURE_SUBSCRIPTION);
            for (String deny : denied) {
                Matcher m = DENY.matcher(deny);
                if (!m.matches()) {
                    throw new ParameterException(command.commandLine(), "--deny must be CLOUD:PERMISSION (cloud aws, gcp or azure), was '" + deny + "'");
                }
                sim.world().iam().deny(m.group(1), accounts.get(m.group(1)), m.group(2));
            }
            PreflightReport report = clouds.preflight().run(Planner.standard().plan(spec));
            out.print(report.table());
            out.flush();
            return report.passed() ? 0 : FAILED;
        } catch (InvalidSpecException e) {
            InvalidSpecReport.print("preflight", file, e, err);
            err.flush();
            return INVALID;
        }
    }

    private Quotas quotas() {
        Quotas result = Quotas.defaults();
        for (String quota : quotas) {
            Matcher m = QUOTA.matcher(quota);
            if (!m.matches()) {
                throw new ParameterException(command.commandLine(), "--quota must be CLOUD/TYPE=LIMIT, e.g. aws/vpc=0, was '" + quota + "'");
            }
            String code = result.of(m.group(1), m.group(2)).map(Quotas.Quota::errorCode).orElseThrow(() ->
                    new ParameterException(command.commandLine(), "--quota: cloudsim has no quota " + m.group(1) + "/" + m.group(2)));
            result = result.with(m.group(1), m.group(2), Integer.parseInt(m.group(3)), code);
        }
        return result;
    }
}
