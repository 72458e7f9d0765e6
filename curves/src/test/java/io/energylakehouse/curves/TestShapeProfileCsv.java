package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;

import static org.assertj.core.api.Assertions.assertThat;

class TestShapeProfileCsv
{
    @Test
    void byteOrderMarkBeforeTheHeader()
    {
        // Found by the fuzz suite (TestCurvesFilesFuzz): the mark made the first column '\uFEFFday_of_week', and the file was refused.
        ShapeProfile shape = ShapeProfile.parseCsv("\uFEFFday_of_week,factor\n1,1.1\n2,1.1\n3,1.1\n4,1.1\n5,1.1\n6,0.8\n7,0.7\n", ShapeProfile.Mode.MULTIPLY, "shape.csv");

        assertThat(shape.factor(DayOfWeek.MONDAY, 1)).isEqualTo(1.1);
        assertThat(shape.factor(DayOfWeek.SUNDAY, 24)).isEqualTo(0.7);
    }
}
