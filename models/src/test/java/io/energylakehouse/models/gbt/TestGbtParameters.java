package io.energylakehouse.models.gbt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestGbtParameters
{
    @Test
    void defaults()
    {
        assertThat(GbtParameters.defaults()).isEqualTo(new GbtParameters(1456, 28, 300, 3, 0.1, 0.8, 20161227L));
    }

    @Test
    void withersChangeOneSettingEach()
    {
        GbtParameters parameters = GbtParameters.defaults()
                .withTrainingDays(365)
                .withRecalibrationDays(7)
                .withTrees(20, 3, 0.2)
                .withSubsamplingRate(0.5)
                .withSeed(7);
        assertThat(parameters).isEqualTo(new GbtParameters(365, 7, 20, 3, 0.2, 0.5, 7));
    }

    @Test
    void rejectsSettingsSparkCannotUse()
    {
        GbtParameters parameters = GbtParameters.defaults();
        assertThatThrownBy(() -> parameters.withTrainingDays(0)).hasMessage("Cannot configure GBT: trainingDays must be positive: 0");
        assertThatThrownBy(() -> parameters.withRecalibrationDays(-1)).hasMessage("Cannot configure GBT: recalibrationDays must be positive: -1");
        assertThatThrownBy(() -> parameters.withTrees(0, 5, 0.1)).hasMessage("Cannot configure GBT: maxIter must be positive: 0");
        assertThatThrownBy(() -> parameters.withTrees(100, 31, 0.1)).hasMessage("Cannot configure GBT: maxDepth must be in 1..30: 31");
        assertThatThrownBy(() -> parameters.withTrees(100, 5, 0)).hasMessage("Cannot configure GBT: stepSize must be in (0, 1]: 0.0");
        assertThatThrownBy(() -> parameters.withTrees(100, 5, Double.NaN)).hasMessage("Cannot configure GBT: stepSize must be in (0, 1]: NaN");
        assertThatThrownBy(() -> parameters.withSubsamplingRate(1.5)).hasMessage("Cannot configure GBT: subsamplingRate must be in (0, 1]: 1.5");
    }
}
