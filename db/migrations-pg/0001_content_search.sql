-- Search over the courseware, one row per section, filled from content/ at start-up: PostgreSQL's
-- counterpart of SQLite's FTS5 table content_fts (db/migrations/0001_content_search.sql).
-- pg_trgm's GIN indexes serve LIKE/ILIKE '%…%' on heading and body, so Chinese needs no word
-- segmentation; a query shorter than 3 characters has no trigram of its own and is answered by scanning
-- the index and rechecking, so two-character queries still find their matches.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "content_search" (
	"module_slug" text NOT NULL,
	"section_id" text NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "content_search_heading_trgm_idx" ON "content_search" USING gin ("heading" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "content_search_body_trgm_idx" ON "content_search" USING gin ("body" gin_trgm_ops);
