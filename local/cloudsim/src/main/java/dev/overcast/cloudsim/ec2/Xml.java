package dev.overcast.cloudsim.ec2;

import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A response document in EC2's shape: elements, {@code <xSet><item>…</item></xSet>} lists and tag sets.
 * Built on the JDK's StAX writer (escaping done right, no dependency); this class only adds EC2's habits.
 */
final class Xml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final StringWriter buffer = new StringWriter();
    private final XMLStreamWriter out;

    Xml() {
        try {
            out = FACTORY.createXMLStreamWriter(buffer);
            out.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot start an XML document", e);
        }
    }

    Xml start(String name) {
        try {
            out.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write <" + name + ">", e);
        }
        return this;
    }

    Xml namespace(String uri) {
        try {
            out.writeDefaultNamespace(uri);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write namespace " + uri, e);
        }
        return this;
    }

    Xml end() {
        try {
            out.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot close an element", e);
        }
        return this;
    }

    /** An element with text; nothing at all when the value is null, as EC2 omits absent members. */
    Xml el(String name, Object value) {
        if (value == null) {
            return this;
        }
        start(name);
        try {
            out.writeCharacters(value.toString());
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write <" + name + "> text", e);
        }
        return end();
    }

    /** A list of structures: {@code <setName><item>…</item>…</setName>}, each item's members written by {@code member}. */
    <T> Xml items(String setName, Collection<T> items, BiConsumer<Xml, T> member) {
        start(setName);
        items.forEach(item -> {
            start("item");
            member.accept(this, item);
            end();
        });
        return end();
    }

    /** A list of plain values: {@code <name><item>v</item>…</name>}. */
    Xml values(String name, List<String> values) {
        start(name);
        values.forEach(v -> el("item", v));
        return end();
    }

    /** A tag set: {@code <tagSet><item><key>k</key><value>v</value></item>…</tagSet>}. */
    Xml tags(Map<String, String> tags) {
        start("tagSet");
        tags.forEach((key, value) -> start("item").el("key", key).el("value", value).end());
        return end();
    }

    String finish() {
        try {
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot finish the XML document", e);
        }
        return buffer.toString();
    }
}
