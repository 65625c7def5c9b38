"""The Docker-free local runtime for Vitae, driven by template.yaml (DESIGN.md section 4)."""
