# Sources of src/core/output (machine-readable and tabular output shared by the CLI and GUI exports)
target_sources(scimitar_core PRIVATE
)
