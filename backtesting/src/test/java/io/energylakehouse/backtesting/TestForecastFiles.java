package io.energylakehouse.backtesting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestForecastFiles
{
    @TempDir
    Path folder;

    /** Our forecasts.csv against an epftoolbox forecasts file: the DE spring-forward hour as the two files hold it. */
    @Test
    void realPricesACentApartAreTheSameSeries()
            throws IOException
    {
        Path ours = ours(27.455);
        Path published = published(27.46);
        ForecastFiles.Aligned aligned = ForecastFiles.align(ForecastFiles.read(ours.toString()), ForecastFiles.read(published + ":LEAR Ensemble"));
        assertThat(aligned.days()).isEqualTo(1);
        assertThat(aligned.from()).isEqualTo(LocalDateTime.of(2017, 3, 26, 0, 0));
        assertThat(aligned.real()[2]).isCloseTo(27.455, within(1e-12));
        assertThat(aligned.second()[2]).isCloseTo(30.0, within(1e-12));

        Path other = published(27.50);
        assertThatThrownBy(() -> ForecastFiles.align(ForecastFiles.read(ours.toString()), ForecastFiles.read(other + ":LEAR Ensemble")))
                .hasMessageContaining("the real price of 2017-03-26T02:00 differs (27.455 vs 27.5): not the same series");
    }

    @Test
    void filesThatAreNotForecastsAreRefusedSayingWhy()
            throws IOException
    {
        // Found by the fuzz suite (TestForecastFilesFuzz): a one-column header threw "fromIndex(2) > toIndex(1)", hour 24
        // threw DateTimeException past the catch, and bytes that are not UTF-8 were told as "Input length = 1".
        Path oneColumn = Files.writeString(folder.resolve("one-column.csv"), "\n\n");
        assertThatThrownBy(() -> ForecastFiles.read(oneColumn.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read forecasts " + oneColumn + ": name the column after a colon, one of []");
        Path hour24 = Files.writeString(folder.resolve("hour24.csv"), "issue_time_utc,delivery_date,hour,actual_price,forecast_price\n"
                + "2017-03-25T09:00:00Z,2017-03-26,24,20.0,25.0\n");
        assertThatThrownBy(() -> ForecastFiles.read(hour24.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read forecasts " + hour24 + " line 2: Invalid value for HourOfDay (valid values 0 - 23): 24: 2017-03-25T09:00:00Z,2017-03-26,24,20.0,25.0");
        Path latin1 = Files.write(folder.resolve("latin1.csv"), ",Real price,Pr\u00e9vision\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ForecastFiles.read(latin1.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read forecasts " + latin1 + ": not UTF-8 text");
    }

    private Path ours(double springForwardPrice)
            throws IOException
    {
        StringBuilder csv = new StringBuilder("issue_time_utc,delivery_date,hour,actual_price,forecast_price\n");
        for (int h = 0; h < 24; h++) {
            csv.append("2017-03-25T09:00:00Z,2017-03-26,").append(h).append(',').append(h == 2 ? springForwardPrice : 20.0 + h).append(",25.0\n");
        }
        return Files.writeString(folder.resolve("ours.csv"), csv);
    }

    private Path published(double springForwardPrice)
            throws IOException
    {
        StringBuilder csv = new StringBuilder(",Real price,DNN Ensemble,LEAR Ensemble\n");
        for (int h = 0; h < 24; h++) {
            csv.append(String.format("2017-03-26 %02d:00:00,", h)).append(h == 2 ? springForwardPrice : 20.0 + h).append(",29.0,30.0\n");
        }
        return Files.writeString(folder.resolve("published-" + springForwardPrice + ".csv"), csv);
    }
}
