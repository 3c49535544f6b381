package org.muster.interop.eido;

import java.util.Set;
import java.util.regex.Pattern;
import org.muster.domain.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** What the EIDO reader and writer share: the JSON mapper, reading text, notes' HTML. */
final class Eido {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The members every data component starts with ({@code PrologueType}). */
    static final Set<String> PROLOGUE = Set.of(
            "$id",
            "lastUpdateTimeStamp",
            "updatedByAgencyReference",
            "updatedByAgentReference",
            "AlternateValueReferences",
            "externalInformationSourceReferences",
            "mediaReferences");

    private Eido() {}

    /** The document as a tree. @throws InvalidInputException naming the body when it is not JSON */
    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw InvalidInputException.of(
                    "body",
                    json.length() > 40 ? json.substring(0, 37) + "..." : json,
                    "must be JSON: " + e.getOriginalMessage());
        }
    }

    static String write(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** Plain text as the HTML5 a note holds. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /** A note's HTML as plain text: tags dropped, the common entities read. */
    static String plain(String html) {
        return TAG.matcher(html)
                .replaceAll("")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .strip();
    }
}
