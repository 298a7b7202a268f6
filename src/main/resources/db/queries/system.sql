-- name: databaseSize
SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size();
