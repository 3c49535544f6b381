package org.muster.server.web;

import java.util.Comparator;
import java.util.List;
import org.muster.domain.incident.IncidentType;
import org.muster.server.MusterNode;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.Role.Action;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The incident-type catalogue the engine decides by, for the dashboard's new-call form. */
@RestController
public class CatalogueController {
    private final MusterNode node;
    private final CurrentUser user;

    public CatalogueController(MusterNode node, CurrentUser user) {
        this.node = node;
        this.user = user;
    }

    public record IncidentTypeList(List<IncidentType> types) {}

    @GetMapping("/api/v1/incident-types")
    public IncidentTypeList incidentTypes() {
        user.require(Action.READ);
        return new IncidentTypeList(node.rules().catalogue().listTypes().stream()
                .sorted(Comparator.comparing((IncidentType t) -> t.agency()).thenComparing(t -> t.name()))
                .toList());
    }
}
