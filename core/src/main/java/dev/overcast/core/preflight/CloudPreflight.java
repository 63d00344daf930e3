package dev.overcast.core.preflight;

import dev.overcast.core.Cloud;
import java.util.List;

/**
 * One cloud's preflight, implemented by each adapter on its SDK: before anything is created, whether the
 * credentials work, the grant holds every permission Overcast uses, the quotas leave room for the demand and
 * the regions offer the machine types. It only reads (EC2 dry runs included): it creates nothing. A check that
 * cannot run because an earlier one failed (no credentials) is not reported.
 */
public interface CloudPreflight {

    Cloud cloud();

    List<Check> run(CloudDemand demand);
}
