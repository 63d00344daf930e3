package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute's batch endpoint, {@code POST /batch/compute/v1} (the discovery document's {@code batchPath};
 * https://cloud.google.com/compute/docs/api/how-tos/batch): a {@code multipart/mixed} body whose parts are
 * {@code application/http} requests, answered by a {@code multipart/mixed} body with one {@code application/http}
 * answer per part, in order, each under {@code Content-ID: <response-ID>} for the request's {@code <ID>}. At most
 * 1,000 requests per batch. gcloud sends one when a command names several resources.
 *
 * @param requests the parts, in order
 * @param contentIds each part's {@code Content-ID}, without the angle brackets
 */
record ComputeBatch(List<ComputeFront.Incoming> requests, List<String> contentIds) {

    static final String PATH = "/batch/compute/v1";
    private static final int MAX = 1000;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)multipart/mixed\\s*;.*boundary=\"?([^\";]+)\"?");
    private static final Pattern HEADER_END = Pattern.compile("\r?\n\r?\n");

    /** One part's answer: the HTTP status and the JSON body. */
    record Answer(int status, byte[] body) {}

    static ComputeBatch parse(String contentType, byte[] body) {
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!boundary.find()) {
            throw new CloudError(ComputeErrors.BAD_REQUEST, "A batch request is multipart/mixed with a boundary.");
        }
        List<ComputeFront.Incoming> requests = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] parts = new String(body, StandardCharsets.UTF_8).split(Pattern.quote("--" + boundary.group(1)));
        for (int i = 1; i < parts.length && !parts[i].startsWith("--"); i++) {
            String[] outer = HEADER_END.split(parts[i].strip(), 2);
            String[] inner = outer.length < 2 ? new String[0] : HEADER_END.split(outer[1], 2);
            String[] requestLine = inner.length == 0 ? new String[0] : inner[0].lines().findFirst().orElse("").split(" ");
            if (requestLine.length < 2) {
                throw new CloudError(ComputeErrors.BAD_REQUEST, "Part " + i + " of the batch is not an application/http request.");
            }
            ids.add(outer[0].lines().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("content-id:"))
                    .map(h -> h.substring("content-id:".length()).strip().replaceAll("^<|>$", "")).findFirst().orElse(String.valueOf(i)));
            byte[] sent = inner.length < 2 ? new byte[0] : inner[1].strip().getBytes(StandardCharsets.UTF_8);
            requests.add(new ComputeFront.Incoming(requestLine[0], URI.create(requestLine[1]), sent));
        }
        if (requests.isEmpty() || requests.size() > MAX) {
            throw new CloudError(ComputeErrors.BAD_REQUEST, "A batch holds 1 to " + MAX + " requests, not " + requests.size() + ".");
        }
        return new ComputeBatch(requests, ids);
    }

    String answerContentType() {
        return "multipart/mixed; boundary=" + boundary();
    }

    byte[] render(List<Answer> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            String head = "--" + boundary() + "\r\nContent-Type: application/http\r\nContent-ID: <response-" + contentIds.get(i) + ">\r\n\r\n"
                    + "HTTP/1.1 " + answer.status() + " " + (answer.status() < 400 ? "OK" : "Error") + "\r\n"
                    + "Content-Type: application/json; charset=UTF-8\r\nContent-Length: " + answer.body().length + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(answer.body());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary() + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A boundary no JSON answer contains: derived from the request's first id, stable for one batch. */
    private String boundary() {
        return "batch_" + UUID.nameUUIDFromBytes(String.join(",", contentIds).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
