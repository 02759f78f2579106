package dev.schedtune.search.sampler.tpe;

/**
 * The standard normal distribution in double precision: erf/erfc (FreeBSD msun, as Optuna's
 * {@code _erf.py}), Φ and log Φ (Cephes / scipy {@code ndtr}, {@code log_ndtr}), Φ⁻¹ (Cephes {@code
 * ndtri}) and log-masses of intervals (scipy's {@code _log_gauss_mass}, as in Optuna's {@code
 * _truncnorm.py}).
 */
final class Gaussian {
    private Gaussian() {}

    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT1_2 = Math.sqrt(0.5);

    // erf/erfc coefficients, FreeBSD /usr/src/lib/msun/src/s_erf.c (Sun Microsystems, freely granted).
    private static final double ERX = 8.45062911510467529297e-01;
    private static final double EFX = 1.28379167095512586316e-01;
    private static final double PP0 = 1.28379167095512558561e-01;
    private static final double PP1 = -3.25042107247001499370e-01;
    private static final double PP2 = -2.84817495755985104766e-02;
    private static final double PP3 = -5.77027029648944159157e-03;
    private static final double PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01;
    private static final double QQ2 = 6.50222499887672944485e-02;
    private static final double QQ3 = 5.08130628187576562776e-03;
    private static final double QQ4 = 1.32494738004321644526e-04;
    private static final double QQ5 = -3.96022827877536812320e-06;
    private static final double PA0 = -2.36211856075265944077e-03;
    private static final double PA1 = 4.14856118683748331666e-01;
    private static final double PA2 = -3.72207876035701323847e-01;
    private static final double PA3 = 3.18346619901161753674e-01;
    private static final double PA4 = -1.10894694282396677476e-01;
    private static final double PA5 = 3.54783043256182359371e-02;
    private static final double PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01;
    private static final double QA2 = 5.40397917702171048937e-01;
    private static final double QA3 = 7.18286544141962662868e-02;
    private static final double QA4 = 1.26171219808761642112e-01;
    private static final double QA5 = 1.36370839120290507362e-02;
    private static final double QA6 = 1.19844998467991074170e-02;
    private static final double RA0 = -9.86494403484714822705e-03;
    private static final double RA1 = -6.93858572707181764372e-01;
    private static final double RA2 = -1.05586262253232909814e01;
    private static final double RA3 = -6.23753324503260060396e01;
    private static final double RA4 = -1.62396669462573470355e02;
    private static final double RA5 = -1.84605092906711035994e02;
    private static final double RA6 = -8.12874355063065934246e01;
    private static final double RA7 = -9.81432934416914548592e00;
    private static final double SA1 = 1.96512716674392571292e01;
    private static final double SA2 = 1.37657754143519042600e02;
    private static final double SA3 = 4.34565877475229228821e02;
    private static final double SA4 = 6.45387271733267880336e02;
    private static final double SA5 = 4.29008140027567833386e02;
    private static final double SA6 = 1.08635005541779435134e02;
    private static final double SA7 = 6.57024977031928170135e00;
    private static final double SA8 = -6.04244152148580987438e-02;
    private static final double RB0 = -9.86494292470009928597e-03;
    private static final double RB1 = -7.99283237680523006574e-01;
    private static final double RB2 = -1.77579549177547519889e01;
    private static final double RB3 = -1.60636384855821916062e02;
    private static final double RB4 = -6.37566443368389627722e02;
    private static final double RB5 = -1.02509513161107724954e03;
    private static final double RB6 = -4.83519191608651397019e02;
    private static final double SB1 = 3.03380607434824582924e01;
    private static final double SB2 = 3.25792512996573918826e02;
    private static final double SB3 = 1.53672958608443695994e03;
    private static final double SB4 = 3.19985821950859553908e03;
    private static final double SB5 = 2.55305040643316442583e03;
    private static final double SB6 = 4.74528541206955367215e02;
    private static final double SB7 = -2.24409524465858183362e01;

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a < 0.84375) {
            if (a < 0x1p-28) {
                return x + EFX * x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            return x + x * (r / s);
        }
        if (a < 1.25) {
            double s = a - 1;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return x >= 0 ? ERX + p / q : -ERX - p / q;
        }
        if (a >= 6) {
            return x >= 0 ? 1.0 : -1.0;
        }
        double r = tail(a);
        return x >= 0 ? 1 - r / a : r / a - 1;
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a < 0.84375) {
            if (a < 0x1p-56) {
                return 1 - x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            double y = r / s;
            if (x < 0.25) {
                return 1 - (x + x * y);
            }
            return 0.5 - (x * y + (x - 0.5));
        }
        if (a < 1.25) {
            double s = a - 1;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return x >= 0 ? (1 - ERX) - p / q : 1 + (ERX + p / q);
        }
        if (a < 28) {
            if (x < -6) {
                return 2.0;
            }
            double r = tail(a);
            return x > 0 ? r / a : 2 - r / a;
        }
        return x > 0 ? 0.0 : 2.0;
    }

    /** a · erfc(a) for 1.25 ≤ a < 28, with the low word of a cleared to keep exp(-a²) exact. */
    private static double tail(double a) {
        double s = 1 / (a * a);
        double r;
        double q;
        if (a < 1 / 0.35) {
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
        } else {
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xffffffff00000000L);
        return Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + r / q);
    }

    /** Φ(a), the standard normal CDF (Cephes {@code ndtr}). */
    static double cdf(double a) {
        double x = a * SQRT1_2;
        double z = Math.abs(x);
        if (z < SQRT1_2) {
            return 0.5 + 0.5 * erf(x);
        }
        double y = 0.5 * erfc(z);
        return x > 0 ? 1 - y : y;
    }

    /** log Φ(a), accurate in the far left tail by the asymptotic series (scipy's {@code log_ndtr}). */
    static double logCdf(double a) {
        if (a > 6) {
            return -cdf(-a);
        }
        if (a > 0) {
            return Math.log1p(-cdf(-a));
        }
        if (a > -20) {
            return Math.log(cdf(a));
        }
        double logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
        double lastTotal = 0;
        double rhs = 1;
        double numerator = 1;
        double denomFactor = 1;
        double denomCons = 1 / (a * a);
        int sign = 1;
        int i = 0;
        while (Math.abs(lastTotal - rhs) > Math.ulp(1.0)) {
            i++;
            lastTotal = rhs;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rhs += sign * numerator * denomFactor;
        }
        return logLhs + Math.log(rhs);
    }

    /** log of the standard normal mass in [a, b], a ≤ b, accurate in both tails. */
    static double logMass(double a, double b) {
        if (b <= 0) {
            return logDiff(logCdf(b), logCdf(a));
        }
        if (a > 0) {
            return logDiff(logCdf(-a), logCdf(-b));
        }
        return Math.log1p(-cdf(a) - cdf(-b));
    }

    private static double logDiff(double logP, double logQ) {
        return logP + Math.log1p(-Math.exp(logQ - logP));
    }

    // Cephes ndtri.c (Stephen L. Moshier, Cephes Math Library 2.8): rational approximations.
    private static final double S2PI = 2.50662827463100050242E0;
    private static final double[] P0 = {
        -5.99633501014107895267E1,
        9.80010754185999661536E1,
        -5.66762857469070293439E1,
        1.39312609387279679503E1,
        -1.23916583867381258016E0,
    };
    private static final double[] Q0 = {
        1.95448858338141759834E0,
        4.67627912898881538453E0,
        8.63602421390890590575E1,
        -2.25462687854119370527E2,
        2.00260212380060660359E2,
        -8.20372256168333339912E1,
        1.59056225126211695515E1,
        -1.18331621121330003142E0,
    };
    private static final double[] P1 = {
        4.05544892305962419923E0,
        3.15251094599893866154E1,
        5.71628192246421288162E1,
        4.40805073893200834700E1,
        1.46849561928858024014E1,
        2.18663306850790267539E0,
        -1.40256079171354495875E-1,
        -3.50424626827848203418E-2,
        -8.57456785154685413611E-4,
    };
    private static final double[] Q1 = {
        1.57799883256466749731E1,
        4.53907635128879210584E1,
        4.13172038254672030440E1,
        1.50425385692907503408E1,
        2.50464946208309415979E0,
        -1.42182922854787788574E-1,
        -3.80806407691578277194E-2,
        -9.33259480895457427372E-4,
    };
    private static final double[] P2 = {
        3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0,
        1.33303460815807542389E0, 2.01485389549179081538E-1, 1.23716634817820021358E-2,
        3.01581553508235416007E-4, 2.65806974686737550832E-6, 6.23974539184983293730E-9,
    };
    private static final double[] Q2 = {
        6.02427039364742014255E0, 3.67983563856160859403E0, 1.37702099489081330271E0,
        2.16236993594496635890E-1, 1.34204006088543189037E-2, 3.28014464682127739104E-4,
        2.89247864745380683936E-6, 6.79019408009981274425E-9,
    };
    private static final double EXP_M2 = 0.13533528323661269189;

    /** Φ⁻¹(p) for p in (0, 1); ±∞ at the ends. */
    static double inverseCdf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        boolean negate = true;
        double y = p;
        if (y > 1 - EXP_M2) {
            y = 1 - y;
            negate = false;
        }
        if (y > EXP_M2) {
            y -= 0.5;
            double y2 = y * y;
            double x = y + y * (y2 * polevl(y2, P0) / p1evl(y2, Q0));
            return x * S2PI;
        }
        double x = Math.sqrt(-2 * Math.log(y));
        double x0 = x - Math.log(x) / x;
        double z = 1 / x;
        double x1 = x < 8 ? z * polevl(z, P1) / p1evl(z, Q1) : z * polevl(z, P2) / p1evl(z, Q2);
        x = x0 - x1;
        return negate ? -x : x;
    }

    private static double polevl(double x, double[] c) {
        double r = c[0];
        for (int i = 1; i < c.length; i++) {
            r = r * x + c[i];
        }
        return r;
    }

    /** Like {@link #polevl} with an implicit leading coefficient 1. */
    private static double p1evl(double x, double[] c) {
        double r = x + c[0];
        for (int i = 1; i < c.length; i++) {
            r = r * x + c[i];
        }
        return r;
    }

    /**
     * A standard normal variate truncated to [a, b] (a ≤ 0 ≤ b in TPE, where every kernel is centred
     * inside the domain) by inversion of the CDF from the side nearer the mass, so neither tail loses
     * precision.
     */
    static double truncatedQuantile(double q, double a, double b) {
        if (a < 0) {
            double lo = cdf(a);
            double hi = cdf(b);
            return inverseCdf(lo + q * (hi - lo));
        }
        double lo = cdf(-b);
        double hi = cdf(-a);
        return -inverseCdf(lo + (1 - q) * (hi - lo));
    }
}
