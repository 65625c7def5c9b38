-- Job recommendations (vitae.jobs.repository.candidates): the job-search preferences as index
-- conditions. A profile's skills match a large share of the catalogue (a nurse's, a tenth), and
-- preferences as narrow as "contract, in Amsterdam or remote" leave a few hundred of those: with
-- the job type and remote work indexed, the planner finds them by ANDing bitmaps (the skill keys'
-- or the text's GIN, the location's trigrams or remote jobs, the job type) instead of reading every
-- match of the skills, or every job newest first, to try each.
-- depends: 0014.job_recommendations

CREATE INDEX jobs_job_type ON jobs (job_type);
CREATE INDEX jobs_remote ON jobs (listed_at DESC, id DESC) WHERE remote;  -- remote jobs, newest first
