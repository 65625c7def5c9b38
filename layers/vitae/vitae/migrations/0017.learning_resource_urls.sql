-- Learning resources: `url` holds an address in one spelling, so that UNIQUE (user_id, url) holds
-- for the address however it was written. New rows are written so by the API
-- (vitae.assistant.models.normal_url: scheme and host in lower case, the default port and an empty
-- port dropped, an empty path written "/", the fragment dropped, path and query as written); rows
-- saved before are rewritten here the same way. Their host is lower-cased but left in Unicode if it
-- was (IDNA's punycode is not computable in SQL; such rows are rare and still unique as written).
-- Rows that turn out to be the same address for one user are merged into the first saved: it keeps
-- its fields and is completed or bookmarked when any of them was; the others are deleted.
-- depends: 0016.assistant

CREATE TEMPORARY TABLE learning_resource_spellings AS
SELECT id, url, first_value(id) OVER (PARTITION BY user_id, url ORDER BY created_at, id) AS keep
FROM (
    SELECT id, user_id, created_at,
           coalesce(lower(part[1]) || '://'
                    || regexp_replace(lower(part[2]),
                                      CASE lower(part[1]) WHEN 'https' THEN ':(443)?$' ELSE ':(80)?$' END, '')
                    || CASE WHEN part[3] = '' OR part[3] LIKE '?%' THEN '/' ELSE '' END
                    || regexp_replace(part[3], '^([^?]*)\?$', '\1'),
                    url) AS url
    FROM (SELECT id, user_id, created_at, url,
                 regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^#]*)') AS part
          FROM learning_resources) parsed
) spelled;

UPDATE learning_resources r
   SET completed = merged.completed, bookmarked = merged.bookmarked, updated_at = clock_timestamp()
  FROM (SELECT s.keep, bool_or(l.completed) AS completed, bool_or(l.bookmarked) AS bookmarked
          FROM learning_resource_spellings s JOIN learning_resources l ON l.id = s.id
         GROUP BY s.keep) merged
 WHERE r.id = merged.keep
   AND (r.completed, r.bookmarked) IS DISTINCT FROM (merged.completed, merged.bookmarked);

DELETE FROM learning_resources r
 USING learning_resource_spellings s
 WHERE r.id = s.id AND s.id <> s.keep;

UPDATE learning_resources r
   SET url = s.url
  FROM learning_resource_spellings s
 WHERE r.id = s.id AND r.url <> s.url;

DROP TABLE learning_resource_spellings;

-- What the uniqueness depends on, held for every row: no upper-case ASCII in scheme and host, a path,
-- no default or empty port, no fragment.
ALTER TABLE learning_resources ADD CONSTRAINT learning_resources_url_normal CHECK (
    url ~ '^https?://[^/?#A-Z]+/'
    AND url !~ '^http://[^/]*:(80)?/'
    AND url !~ '^https://[^/]*:(443)?/'
    AND position('#' IN url) = 0
);
