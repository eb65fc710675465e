package id.simpul.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import id.simpul.platform.json.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Message bodies are Jackson 2 trees (Camel and JSLT use Jackson 2) while Boot's web layer writes
 * with Jackson 3. This module lets controllers return Jackson 2 {@code JsonNode}s and accept them as
 * request fields, instead of Jackson 3 treating them as beans.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonBridge {

    @Bean
    SimpleModule jackson2TreeModule() {
        SimpleModule module = new SimpleModule("simpul-jackson2-trees");
        module.addSerializer(com.fasterxml.jackson.databind.JsonNode.class, new ValueSerializer<>() {
            @Override
            public void serialize(com.fasterxml.jackson.databind.JsonNode value, JsonGenerator gen,
                                  SerializationContext ctxt) {
                gen.writeRawValue(value.toString());
            }
        });
        module.addDeserializer(com.fasterxml.jackson.databind.JsonNode.class, new ValueDeserializer<>() {
            @Override
            public com.fasterxml.jackson.databind.JsonNode deserialize(JsonParser parser, DeserializationContext ctxt) {
                return Json.tree(ctxt.readTree(parser).toString());
            }
        });
        return module;
    }
}
