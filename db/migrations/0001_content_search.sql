-- Full-text index of the courseware, one row per section. Filled from content/ at start-up.
-- The trigram tokenizer indexes every 3-character run, so Chinese needs no word segmentation;
-- queries shorter than 3 characters fall back to LIKE on the same table (see db/queries/search.ts).
CREATE VIRTUAL TABLE `content_fts` USING fts5(
  `module_slug` UNINDEXED,
  `section_id` UNINDEXED,
  `heading`,
  `body`,
  tokenize = 'trigram'
);
