package io.energylakehouse.etl.source.eex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What an auction row of EEX's report sells, from its {@code Auction Name}, {@code Contract} and (2016 only)
 * {@code Certificate}, in every naming EEX used 2012..2022:
 * <ul>
 * <li>2012..2015: the auctioning area alone ({@code EU}, {@code DE}, {@code PL}, {@code HU}, {@code CZ}, {@code NL},
 *     {@code LT}, {@code XA}, {@code XF}); the platform is not named, so it is the area;</li>
 * <li>2016: {@code EU (TCAP)}, {@code DE}, {@code PL}, with a {@code Certificate} column (EUA, EUAA);</li>
 * <li>2017..2020: {@code Auction 3. Period CAP2-EU}, {@code Auction 3. Period DE}, {@code EUAA Auction CAP2-PL};</li>
 * <li>2021..2022: {@code Auction 4. Period CAP3 EU}, {@code EUAA Auction CAP3 PL}, {@code Auction 4. Period CAP3 NIR}.</li>
 * </ul>
 * The certificate is EUAA (aviation allowances) where the name starts so, the contract is {@code EAA*} or the
 * certificate column says; phase-2 contracts ({@code T2PA}, {@code EAA2}, auctioned until 2013) are other allowances
 * and get a product of their own. The product is {@code EUA_AUCTION_<area>}, {@code EUAA_AUCTION_<area>},
 * {@code EUA_PHASE2_AUCTION_<area>} or {@code EUAA_PHASE2_AUCTION_<area>}; the platform is the one the name gives
 * ({@code TCAP}, {@code CAP2}, {@code CAP3}), else the area ({@code DE}: Germany's own platform).
 *
 * @param certificate {@code EUA} or {@code EUAA}
 * @param area the auctioning area as EEX names it: {@code EU} (the common auction), {@code DE}, {@code PL}, {@code NIR}, ...
 * @param platform the auction platform as EEX names it
 */
public record EexAuctionProduct(String certificate, boolean phaseTwo, String area, String platform)
{
    private static final Pattern PLATFORM = Pattern.compile("T?CAP\\d*");
    private static final Pattern AREA = Pattern.compile("[A-Z]{2,3}");
    private static final Pattern NOISE = Pattern.compile("AUCTION|PERIOD|EUAA?|\\d+\\.?");

    public EexAuctionProduct
    {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(area, "area is null");
        requireNonNull(platform, "platform is null");
    }

    /** The product in {@code curated.spot_prices.product}, e.g. {@code EUA_AUCTION_EU}. */
    public String product()
    {
        return certificate + (phaseTwo ? "_PHASE2" : "") + "_AUCTION_" + area;
    }

    /** What an auction sells, or empty when its name gives no auctioning area. */
    public static Optional<EexAuctionProduct> of(String auctionName, String contract, String certificateColumn)
    {
        List<String> tokens = new ArrayList<>();
        for (String token : auctionName.toUpperCase(Locale.ROOT).split("[\\s\\-()]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        String upperContract = contract == null ? "" : contract.strip().toUpperCase(Locale.ROOT);
        boolean aviation = tokens.contains("EUAA") || upperContract.startsWith("EAA") || "EUAA".equalsIgnoreCase(certificateColumn);
        boolean phaseTwo = upperContract.equals("T2PA") || upperContract.equals("EAA2");
        String platform = null;
        String area = null;
        for (String token : tokens) {
            if (PLATFORM.matcher(token).matches()) {
                platform = platform == null ? token : platform;
            }
            else if (!NOISE.matcher(token).matches() && AREA.matcher(token).matches()) {
                area = token;
            }
        }
        if (area == null) {
            return Optional.empty();
        }
        return Optional.of(new EexAuctionProduct(aviation ? "EUAA" : "EUA", phaseTwo, area, platform == null ? area : platform));
    }
}
