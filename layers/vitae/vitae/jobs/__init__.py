"""The job catalogue (seed [G] `jobs`): writes by admins and services, bulk imports, search."""
