package io.energylakehouse.etl.source.eex;

import io.energylakehouse.etl.connector.SampleFiles;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Generates SYNTHETIC EEX auction reports, one {@code .xlsx} per year of the days asked for, in the layout of EEX's
 * newest real file (2022: banner rows, the header on row 6 from column B, 59 columns with the per-member-state revenue
 * split, rows newest first), labelled SYNTHETIC in the title row and in a README beside them. The auction calendar is
 * made up but plausible: a common-platform (CAP3 EU) auction every weekday but Friday, Germany's on Fridays, Poland's
 * on Wednesdays, an aviation (EUAA) auction on the first Wednesday of a month, and about one auction in fifty cancelled
 * (bids below the volume: no price). Prices follow a random walk from 80 EUR/tCO2. The same seed and days give the same
 * bytes (the zip entries' times are fixed).
 */
public final class SyntheticEex
{
    /** EEX's 2022 header, from column B. */
    static final List<String> HEADER_2022 = List.of("Date", "Time", "Auction Name", "Contract", "Status", "Auction Price €/tCO2", "Minimum Bid €/tCO2",
            "Maximum Bid €/tCO2", "Mean €/tCO2", "Median €/tCO2", "Auction Volume tCO2", "Total Amount of Bids", "Number of bids submitted",
            "Number of successful bids", "Average number of bids per bidder", "Average bid size", "Average volume bid per bidder",
            "Standard deviation of bid volume per bidder", "Average volume won per bidder", "Standard deviation of volume won per bidder", "Cover Ratio",
            "Total Number of Bidders", "Number of Successful Bidders", "Total Revenue €", "Country", "Austria\n(AT)", "Belgium\n(BE)", "Bulgaria\n(BG)",
            "Cyprus\n(CY)", "Czech Republic\n(CZ)", "Germany\n(DE)", "Denmark\n(DK)", "Estonia\n(EE)", "Greece\n(EL)", "Spain\n(ES)", "Finland\n(FI)",
            "France\n(FR)", "Croatia\n(HR)", "Hungary\n(HU)", "Ireland\n(IE)", "Innovation Fund\n(IF)", "Iceland\n(IS)", "Italy\n(IT)",
            "Liechtenstein\n(LI)", "Lithuania\n(LT)", "Luxembourg\n(LU)", "Latvia\n(LV)", "Modernisation Fund\n(MF)", "Malta\n(MT)",
            "Netherlands\n(NL)", "Norway\n(NO)", "Poland\n(PL)", "Portugal\n(PT)", "Romania\n(RO)", "Sweden\n(SE)", "Slovenia\n(SI)", "Slovakia\n(SK)",
            "Northern Ireland\n(XI)");
    static final String TITLE = "EEX Emissions market / Primary Market Auction - SYNTHETIC SAMPLE, NOT MARKET DATA";
    /** When the zip entries say they were written: fixed, so the same arguments give the same bytes. */
    private static final long ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0).atZone(EexAuctions.ZONE).toInstant().toEpochMilli();

    private final long seed;

    public SyntheticEex(long seed)
    {
        this.seed = seed;
    }

    /** One synthetic auction. */
    public record Auction(LocalDate date, LocalTime time, String name, String contract, String country, boolean cancelled, double price, double volume,
            double bidVolume, int bidders, int successfulBidders) {}

    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** Writes one report per year of the days into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the layout of EEX's Emission Spot Primary Market "
                    + "Auction Report (the 2022 .xlsx layout) but every auction in them is made up by the lakehouse's sample generator (seed " + seed
                    + "). They are not market data.\n");
            List<Path> written = new ArrayList<>();
            for (GeneratedFile file : files(days)) {
                written.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
            }
            return written;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write synthetic EEX auction reports to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The reports of the days' years, each holding the auctions of the asked days of its year. */
    public List<GeneratedFile> files(List<LocalDate> days)
    {
        Map<Integer, List<Auction>> byYear = new TreeMap<>();
        for (Auction auction : auctions(days)) {
            byYear.computeIfAbsent(auction.date().getYear(), year -> new ArrayList<>()).add(auction);
        }
        List<GeneratedFile> files = new ArrayList<>();
        for (Map.Entry<Integer, List<Auction>> year : byYear.entrySet()) {
            List<Auction> auctions = year.getValue();
            Auction newest = auctions.stream().max(Comparator.comparing(Auction::date).thenComparing(Auction::time)).orElseThrow();
            Instant published = newest.date().atTime(newest.time()).plusMinutes(15).atZone(EexAuctions.ZONE).toInstant();
            // always the newest (.xlsx) layout, whatever the year
            files.add(new GeneratedFile(EexAuctions.REQUEST_NAME + "-" + year.getKey() + "-data.xlsx", workbook(auctions), published));
        }
        return files;
    }

    /** The auctions of the days (weekdays only), oldest first. */
    public List<Auction> auctions(List<LocalDate> days)
    {
        Random random = new Random(seed);
        double price = 80;
        List<Auction> auctions = new ArrayList<>();
        for (LocalDate day : days.stream().distinct().sorted().toList()) {
            DayOfWeek weekday = day.getDayOfWeek();
            if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
                continue;
            }
            price = Math.max(5, price * (1 + random.nextGaussian() * 0.02));
            if (weekday == DayOfWeek.FRIDAY) {
                auctions.add(auction(random, day, LocalTime.of(11, 0, 40), "Auction 4. Period DE", "T3PA", "DE", price, 1_900_000));
            }
            else {
                auctions.add(auction(random, day, LocalTime.of(11, 0, 50), "Auction 4. Period CAP3 EU", "T3PA", "EU", price, 2_500_000));
            }
            if (weekday == DayOfWeek.WEDNESDAY) {
                auctions.add(auction(random, day, LocalTime.of(11, 1, 5), "Auction 4. Period CAP3 PL", "T3PA", "PL", price, 2_600_000));
                if (day.getDayOfMonth() <= 7) {
                    auctions.add(auction(random, day, LocalTime.of(13, 0, 30), "EUAA Auction CAP3 EU", "EAA3", "EU", price * 0.99, 700_000));
                }
            }
        }
        return auctions;
    }

    private static Auction auction(Random random, LocalDate day, LocalTime time, String name, String contract, String country, double price, double volume)
    {
        boolean cancelled = random.nextInt(50) == 0;
        double cover = cancelled ? 0.5 + random.nextDouble() * 0.45 : 1.1 + random.nextDouble() * 1.4;
        int bidders = 12 + random.nextInt(15);
        return new Auction(day, time, name, contract, country, cancelled, Math.round(price * 100) / 100.0, volume, Math.round(volume * cover / 500) * 500.0,
                bidders, cancelled ? 0 : Math.max(1, bidders - 1 - random.nextInt(8)));
    }

    private static byte[] workbook(List<Auction> auctions)
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            workbook.getProperties().getCoreProperties().setCreated(Optional.of(new java.util.Date(ENTRY_TIME)));
            workbook.getProperties().getCoreProperties().setCreator("energy-lakehouse sample generator (SYNTHETIC)");
            CreationHelper helper = workbook.getCreationHelper();
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(helper.createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle timeStyle = workbook.createCellStyle();
            timeStyle.setDataFormat(helper.createDataFormat().getFormat("hh:mm:ss"));
            Sheet sheet = workbook.createSheet("Primary Market Auction");
            sheet.createRow(1).createCell(0).setCellValue("Public");
            Row information = sheet.createRow(2);
            information.createCell(0).setCellValue("More information");
            information.createCell(1).setCellValue("https://www.eex.com/en/markets/environmental-markets/emissions-auctions");
            sheet.createRow(3).createCell(1).setCellValue(TITLE);
            Row banner = sheet.createRow(4);
            String[] bannerCells = {"References", "Prices", "Volumes", "Participants", "Revenue", "Revenue"};
            int[] bannerColumns = {1, 6, 11, 21, 24, 26};
            for (int i = 0; i < bannerCells.length; i++) {
                banner.createCell(bannerColumns[i]).setCellValue(bannerCells[i]);
            }
            Row header = sheet.createRow(5);
            for (int i = 0; i < HEADER_2022.size(); i++) {
                header.createCell(i + 1).setCellValue(HEADER_2022.get(i));
            }
            List<Auction> newestFirst = auctions.stream().sorted(Comparator.comparing(Auction::date).thenComparing(Auction::time).reversed()).toList();
            int rowIndex = 6;
            for (Auction auction : newestFirst) {
                Row row = sheet.createRow(rowIndex++);
                int column = 1;
                Cell date = row.createCell(column++);
                date.setCellValue(auction.date());
                date.setCellStyle(dateStyle);
                Cell time = row.createCell(column++);
                time.setCellValue(auction.date().atTime(auction.time()));
                time.setCellStyle(timeStyle);
                row.createCell(column++).setCellValue(auction.name());
                row.createCell(column++).setCellValue(auction.contract());
                row.createCell(column++).setCellValue(auction.cancelled() ? "cancelled" : "successful");
                if (!auction.cancelled()) {
                    row.createCell(column).setCellValue(auction.price());
                    row.createCell(column + 1).setCellValue(Math.round(auction.price() * 0.8 * 100) / 100.0);
                    row.createCell(column + 2).setCellValue(Math.round(auction.price() * 1.1 * 100) / 100.0);
                    row.createCell(column + 3).setCellValue(auction.price());
                    row.createCell(column + 4).setCellValue(auction.price());
                }
                column += 5;
                row.createCell(column++).setCellValue(auction.volume());
                row.createCell(column++).setCellValue(auction.bidVolume());
                column += 8;
                row.createCell(column++).setCellValue(Math.round(auction.bidVolume() / auction.volume() * 100) / 100.0);
                row.createCell(column++).setCellValue(auction.bidders());
                row.createCell(column++).setCellValue(auction.successfulBidders());
                double revenue = auction.cancelled() ? 0 : auction.price() * auction.volume();
                row.createCell(column++).setCellValue(Math.round(revenue));
                row.createCell(column).setCellValue(auction.country());
            }
            workbook.write(bytes);
            return withFixedEntryTimes(bytes.toByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write a synthetic EEX auction report: " + e.getMessage(), e);
        }
    }

    /** The same zip with every entry dated {@link #ENTRY_TIME}: POI dates them at the time of writing. */
    private static byte[] withFixedEntryTimes(byte[] zip)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream input = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream output = new ZipOutputStream(out)) {
            for (ZipEntry entry = input.getNextEntry(); entry != null; entry = input.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(ENTRY_TIME);
                output.putNextEntry(copy);
                input.transferTo(output);
                output.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
