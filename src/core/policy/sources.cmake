# Sources of src/core/policy
target_sources(scimitar_core PRIVATE
)
