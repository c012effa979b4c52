# Sources of src/core/idp (identity-provider sources: Okta, Entra ID, files)
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/IdpDirectory.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpDirectory.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpSource.h
)
