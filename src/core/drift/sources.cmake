# Sources of src/core/drift
target_sources(scimitar_core PRIVATE
)
