/**
 * Interchange standards on the domain: incidents as NENA EIDO documents (export, and import of any document
 * that validates against NENA's schema), public alerts as OASIS CAP 1.2. Jackson and the JSON-schema validator
 * stay here: the server maps its endpoints onto these classes and hands them text.
 */
package org.muster.interop;
