package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JEPX tests' files: the hand-made fixture, and Shift_JIS files built line by line in a test. */
final class JepxTestFiles
{
    static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    static final String FIXTURE = "spot_2024.csv";
    /** The documented 37-column header, written out by hand: spacers at columns 16, 22 and 33. */
    static final String HEADER = "年月日,時刻コード,売り入札量(kWh),買い入札量(kWh),約定総量(kWh),システムプライス(円/kWh),"
            + "エリアプライス北海道(円/kWh),エリアプライス東北(円/kWh),エリアプライス東京(円/kWh),エリアプライス中部(円/kWh),エリアプライス北陸(円/kWh),"
            + "エリアプライス関西(円/kWh),エリアプライス中国(円/kWh),エリアプライス四国(円/kWh),エリアプライス九州(円/kWh),,"
            + "スポット・時間前平均価格(円/kWh),α上限値×スポット・時間前平均価格(円/kWh),α下限値×スポット・時間前平均価格(円/kWh),"
            + "α速報値×スポット・時間前平均価格(円/kWh),α確報値×スポット・時間前平均価格(円/kWh),,回避可能原価全国値(円/kWh),"
            + "回避可能原価北海道(円/kWh),回避可能原価東北(円/kWh),回避可能原価東京(円/kWh),回避可能原価中部(円/kWh),回避可能原価北陸(円/kWh),"
            + "回避可能原価関西(円/kWh),回避可能原価中国(円/kWh),回避可能原価四国(円/kWh),回避可能原価九州(円/kWh),,"
            + "売りブロック入札総量(kWh),買いブロック入札総量(kWh),売りブロック約定総量(kWh),買いブロック約定総量(kWh)";

    private JepxTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = JepxTestFiles.class.getResourceAsStream("/jepx/" + name)) {
            if (input == null) {
                throw new IllegalStateException("No test resource jepx/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A documented-layout row: date, slot, the system price and the nine area prices (as text), everything else filled in. */
    static String row(String date, String slot, String system, String... areas)
    {
        if (areas.length != 9) {
            throw new IllegalArgumentException("nine area prices");
        }
        return date + "," + slot + ",30000000,29000000,25000000," + system + "," + String.join(",", areas)
                + ",,10.50,,,,,,9.71,9.71,9.71,9.71,9.71,9.71,9.71,9.71,9.71,9.71,,100001,90001,40001,30001";
    }

    /** A row whose ten prices are all {@code price}. */
    static String row(String date, int slot, String price)
    {
        return row(date, Integer.toString(slot), price, price, price, price, price, price, price, price, price, price);
    }

    /** Lines joined with CRLF, encoded as JEPX does. */
    static byte[] shiftJis(List<String> lines)
    {
        return (String.join("\r\n", lines) + "\r\n").getBytes(SHIFT_JIS);
    }

    static Payload payload(byte[] bytes, String requestKey, int status)
    {
        return new Payload(JepxMarket.SOURCE, JepxSpotParser.REPORT, Payload.Origin.LIVE, requestKey, Optional.empty(), "spot_2024.csv",
                Instant.parse("2025-03-31T01:10:00Z"), status, bytes);
    }

    static ParsedPayload parse(byte[] bytes)
    {
        return new JepxSpotParser(PayloadLimits.DEFAULTS).parse(payload(bytes, "", 200));
    }
}
