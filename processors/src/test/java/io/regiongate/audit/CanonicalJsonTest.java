package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The canonical form written straight from the tree is the reference implementation's, character
 * for character: a record's link must stay what any RFC 8785 implementation recomputes from it.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String reference(JsonNode node) throws Exception {
        return new JsonCanonicalizer(JSON.writeValueAsString(node)).getEncodedString();
    }

    @Test
    void theRfcExamplesEscapesNumbersAndOrderAreTheReferenceImplementations() throws Exception {
        JsonNode node = JSON.readTree("""
                {"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0,1e21,1e-7,
                 9007199254740993,123456789012345678901234567890],
                 "string":"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/\\b\\f\\r\\t\\u2028\\ud83d\\ude00",
                 "literals":[null,true,false],"\\u20ac":1,"\\r":2,"1":3,"\\ud83d\\ude00":4,"\\u0080":5,"ö":6,
                 "nested":{"b":[{}],"a":[],"c":{"z":{"y":"x"}}}}""");
        assertThat(CanonicalJson.of(node)).isEqualTo(reference(node));
    }

    @Test
    void numbersOfEveryJacksonKindAsTheReferenceReadsThem() throws Exception {
        ArrayNode numbers = NODES.arrayNode().add(1).add(-7L).add(Long.MAX_VALUE).add(1.1f).add(0.1).add(1e300)
                .add(new BigDecimal("12.3400")).add(new BigInteger("18446744073709551617")).add((short) 3);
        assertThat(CanonicalJson.of(numbers)).isEqualTo(reference(numbers));
    }

    @Test
    void randomTreesMatchTheReference() throws Exception {
        Random random = new Random(8785);
        for (int i = 0; i < 500; i++) {
            JsonNode node = NODES.arrayNode().add(randomValue(random, 0));   // the reference takes an object or array only
            assertThat(CanonicalJson.of(node)).as("tree %s", node).isEqualTo(reference(node));
        }
    }

    @Test
    void aRecordsLinkLeavesOutItsChainHashOnly() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree("""
                {"request_id":"req_1","hash":"kept","chain":{"writer":"w","seq":3,"prev":"p","hash":"h"},
                 "usage":{"hash":"kept too"}}""");
        ObjectNode withoutHash = record.deepCopy();
        ((ObjectNode) withoutHash.get("chain")).remove("hash");

        assertThat(AuditJson.canonical(record)).isEqualTo(reference(withoutHash)).contains("\"hash\":\"kept\"",
                "\"hash\":\"kept too\"").doesNotContain("\"h\"");
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> random.nextBoolean() ? NODES.numberNode(random.nextLong() >> random.nextInt(64))
                    : NODES.numberNode(Double.longBitsToDouble(random.nextLong()) % 1e12);
            case 2 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 3 -> NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomText(Random random) {
        String alphabet = "aZ09_ \"\\/\n\t\u0001\u001f\u007f\u0080éö€\u2028\ud83d\ude00";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
