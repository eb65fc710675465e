package id.simpul.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies of the staff API and G2G bind with Boot's Jackson 3 mapper, which by default coerces a
 * wrong JSON type into a value: {@code "enabled":12345} became true, {@code ""} or a string of control
 * characters became null (so "the default": a new API key, the default backfill rate), {@code 1.5} for a
 * whole number became 1, {@code 12345} for a name became "12345". Those are a client's mistakes, refused
 * here with a 400 naming the field ({@link ParameterWords#body}). Only this mapper changes: OSS pushes are
 * read as Jackson 2 trees ({@code intake.OssPayloadReader}) and keep their own leniency, and coercion rules
 * apply to reading only, so what the hub writes stays as it was.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonBinding {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBinding() {
        return StrictJsonBinding::strict;
    }

    static void strict(JsonMapper.Builder builder) {
        builder
                // Numbers and booleans only from their own JSON types: no "true", "12", "" or 1 for true.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // Jackson turns a blank string into null for scalars even with the feature above off.
                .withCoercionConfigDefaults(config -> config.setAcceptBlankAsEmpty(false))
                // Text only from JSON strings: a number or a boolean for a name is a mistake, not a name.
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
