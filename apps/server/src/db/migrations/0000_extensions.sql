-- drizzle-kit does not emit CREATE EXTENSION (ARCHITECTURE.md §Pins): this custom migration runs first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
