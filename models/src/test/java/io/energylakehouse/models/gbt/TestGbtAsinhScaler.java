package io.energylakehouse.models.gbt;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestGbtAsinhScaler
{
    @Test
    void fitsMedianAndNormalisedMad()
    {
        // median 3; |x - 3| = 2, 1, 0, 1, 97 has median 1; NaN is skipped
        AsinhScaler scaler = AsinhScaler.fit(new double[] {4, 1, Double.NaN, 100, 3, 2});
        assertThat(scaler.median()).isEqualTo(3.0);
        assertThat(scaler.mad()).isCloseTo(1 / 0.6745, within(1e-15));
        assertThat(scaler.transform(3)).isEqualTo(0.0);
        assertThat(scaler.transform(3 + scaler.mad())).isCloseTo(0.881373587019543, within(1e-15));
        assertThat(scaler.transform(3 - scaler.mad())).isCloseTo(-0.881373587019543, within(1e-15));
    }

    @Test
    void evenCountsTakeTheMeanOfTheMiddleValues()
    {
        // median 2.5; deviations 1.5, 0.5, 0.5, 1.5 have median 1
        AsinhScaler scaler = AsinhScaler.fit(new double[] {1, 2, 3, 4});
        assertThat(scaler.median()).isEqualTo(2.5);
        assertThat(scaler.mad()).isCloseTo(1 / 0.6745, within(1e-15));
    }

    @Test
    void inverseUndoesTransformFromNegativePricesToSpikes()
    {
        AsinhScaler scaler = new AsinhScaler(30, 8);
        for (double price : new double[] {-500, -30, 0, 1e-9, 29.99, 30, 31.5, 250, 3000}) {
            assertThat(scaler.inverse(scaler.transform(price))).as("price %s", price).isCloseTo(price, within(1e-9 * Math.max(1, Math.abs(price))));
        }
        assertThat(AsinhScaler.asinh(1e-12)).isEqualTo(1e-12);
        assertThat(AsinhScaler.asinh(-1e10)).isCloseTo(-Math.log(2e10), within(1e-12));
        assertThat(AsinhScaler.asinh(-0.5)).isCloseTo(-0.48121182505960347, within(1e-15));
    }

    @Test
    void rejectsWhatItCannotScale()
    {
        assertThatThrownBy(() -> AsinhScaler.fit(new double[] {5, 5, 5, 7}))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_EXTERNAL_DATA))
                .hasMessage("Cannot fit asinh scaler: at least half of the 4 values equal the median 5.0, MAD is 0");
        assertThatThrownBy(() -> AsinhScaler.fit(new double[] {Double.NaN}))
                .hasMessage("Cannot fit asinh scaler: none of the 1 values is finite");
        assertThatThrownBy(() -> new AsinhScaler(1, 0)).hasMessage("Cannot build asinh scaler: mad must be positive and finite: 0.0");
        assertThatThrownBy(() -> new AsinhScaler(Double.NaN, 1)).hasMessage("Cannot build asinh scaler: median is not finite: NaN");
    }
}
