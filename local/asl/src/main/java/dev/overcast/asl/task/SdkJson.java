package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between Step Functions' JSON form of an AWS API shape (wire member names, e.g.
 * {@code {"TableName": …, "Key": {"id": {"S": "1"}}}}) and the SDK's model objects, using the field
 * metadata every SDK model carries, so one converter serves every operation.
 */
final class SdkJson {
    private SdkJson() {
    }

    /** Fills an SDK builder from JSON; unknown members are an error naming them. */
    static <B extends SdkPojo> B fill(B builder, JsonNode json, String where) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        json.fields().forEachRemaining(entry -> {
            SdkField<?> field = fields.get(entry.getKey());
            if (field == null) {
                throw new IllegalArgumentException(where + ": unknown field '" + entry.getKey() + "'");
            }
            field.set(builder, fromJson(field, entry.getValue(), where + "." + entry.getKey()));
        });
        return builder;
    }

    private static Object fromJson(SdkField<?> field, JsonNode value, String where) {
        MarshallingType<?> type = field.marshallingType();
        if (value.isNull()) {
            return null;
        }
        if (type == MarshallingType.STRING) {
            return value.asText();
        }
        if (type == MarshallingType.INTEGER) {
            return value.asInt();
        }
        if (type == MarshallingType.LONG) {
            return value.asLong();
        }
        if (type == MarshallingType.DOUBLE) {
            return value.asDouble();
        }
        if (type == MarshallingType.FLOAT) {
            return (float) value.asDouble();
        }
        if (type == MarshallingType.BOOLEAN) {
            return value.asBoolean();
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.parse(value.asText());
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            fill(builder, value, where);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(fromJson(member, item, where + "[]")));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(member, e.getValue(),
                    where + "." + e.getKey())));
            return map;
        }
        throw new IllegalArgumentException(where + ": values of type " + type + " are not supported");
    }

    /** An SDK model object as JSON with wire member names; unset members are left out. */
    static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = Json.object();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode json = value(value);
            if (json != null) {
                out.set(field.locationName(), json);
            }
        }
        return out;
    }

    private static JsonNode value(Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        if (value instanceof SdkBytes bytes) {
            return Json.NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        if (value instanceof Collection<?> list) {
            ArrayNode out = Json.NODES.arrayNode();
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            map.forEach((k, v) -> out.set(String.valueOf(k), value(v)));
            return out;
        }
        if (value instanceof Instant instant) {
            return Json.NODES.textNode(instant.toString());
        }
        return Json.tree(value);
    }
}
