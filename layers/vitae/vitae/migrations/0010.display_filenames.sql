-- Stored file names lose the Unicode bidi controls the API now strips on the way in
-- (storage.display_filename): "invoice<U+202E>fdp.exe" showed as "invoiceexe.pdf".
-- depends: 0007.candidates

UPDATE resume_attachments
   SET filename = coalesce(nullif(btrim(regexp_replace(filename, '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]', '', 'g')), ''), 'attachment')
 WHERE filename ~ '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]';

UPDATE cv_documents
   SET filename = coalesce(nullif(btrim(regexp_replace(filename, '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]', '', 'g')), ''), 'cv')
 WHERE filename ~ '[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]';
