package org.muster.interop.edxlrm;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.muster.domain.Violation;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Muster's schema of the EDXL-RM 1.0 messages it writes and reads ({@code edxl-rm-msg.xsd} beside this class):
 * derived from the specification's element tables, not OASIS's published file, which the project does not
 * hold. A message is checked whole: every violation is reported, not only the first.
 */
public final class EdxlRmSchema {
    private static final Schema SCHEMA = load();

    private EdxlRmSchema() {}

    private static Schema load() {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // the schema and the one it imports are Muster's own, read from the classpath; nothing else
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            URL msg = EdxlRmSchema.class.getResource("edxl-rm-msg.xsd");
            return f.newSchema(msg);
        } catch (SAXException e) {
            throw new IllegalStateException("Muster's EDXL-RM schema does not load", e);
        }
    }

    /**
     * Every way the text fails the schema (a document type declaration is refused before, by {@link
     * EdxlRmReader}, which parses it first), each as the line and column (field {@code line:column}) with the
     * validator's reason; empty when it is a valid message.
     */
    public static List<Violation> check(String xml) {
        List<Violation> out = new ArrayList<>();
        Validator v = SCHEMA.newValidator();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the XML validator refuses to be made safe", e);
        }
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                out.add(violation(e));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                out.add(violation(e));
                throw e;
            }
        });
        try {
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            // already listed by the handler: the document is not well-formed XML, so checking stops there
        } catch (SAXException | IOException e) {
            out.add(Violation.of("/", "", "is not a readable XML document: " + e.getMessage()));
        }
        return List.copyOf(out);
    }

    private static Violation violation(SAXParseException e) {
        return Violation.of("line " + e.getLineNumber() + ":" + e.getColumnNumber(), "", e.getMessage());
    }
}
