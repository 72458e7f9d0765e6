package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMaintenanceOptions
{
    @Test
    void defaults()
    {
        assertThat(MaintenanceOptions.defaults()).isEqualTo(new MaintenanceOptions(Duration.ofDays(7), 5, Duration.ofDays(3), 128L * 1024 * 1024,
                true /* rewriteDataFiles */, true /* removeOrphans */, false /* allowShortOrphanAge */));
        assertThat(MaintenanceOptions.MIN_ORPHAN_AGE).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void withers()
    {
        MaintenanceOptions options = MaintenanceOptions.defaults()
                .withSnapshotMaxAge(Duration.ofDays(1))
                .withRetainLast(2)
                .withOrphanMinAge(Duration.ofHours(1))
                .withTargetFileSizeBytes(1024)
                .withoutRewrite()
                .withoutOrphanRemoval();
        assertThat(options).isEqualTo(new MaintenanceOptions(Duration.ofDays(1), 2, Duration.ofHours(1), 1024, false, false, false));
    }

    @Test
    void rejectsAShortOrphanAgeUnlessAllowed()
    {
        assertThatThrownBy(() -> MaintenanceOptions.defaults().withOrphanMinAge(Duration.ofMinutes(59)))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot remove orphan files younger than PT1H (asked for PT59M): the files of a write still in progress "
                        + "are not in the table's metadata yet, and deleting them would corrupt that write; use at least PT1H");
        assertThat(MaintenanceOptions.defaults().withShortOrphanAgeAllowed().withOrphanMinAge(Duration.ZERO).orphanMinAge()).isZero();
        // Without orphan removal the age does not matter.
        assertThat(MaintenanceOptions.defaults().withoutOrphanRemoval().withOrphanMinAge(Duration.ZERO).removeOrphans()).isFalse();
    }

    @Test
    void rejectsImpossibleValues()
    {
        assertThatThrownBy(() -> MaintenanceOptions.defaults().withRetainLast(0))
                .hasMessage("Cannot expire snapshots retaining the last 0: retain at least 1, the current snapshot");
        assertThatThrownBy(() -> MaintenanceOptions.defaults().withSnapshotMaxAge(Duration.ofDays(-1)))
                .hasMessage("Cannot expire snapshots older than PT-24H: the age is negative");
        assertThatThrownBy(() -> MaintenanceOptions.defaults().withTargetFileSizeBytes(0))
                .hasMessage("Cannot rewrite data files to a target size of 0 bytes: need at least 1");
    }
}
