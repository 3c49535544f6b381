package org.muster.geo.road.internal;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.PMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * GraphHopper with its import split into reported stages. GraphHopper's import is one long {@code
 * process} call; its protected steps are the only places to learn where it has got to.
 */
public final class ProgressGraphHopper extends GraphHopper {
    private ImportProgress progress;

    /** Reports the next import's stages to {@code progress}; none when never called. */
    public ProgressGraphHopper reportTo(ImportProgress progress) {
        this.progress = progress;
        return this;
    }

    private Optional<ImportProgress> progress() {
        return Optional.ofNullable(progress);
    }

    @Override
    protected void importOSM() {
        progress().ifPresent(p -> p.enter(ImportProgress.Stage.READING_WAYS));
        super.importOSM();
    }

    @Override
    protected void cleanUp() {
        progress().ifPresent(p -> p.enter(ImportProgress.Stage.REMOVING_ISLANDS));
        super.cleanUp();
        // Refuse here, before the costly preparation, a file whose roads are all unusable or islands.
        if (!hasUsableRoad()) {
            throw OsmFileCheck.refuse(Path.of(getOSMFile()), "holds no connected roads a car may use");
        }
    }

    /** True when some edge belongs to the main network of every profile and may be driven. */
    private boolean hasUsableRoad() {
        List<BooleanEncodedValue> islands = getProfiles().stream()
                .map(p -> encodingManager.getBooleanEncodedValue(Subnetwork.key(p.getName())))
                .toList();
        List<Weighting> weightings =
                getProfiles().stream().map(p -> createWeighting(p, new PMap())).toList();
        AllEdgesIterator edge = getBaseGraph().getAllEdges();
        while (edge.next()) {
            if (islands.stream().noneMatch(edge::get)
                    && weightings.stream()
                            .allMatch(w -> Double.isFinite(w.calcEdgeWeight(edge, false))
                                    || Double.isFinite(w.calcEdgeWeight(edge, true)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void postProcessing(boolean closeEarly) {
        progress().ifPresent(p -> p.enter(ImportProgress.Stage.PREPARING));
        super.postProcessing(closeEarly);
    }

    @Override
    protected void flush() {
        progress().ifPresent(p -> p.enter(ImportProgress.Stage.WRITING));
        super.flush();
        progress().ifPresent(ImportProgress::done);
    }
}
