package dev.schedtune.trainers.lrfind;

/** How {@link LrFinder} turns its loss curve into a suggested maximum learning rate. */
public enum SuggestionRule {
    /**
     * The learning rate at the minimum of the smoothed loss, divided by 10 (fastai's {@code lr_min}):
     * one order of magnitude below where the loss stops improving.
     */
    MINIMUM_DIV_10,
    /**
     * The learning rate where the smoothed loss falls fastest per unit of log learning rate (fastai's
     * {@code lr_steep}), searched before the minimum and after the first tenth of the sweep (fastai
     * leaves it out too: the bias-corrected average is still noisy there): {@code argmin_i (s[i+1] − s[i]) /
     * (ln lr[i+1] − ln lr[i])}, the rate at point i.
     */
    STEEPEST
}
