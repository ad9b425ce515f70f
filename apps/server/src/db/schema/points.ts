/** Tables of the points module: learning points per activity with daily caps, and branch leaderboards. */
export {};
