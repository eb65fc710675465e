package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The staff API's and G2G's request bodies: a wrong JSON type is refused and named, never coerced into a value. */
class StrictJsonBindingTest {

    record Limit(Integer requests) {
    }

    record Body(String name, List<String> regions, Boolean enabled, Double rate, Integer count, Limit limit) {
    }

    private static final JsonMapper MAPPER = strict();

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        StrictJsonBinding.strict(builder);
        return builder.build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"enabled\":12345}              | enabled must be true or false",
            "{\"enabled\":0}                  | enabled must be true or false",
            "{\"enabled\":\"true\"}           | enabled must be true or false",
            "{\"enabled\":\"\"}               | enabled must be true or false",
            "{\"enabled\":\"\\u0000\\u0007\"} | enabled must be true or false",
            "{\"enabled\":\"  \"}             | enabled must be true or false",
            "{\"rate\":\"\"}                  | rate must be a number",
            "{\"rate\":\"\\u001b\"}           | rate must be a number",
            "{\"rate\":\"0.5\"}               | rate must be a number",
            "{\"count\":1.5}                  | count must be a whole number",
            "{\"count\":\"7\"}                | count must be a whole number",
            "{\"limit\":{\"requests\":2.5}}   | limit.requests must be a whole number",
            "{\"limit\":12345}                | limit must be an object",
            "{\"name\":12345}                 | name must be text",
            "{\"name\":1.5}                   | name must be text",
            "{\"name\":true}                  | name must be text",
            "{\"name\":{\"a\":1}}             | name must be text",
            "{\"name\":[1]}                   | name must be text",
            "{\"regions\":[1607]}             | regions[0] must be text",
            "{\"regions\":\"1607\"}           | regions must be a list",
    })
    void aWrongJsonTypeIsRefusedNamingTheFieldAndWhatItTakes(String json, String message) {
        ParameterWords.BodyRefusal words = refusal(json.getBytes(), Body.class);

        assertThat(words.message()).isEqualTo(message);
        assertThat(words.field()).isEqualTo(message.substring(0, message.indexOf(' ')));
    }

    record Counts(Long total, Short few) {
    }

    /** Body errors other than a wrong type: the field is named when Jackson knows where it was, the value never. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"count\":99999999999999999999999}           | count must be a whole number from -2147483648 to 2147483647",
            "{\"count\":-99999999999999999999999}          | count must be a whole number from -2147483648 to 2147483647",
            "{\"limit\":{\"requests\":3000000000}}        | limit.requests must be a whole number from -2147483648 to 2147483647",
            "{\"name\":\"PT @\"}                          | name is not valid UTF-8 text",
            "{\"regions\":[\"1607\",\"@\"]}             | regions[1] is not valid UTF-8 text",
    })
    void aBodyErrorOtherThanAWrongTypeNamesTheFieldWithoutTheValue(String json, String message) {
        // @ stands for bytes that are not UTF-8 (C3 28 FF): a CSV cannot hold them.
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte b : body) {
            if (b == '@') {
                bytes.writeBytes(new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF});
            } else {
                bytes.write(b);
            }
        }
        ParameterWords.BodyRefusal words = refusal(bytes.toByteArray(), Body.class);

        assertThat(words.message()).isEqualTo(message);
        assertThat(words.field()).isEqualTo(message.substring(0, message.indexOf(' ')));
        assertThat(words.message()).doesNotContain("9999", "3000000000");
    }

    @Test
    void aNumberTooLargeForALongOrAShortNamesItsRange() {
        for (String json : List.of("{\"total\":99999999999999999999}", "{\"few\":40000}")) {
            assertThat(refusal(json.getBytes(), Counts.class).message()).as(json)
                    .isIn("total must be a whole number from -9223372036854775808 to 9223372036854775807",
                            "few must be a whole number from -32768 to 32767");
        }
    }

    @Test
    void eachFieldsOwnJsonTypeStillBinds() {
        Body body = MAPPER.readValue("{\"name\":\"Dinas\",\"regions\":[\"1607\"],\"enabled\":false,\"rate\":1,"
                + "\"count\":3,\"limit\":{\"requests\":10}}", Body.class);

        assertThat(body).isEqualTo(new Body("Dinas", List.of("1607"), false, 1.0, 3, new Limit(10)));
        assertThat(MAPPER.readValue("{\"name\":\"\",\"enabled\":null,\"rate\":null}", Body.class))
                .isEqualTo(new Body("", null, null, null, null, null));
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnObjectKeepsTheGeneralMessage() {
        for (String json : List.of("{\"name\":", "42", "[]")) {
            assertThat(refusal(json.getBytes(), Body.class)).as(json).isEqualTo(new ParameterWords.BodyRefusal(
                    "request body is not valid JSON for this call", null));
        }
    }

    /** The words of the 400 for a body the strict mapper refuses as {@code type}. */
    private static ParameterWords.BodyRefusal refusal(byte[] json, Class<?> type) {
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> MAPPER.readValue(json, type));
        assertThat(refused).as(new String(json)).isNotNull();
        return ParameterWords.body(new HttpMessageNotReadableException("JSON parse error", refused,
                new MockHttpInputMessage(json)));
    }
}
