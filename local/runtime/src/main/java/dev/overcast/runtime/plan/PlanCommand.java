package dev.overcast.runtime.plan;

import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.PlanJson;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InvalidSpecException;
import dev.overcast.core.spec.SpecFormatException;
import dev.overcast.core.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code overcast plan FILE}: what a spec would build, without touching any cloud. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the regions chosen with every pair's round trip, the address plan and the resources a cluster spec would create.",
            "Exit status: 0 planned, 1 unreadable file, 2 invalid spec (every violation is listed)."
        })
public final class PlanCommand implements Callable<Integer> {
    static final int UNREADABLE = 1;
    static final int INVALID = 2;

    @Parameters(paramLabel = "FILE", description = "cluster spec, YAML or JSON (.json)")
    Path file;

    @Option(names = "--json", description = "print the plan as deterministic JSON instead of tables")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            ClusterSpec spec = SpecReader.read(file);
            Plan plan = Planner.standard().plan(spec);
            out.print(json ? PlanJson.write(plan) + System.lineSeparator() : PlanReport.render(plan));
            out.flush();
            return 0;
        } catch (SpecFormatException e) {
            err.println("overcast plan: " + e.getMessage());
            return UNREADABLE;
        } catch (InvalidSpecException e) {
            InvalidSpecReport.print("plan", file, e, err);
            return INVALID;
        } finally {
            err.flush();
        }
    }
}
