package org.muster.engine.coverage;

import java.util.List;
import org.muster.domain.unit.UnitId;

/**
 * Coverage now and as it would be if some units left: "if these 4 units leave, coverage in zone X falls
 * from 93% to 71%". Computed beside the live figures, which it leaves as they are.
 *
 * @param leaving the units whose leaving was counted: those that count now
 * @param withoutEffect the units asked about that count already for nothing (not available, or off the road
 *     network), so their leaving changes no figure
 * @param before coverage now
 * @param after coverage without the leaving units, at the same sequence
 */
public record CoveragePreview(
        List<UnitId> leaving, List<UnitId> withoutEffect, CoverageReport before, CoverageReport after) {
    public CoveragePreview {
        leaving = List.copyOf(leaving);
        withoutEffect = List.copyOf(withoutEffect);
    }
}
