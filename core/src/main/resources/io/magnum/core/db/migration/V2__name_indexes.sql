-- Lookups by name ("baymodel-show k8sbaymodel") filter by name alone for admins and by
-- "project or public" for everyone else; neither can use the (project_id, name) unique index.
CREATE INDEX idx_baymodel_name ON baymodel (name);
CREATE INDEX idx_bay_name ON bay (name);
