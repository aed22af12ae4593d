package io.scriptgram.store;

/** The common update sequence state ({@code updates.state}): pts, qts, date (unix seconds) and seq. */
public record UpdateState(int pts, int qts, int date, int seq) {}
