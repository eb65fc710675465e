package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> MAPPER.readValue(json, Body.class));

        assertThat(refused).as(json).isNotNull();
        ParameterWords.BodyRefusal words = ParameterWords.body(new HttpMessageNotReadableException(
                "JSON parse error", refused, new MockHttpInputMessage(json.getBytes())));
        assertThat(words.message()).isEqualTo(message);
        assertThat(words.field()).isEqualTo(message.substring(0, message.indexOf(' ')));
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
            JacksonException refused = catchThrowableOfType(JacksonException.class,
                    () -> MAPPER.readValue(json, Body.class));
            ParameterWords.BodyRefusal words = ParameterWords.body(new HttpMessageNotReadableException(
                    "JSON parse error", refused, new MockHttpInputMessage(json.getBytes())));
            assertThat(words).as(json).isEqualTo(new ParameterWords.BodyRefusal(
                    "request body is not valid JSON for this call", null));
        }
    }
}
