package id.simpul.g2g.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler as a G2G service: the scope it needs, its audit action and its summary. The scope
 * check, the catalogue and the OpenAPI document all read it; a handler under {@code /g2g} without it
 * is refused (deny by default).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface G2gApi {

    /** Needs no credentials (keys, catalogue, OpenAPI document). */
    String PUBLIC = "public";

    /** A scope from {@link id.simpul.g2g.Scopes}, or {@link #PUBLIC}. */
    String scope();

    /** The audit action, without the {@code G2G_} prefix ({@code PERMIT_READ}). */
    String action();

    String summary();

    /** The status of a successful answer. */
    int status() default 200;
}
