package io.energylakehouse.models.lear;

import io.energylakehouse.common.series.DailyPanel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our LEAR equals epftoolbox's recipe run on scikit-learn (models/tools/lear_reference.py: lars_path on the
 * normalised features, the pre-1.1 AIC, Lasso with max_iter 2500) on the real Nord Pool dataset, to 1e-3 per
 * hour, for a window with fewer days than features (56) and for the longest (1456).
 */
class TestLearAgainstScikitLearn
{
    private static DailyPanel np;

    @BeforeAll
    static void read()
            throws IOException
    {
        Assumptions.assumeTrue(EpftoolboxFiles.available(), "../shared/data/epf is not there");
        np = EpftoolboxFiles.panel("NP");
    }

    @Test
    void window56()
    {
        assertForecast(56, "2016-12-27", 25.152, 24.2072, 23.9269, 23.117, 23.5197, 23.2779, 25.592, 28.0196, 26.8771, 25.7247, 27.7139, 27.7939,
                28.0628, 29.6358, 29.9464, 30.7992, 29.5014, 31.5282, 30.226, 28.5139, 28.6857, 28.4071, 27.3898, 25.3379);
    }

    @Test
    void window84()
    {
        assertForecast(84, "2016-12-28", 25.6676, 25.4473, 24.8486, 24.7609, 25.4139, 26.6732, 30.1692, 33.7797, 35.4755, 34.25, 32.9762, 33.008,
                33.001, 33.0587, 33.8936, 34.5687, 35.2912, 36.4904, 34.3693, 32.6733, 30.9798, 29.8704, 28.7088, 28.0505);
    }

    @Test
    void window1456()
    {
        assertForecast(1456, "2016-12-27", 24.8065, 22.6732, 20.8893, 19.468, 20.729, 23.3141, 25.7915, 28.5058, 29.7262, 29.1124, 28.9925, 28.9058,
                28.5395, 28.4802, 28.3806, 28.7952, 29.4672, 30.1567, 29.5222, 29.063, 28.1967, 27.8201, 27.5393, 26.0265);
    }

    private static void assertForecast(int window, String day, double... expected)
    {
        Lear.WindowForecast forecast = Lear.forecast(np, LocalDate.parse(day), window);
        for (int h = 0; h < 24; h++) {
            assertThat(forecast.prices()[h]).as("LEAR %d, %s hour %d", window, day, h).isCloseTo(expected[h], within(1e-3));
        }
        assertThat(forecast.trainingRows()).isEqualTo(window - 7);
    }
}
