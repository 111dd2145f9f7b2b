package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JCS) written straight from a Jackson tree: members sorted by their names' UTF-16 code
 * units, no white space, strings escaped as ECMAScript's {@code JSON.stringify} does, numbers in
 * ECMAScript's form (the reference implementation's {@link NumberToJSON}). It gives the same text as
 * erdtman's {@code JsonCanonicalizer} does for the tree's JSON ({@code CanonicalJsonTest} compares
 * them), without writing that JSON and parsing it back first: twice per audit record, on the writer's
 * thread, that was a fifth of the gateway's samples under load.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical form of {@code node}. */
    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(1024);
        write(node, out, null);
        return out.toString();
    }

    /** The canonical form of a record without its {@code chain.hash} (what the link is taken over). */
    static String withoutChainHash(JsonNode record) {
        StringBuilder out = new StringBuilder(1024);
        write(record, out, "chain");
        return out.toString();
    }

    /** @param chainWithoutHash the member of this object whose own {@code hash} member is left out, or null */
    private static void write(JsonNode node, StringBuilder out, String chainWithoutHash) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, chainWithoutHash, null);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, null);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /**
     * @param chainWithoutHash the member whose own {@code hash} member is left out, or null
     * @param leftOut          a member of this object not written, or null
     */
    private static void writeObject(JsonNode node, StringBuilder out, String chainWithoutHash, String leftOut) {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(leftOut)) {
                names.add(name);
            }
        }
        names.sort(null);      // String order is the order of UTF-16 code units, as RFC 8785 sorts
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            JsonNode value = node.get(name);
            if (i > 0) {
                out.append(',');
            }
            writeString(name, out);
            out.append(':');
            if (name.equals(chainWithoutHash) && value.isObject()) {
                writeObject(value, out, null, "hash");
            } else {
                write(value, out, null);
            }
        }
        out.append('}');
    }

    /** As the reference implementation reads a number: the JSON text Jackson writes for it, as a double. */
    private static void writeNumber(JsonNode node, StringBuilder out) {
        try {
            out.append(NumberToJSON.serializeNumber(Double.parseDouble(node.asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"', '\\' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
