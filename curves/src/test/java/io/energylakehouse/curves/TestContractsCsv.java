package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TestContractsCsv
{
    @Test
    void byteOrderMarkBeforeACommentLine()
    {
        // Found by the fuzz suite (TestContractsCsvFuzz): the mark hid the '#', so the comment was taken for the header.
        assertThat(ContractsCsv.parse("\uFEFF# July\ncontract,delivery_start,delivery_end,price\nJul-24,2024-07-01,2024-08-01,58.40\n", "contracts.csv"))
                .containsExactly(new Contract("Jul-24", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 8, 1), 58.40, Profile.BASE));
        assertThat(ContractsCsv.parse("\uFEFFcontract,delivery_start,delivery_end,price\nJul-24,2024-07-01,2024-08-01,58.40\n", "contracts.csv"))
                .containsExactly(new Contract("Jul-24", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 8, 1), 58.40, Profile.BASE));
    }
}
