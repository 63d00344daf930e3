package dev.overcast.cloudsim.ec2;

import com.sun.net.httpserver.HttpExchange;
import dev.overcast.cloudsim.http.AnswerFault;
import dev.overcast.cloudsim.http.LoopbackServer;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC2 Query API over HTTP: form-encoded POST, {@code Version=2016-11-15}, XML answers and EC2's
 * error document; on the same endpoint STS ({@link Sts}) and Service Quotas' {@code ListServiceQuotas}
 * ({@link ServiceQuotas}), which a preflight calls. Every EC2 call is authorised against the world's
 * {@link dev.overcast.cloudsim.world.Iam} ({@code UnauthorizedOperation} when denied, DryRun included). The account comes from the access key id (a 12-digit key is the account, otherwise
 * {@code 000000000000}, as LocalStack does) and the region from the SigV4 credential scope; signatures
 * are not verified.
 * <p>
 * Served by {@link LoopbackServer} (the JDK's {@code com.sun.net.httpserver}, whose {@code HttpsServer} is
 * what the Azure front needs later).
 */
public final class Ec2Front implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ec2Front.class);
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String DEFAULT_ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/[^/]+/([^/]+)/");
    private static final Pattern ACCOUNT_KEY = Pattern.compile("\\d{12}");
    private static final List<String> RETRYABLE_CODES = List.of("RequestLimitExceeded", "InternalError", "Unavailable");

    private final World world;
    private final LoopbackServer server;
    private final Map<String, Ec2Action> actions = new HashMap<>();
    private final Sts sts;
    private final ServiceQuotas serviceQuotas;

    public Ec2Front(World world, int port) {
        this.world = world;
        Idempotency idempotency = new Idempotency();
        new Networks().addTo(actions);
        new Gateways().addTo(actions);
        new RouteTables(idempotency).addTo(actions);
        new SecurityGroups().addTo(actions);
        new Addresses().addTo(actions);
        new Vpn(idempotency).addTo(actions);
        new Instances(idempotency).addTo(actions);
        new Tags().addTo(actions);
        new Zones().addTo(actions);
        new Offerings().addTo(actions);
        this.sts = new Sts(world);
        this.serviceQuotas = new ServiceQuotas(world);
        server = new LoopbackServer("the EC2 front", port, this::handle);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Protocol protocol = target != null && target.startsWith(ServiceQuotas.TARGET_PREFIX) ? Protocol.JSON : Protocol.QUERY;
        String body;
        int status = 200;
        try (exchange) {
            Map<String, String> params = new LinkedHashMap<>();
            String raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (protocol == Protocol.QUERY) {
                parseForm(exchange.getRequestURI().getRawQuery(), params);
                parseForm(raw, params);
                if (Sts.VERSION.equals(params.get("Version"))) {
                    protocol = Protocol.STS;
                }
            }
            try {
                body = switch (protocol) {
                    case JSON -> quotas(exchange, target, raw);
                    case STS -> {
                        world.calls().record(Ec2Call.FRONT, params.getOrDefault("Action", ""));
                        yield sts.answer(params, caller(exchange).account(), requestId);
                    }
                    case QUERY -> answer(exchange, params, requestId);
                };
            } catch (CloudError e) {
                status = status(e.code());
                body = switch (protocol) {
                    case JSON -> ServiceQuotas.error(e.code(), e.getMessage());
                    case STS -> Sts.error(e.code(), e.getMessage(), requestId);
                    case QUERY -> error(e.code(), e.getMessage(), requestId);
                };
            } catch (RuntimeException e) {
                log.warn("AWS front failed on a request", e);
                status = 500;
                body = error("InternalError", "An internal error has occurred", requestId);
            }
            if (protocol != Protocol.JSON) {
                checkAnswer(protocol == Protocol.STS ? BotocoreModel.sts() : BotocoreModel.ec2(), params.get("Action"), status, body);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", protocol == Protocol.JSON ? "application/x-amz-json-1.1" : "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            AnswerFault.send(exchange, status, bytes);
        }
    }

    /** Records the action as served and every way its answer departs from botocore's model (only while the wire check is on). */
    private static void checkAnswer(Optional<BotocoreModel> definition, String action, int status, String body) {
        if (action == null || !WireCheck.enabled()) {
            return;
        }
        definition.filter(model -> model.defines(action)).ifPresent(model -> {
            WireCheck.served(Ec2Call.FRONT, action);
            model.answerDeviations(action, status, body).forEach(what -> WireCheck.deviation(Ec2Call.FRONT, action, what));
        });
    }

    /** The three protocols served on this endpoint: EC2's Query dialect, STS's Query and Service Quotas' JSON 1.1. */
    private enum Protocol { QUERY, STS, JSON }

    /** Who signed a request: the account from a 12-digit access key id, the region from the credential scope. */
    private record Caller(String account, String region) {}

    private Caller caller(HttpExchange exchange) {
        String account = DEFAULT_ACCOUNT;
        String region = DEFAULT_REGION;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher credential = authorization == null ? null : CREDENTIAL.matcher(authorization);
        if (credential != null && credential.find()) {
            account = ACCOUNT_KEY.matcher(credential.group(1)).matches() ? credential.group(1) : DEFAULT_ACCOUNT;
            region = credential.group(2);
        }
        if (!world.knowsAccount(account)) {
            throw new CloudError("AuthFailure", "AWS was not able to validate the provided access credentials");
        }
        return new Caller(account, region);
    }

    private String quotas(HttpExchange exchange, String target, String raw) {
        String operation = ServiceQuotas.operation(target);
        world.calls().record(Ec2Call.FRONT, "servicequotas:" + operation);
        Caller caller = caller(exchange);
        if (world.iam().authorize(Ec2Call.FRONT, caller.account(), List.of("servicequotas:" + operation)).isPresent()) {
            throw new CloudError("AccessDeniedException", "You do not have sufficient access to perform servicequotas:" + operation + ".");
        }
        return serviceQuotas.answer(operation, raw);
    }

    private String answer(HttpExchange exchange, Map<String, String> params, String requestId) {
        String action = params.get("Action");
        if (action == null || action.isEmpty()) {
            throw new CloudError("MissingAction", "The request must contain the parameter Action");
        }
        world.calls().record(Ec2Call.FRONT, action);
        Caller caller = caller(exchange);
        String account = caller.account();
        String region = caller.region();
        if (!Regions.known(region)) {
            throw new CloudError("AuthFailure", "Credential should be scoped to a valid region, not '" + region + "'.");
        }
        Optional<String> denied = world.iam().authorize(Ec2Call.FRONT, account, permissions(action, params));
        if (denied.isPresent()) {
            throw new CloudError("UnauthorizedOperation", "You are not authorized to perform this operation. User: arn:aws:iam::"
                    + account + ":user/cloudsim is not authorized to perform: " + denied.get());
        }
        Optional<String> fault = world.faults().next(Ec2Call.FRONT, action, RETRYABLE_CODES);
        if (fault.isPresent() && !AnswerFault.strike(exchange, fault.get())) {
            throw new CloudError(fault.get(), "Injected fault for " + action + ".");
        }
        if (!world.admit(Ec2Call.FRONT, account, region, bucket(action))) {
            throw new CloudError("RequestLimitExceeded", "Request limit exceeded.");
        }
        Ec2Action handler = actions.get(action);
        if (handler == null) {
            throw new CloudError("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        // EC2 validates the request against its definition before doing anything (UnknownParameter, MissingParameter…).
        BotocoreModel.ec2().ifPresent(model -> model.checkRequest(action, params));
        if (Boolean.parseBoolean(params.get("DryRun"))) {
            throw new CloudError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        Ec2Call call = new Ec2Call(world, action, params, account, region);
        Xml out = new Xml().start(action + "Response").namespace(NAMESPACE).el("requestId", requestId);
        world.atomically(() -> {
            handler.answer(call, out);
            return null;
        });
        return out.end().finish();
    }

    /**
     * The IAM actions an EC2 call needs: its own name, and {@code ec2:CreateTags} when it tags what it creates
     * (AWS authorises tag-on-create as a CreateTags on the new resource).
     */
    static List<String> permissions(String action, Map<String, String> params) {
        if (params.containsKey("TagSpecification.1.ResourceType") && !action.equals("CreateTags")) {
            return List.of("ec2:" + action, "ec2:CreateTags");
        }
        return List.of("ec2:" + action);
    }

    /** EC2's request-token buckets: RunInstances has its own, describes share one, other mutations another. */
    private static String bucket(String action) {
        if (action.equals("RunInstances")) {
            return "RunInstances";
        }
        return action.startsWith("Describe") ? "non-mutating" : "mutating";
    }

    private static int status(String code) {
        return switch (code) {
            case "RequestLimitExceeded", "Unavailable", "ServiceUnavailable" -> 503;
            case "InternalError", "InternalFailure" -> 500;
            case "AuthFailure" -> 401;
            case "AccessDenied", "AccessDeniedException" -> 403;
            case "UnauthorizedOperation" -> 403;
            case "DryRunOperation" -> 412;
            default -> 400;
        };
    }

    private static String error(String code, String message, String requestId) {
        return new Xml().start("Response").start("Errors").start("Error").el("Code", code).el("Message", message)
                .end().end().el("RequestID", requestId).end().finish();
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }
}
