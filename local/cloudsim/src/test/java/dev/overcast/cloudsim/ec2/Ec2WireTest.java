package dev.overcast.cloudsim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The EC2 front against botocore's EC2 model: requests refused as EC2 refuses them, answers checked element by element. */
class Ec2WireTest {

    private CloudSim sim;
    private Ec2Client ec2;
    private BotocoreModel model;

    @BeforeEach
    void start() {
        model = BotocoreModel.ec2().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(model != null, "no shared/specs beside the repository: the EC2 model check is skipped");
        sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .withEventualConsistency(false).withThrottling(false));
        ec2 = Ec2Clients.of(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            ec2.close();
            sim.close();
        }
    }

    /** An EC2 request; {@code Version} is added unless the form names one (STS's). */
    private HttpResponse<String> post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.awsEndpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + Ec2Clients.ACCOUNT + "/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form.contains("Version=") ? form : form + "&Version=2016-11-15"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void request_shouldBeRefusedWithUnknownParameter_forAMemberTheModelLacks() throws Exception {
        HttpResponse<String> answer = post("Action=CreateVpc&CidrBlock=10.0.0.0/16&CidrBlok=10.1.0.0/16");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>UnknownParameter</Code>").contains("CidrBlok");
        assertThat(sim.world().resources("aws", Ec2Clients.ACCOUNT)).isEmpty();
    }

    @Test
    void request_shouldBeRefusedWithMissingParameter_withoutARequiredMember() throws Exception {
        HttpResponse<String> answer = post("Action=CreateSubnet&CidrBlock=10.0.1.0/24");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>MissingParameter</Code>").contains("VpcId");
    }

    @Test
    void request_shouldBeRefusedWithInvalidParameterValue_outsideTheModelsEnumOrBounds() throws Exception {
        HttpResponse<String> badType = post("Action=CreateVpnGateway&Type=ipsec.2");

        assertThat(badType.body()).contains("<Code>InvalidParameterValue</Code>").contains("Type");
        // DescribeRouteTables pages by at most 100 (DescribeRouteTablesMaxResults: min 5, max 100), unlike the 1000 of most describes.
        assertThatThrownBy(() -> ec2.describeRouteTables(r -> r.maxResults(101)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThat(ec2.describeRouteTables(r -> r.maxResults(100)).routeTables()).isEmpty();
        assertThat(ec2.describeVpcs(r -> r.maxResults(1000)).vpcs()).isEmpty();
    }

    @Test
    void answerDeviations_shouldNameWrongElementsWrappersAndEnumValues_andAcceptTheFrontsOwnAnswer() throws Exception {
        String wrong = "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                + "<vpcSet><vpc><vpcId>vpc-1</vpcId></vpc><item><state>ready</state><colour>blue</colour></item></vpcSet></DescribeVpcsResponse>";
        ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16"));
        HttpResponse<String> real = post("Action=DescribeVpcs");

        assertThat(model.answerDeviations("DescribeVpcs", 200, wrong)).containsExactlyInAnyOrder(
                "answer list DescribeVpcsResponse/vpcSet holds <vpc>, not <item>",
                "answer value 'ready' at DescribeVpcsResponse/vpcSet/item/state: Expecting one of [\"pending\",\"available\"].",
                "answer element DescribeVpcsResponse/vpcSet/item/colour is not a member of Vpc");
        assertThat(model.answerDeviations("DescribeVpcs", 400, "<Response><Errors><Error><Code>X</Code></Error></Errors></Response>"))
                .hasSize(1);
        assertThat(model.answerDeviations("DescribeVpcs", real.statusCode(), real.body())).isEmpty();
    }

    @Test
    void stsAnswers_shouldFollowTheQueryProtocolsShape() throws Exception {
        BotocoreModel sts = BotocoreModel.sts().orElseThrow();
        HttpResponse<String> identity = post("Action=GetCallerIdentity&Version=2011-06-15");
        HttpResponse<String> refused = post("Action=AssumeRole&Version=2011-06-15&RoleArn=nonsense&RoleSessionName=s");

        assertThat(sts.answerDeviations("GetCallerIdentity", identity.statusCode(), identity.body())).isEmpty();
        assertThat(sts.answerDeviations("AssumeRole", refused.statusCode(), refused.body())).isEmpty();
        assertThat(refused.body()).contains("<ErrorResponse");
        assertThat(sts.answerDeviations("GetCallerIdentity", 200,
                "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account><Alias>x</Alias></GetCallerIdentityResult>"
                        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>"))
                .containsExactly("answer element GetCallerIdentityResponse/GetCallerIdentityResult/Alias is not a member of GetCallerIdentityResponse");
    }
}
