// Record-level rules of events beyond org scope: pure functions, no database.

/** An event published to an org subtree is open to a person whose record lies in that subtree. */
export const eventOpenTo = (eventPath: string, myPaths: readonly string[]): boolean => myPaths.some((p) => p.startsWith(eventPath));
