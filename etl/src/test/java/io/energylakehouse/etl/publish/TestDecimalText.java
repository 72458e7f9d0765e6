package io.energylakehouse.etl.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestDecimalText
{
    @Test
    void writesTheShortestDecimalThatReadsBackAsTheSameDouble()
    {
        assertThat(DecimalText.plain(47.3)).isEqualTo("47.3");
        assertThat(DecimalText.plain(35.12345)).isEqualTo("35.12345");
        assertThat(DecimalText.plain(-12.5)).isEqualTo("-12.5");
        assertThat(DecimalText.plain(35.0)).isEqualTo("35.0");
        // Exact, not rounded: a noisy double is written as it is (means are rounded before they are published).
        assertThat(DecimalText.plain(47.54455312500001)).isEqualTo("47.54455312500001");
        assertThat(Double.parseDouble(DecimalText.plain(47.54455312500001))).isEqualTo(47.54455312500001);
        assertThat(DecimalText.plain(null)).isNull();
    }

    @Test
    void writesPlainNotationWhereJavaWouldUseAnExponentOrExtraDigits()
    {
        assertThat(Double.toString(2.0E-4)).isEqualTo("2.0E-4");
        assertThat(DecimalText.plain(2.0E-4)).isEqualTo("0.0002");
        assertThat(DecimalText.plain(1.0E7)).isEqualTo("10000000.0");
        // Java 17's Double.toString is not always the shortest (JDK-4511638, fixed in 19).
        assertThat(Double.toString(2.82879384806159E17)).isEqualTo("2.82879384806159008E17");
        assertThat(DecimalText.plain(2.82879384806159E17)).isEqualTo("282879384806159000.0");
    }
}
