package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.World;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS on the AWS front's endpoint (the adapter sends EC2 and STS to one override): GetCallerIdentity, and
 * AssumeRole answering keys whose access key id is the role's 12-digit account, so the EC2 calls signed with
 * them land in that account. Trust policies are not evaluated; an account denied {@code sts:AssumeRole}
 * refuses.
 */
final class Sts {

    static final String VERSION = "2011-06-15";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    private final World world;

    Sts(World world) {
        this.world = world;
    }

    String answer(Map<String, String> params, String account, String requestId) {
        String action = params.getOrDefault("Action", "");
        Xml out = new Xml().start(action + "Response").namespace(NAMESPACE).start(action + "Result");
        switch (action) {
            case "GetCallerIdentity" -> out.el("Arn", "arn:aws:iam::" + account + ":user/cloudsim").el("UserId", "AIDACLOUDSIM" + account)
                    .el("Account", account);
            case "AssumeRole" -> {
                String roleArn = params.get("RoleArn");
                Matcher role = ROLE_ACCOUNT.matcher(roleArn == null ? "" : roleArn);
                if (!role.matches()) {
                    throw new CloudError("ValidationError", "RoleArn must be an IAM role ARN, was '" + roleArn + "'");
                }
                if (!world.iam().allows(Ec2Call.FRONT, role.group(1), "sts:AssumeRole")) {
                    throw new CloudError("AccessDenied", "User: arn:aws:iam::" + account + ":user/cloudsim is not authorized to perform: "
                            + "sts:AssumeRole on resource: " + roleArn);
                }
                String session = params.getOrDefault("RoleSessionName", "session");
                out.start("Credentials").el("AccessKeyId", role.group(1)).el("SecretAccessKey", "cloudsim-" + world.newId("secret"))
                        .el("SessionToken", "cloudsim-session").el("Expiration", world.clock().now().plusSeconds(3600)).end()
                        .start("AssumedRoleUser").el("AssumedRoleId", "AROACLOUDSIM:" + session)
                        .el("Arn", "arn:aws:sts::" + role.group(1) + ":assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/" + session)
                        .end();
            }
            default -> throw new CloudError("InvalidAction", "Could not find operation " + action + " for version " + VERSION);
        }
        return out.end().start("ResponseMetadata").el("RequestId", requestId).end().end().finish();
    }

    /** STS errors come in the Query protocol's {@code ErrorResponse}, not EC2's {@code Response/Errors}. */
    static String error(String code, String message, String requestId) {
        return new Xml().start("ErrorResponse").namespace(NAMESPACE).start("Error").el("Type", "Sender").el("Code", code)
                .el("Message", message).end().el("RequestId", requestId).end().finish();
    }
}
