package org.muster.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.muster.store.DomainJson;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Muster's own values in and out of HTTP in the one JSON form the log, the pipe and imports use: ids as
 * bare strings, records as their components, ISO-8601 times. Bad bodies are refused naming the field.
 */
public final class DomainJsonConverter extends AbstractHttpMessageConverter<Object> {
    private static final int MAX_BODY = 1 << 20;

    public DomainJsonConverter() {
        super(StandardCharsets.UTF_8, MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type.getName().startsWith("org.muster.");
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage in) throws IOException {
        byte[] body = in.getBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY)
            throw org.muster.domain.InvalidInputException.of("body", body.length + "+ bytes", "must be at most 1 MiB");
        return DomainJson.read(new String(body, StandardCharsets.UTF_8), type, "body");
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage out) throws IOException {
        out.getBody().write(DomainJson.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
