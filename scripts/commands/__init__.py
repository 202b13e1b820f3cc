"""The commands of the coordinators' tool (scripts/analyses.py), one module each: `add_parser`
adds its arguments, `run` does it. Messages are in French: coordinators read them."""
